/** The two languages the assistant speaks; Swedish first. */
export const LOCALES = ['sv', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Narrows any string to a supported locale (e.g. "sv-SE" from a channel → "sv"). */
export function toLocale(value: string | undefined | null): Locale | undefined {
  const prefix = value?.trim().slice(0, 2).toLowerCase();
  return prefix === 'sv' || prefix === 'en' ? prefix : undefined;
}

/** One labelled example the matcher learns from; `intent: null` marks an out-of-scope example. */
export interface LabelledExample {
  text: string;
  intent: string | null;
  locale?: Locale | undefined;
  /** Relative weight of the example (answer texts are weighted lower than example questions). */
  weight?: number;
}

/** A confidence or similarity as classifications carry it: three decimals, enough to rank and to read. */
export function roundConfidence(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** An intent with the matcher's confidence in it, in [0, 1]. */
export interface ScoredIntent {
  intent: string;
  confidence: number;
}

/** What the matcher concluded about one message. */
export interface Classification {
  /** The best intent, or null when the message is outside what the matcher knows. */
  intent: string | null;
  confidence: number;
  /** The language the message is written in (or the conversation's, when the message does not tell). */
  locale: Locale;
  /** Runners-up, best first, at most 5. */
  alternatives: ScoredIntent[];
  /** True when the best two intents are too close to pick one without asking. */
  ambiguous: boolean;
}
