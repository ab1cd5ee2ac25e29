import { z } from 'zod';
import type { IntentMatcher } from './matcher.js';
import type { LabelledExample, Locale } from './types.js';

/** One labelled line of a train or test file: `{"text", "intent": string|null, "locale"?}`. */
const lineSchema = z.object({
  text: z.string().min(1),
  intent: z.string().min(1).nullable(),
  locale: z.enum(['sv', 'en']).optional(),
});

/** Parses JSON lines of labelled examples; a bad line throws an error naming the file and line number. */
export function parseLabelledLines(content: string, source: string): LabelledExample[] {
  const examples: LabelledExample[] = [];
  content.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new Error(`${source}:${i + 1}: not valid JSON`);
    }
    const parsed = lineSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${source}:${i + 1}: ${issue?.path.join('.') || 'line'}: ${issue?.message ?? 'invalid'}`);
    }
    examples.push(parsed.data);
  });
  return examples;
}

export interface IntentScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** How well a matcher did on labelled test lines. */
export interface EvaluationReport {
  /** Share of in-scope lines given their right intent. */
  inScopeAccuracy: number;
  /** Share of out-of-scope lines (intent null) the matcher abstained on. */
  oosRecall: number;
  /** Mean F1 over every label of the test lines, out-of-scope ("null") counted as one label. */
  macroF1: number;
  perIntent: Record<string, IntentScores>;
  /** Most frequent mistakes, expected → predicted ("null" = out of scope). */
  confusions: { expected: string; predicted: string; count: number }[];
  /** The same two shares per language of the lines. */
  byLocale: Partial<
    Record<Locale, { inScopeAccuracy: number; oosRecall: number; inScope: number; outOfScope: number }>
  >;
  lines: number;
}

const OUT = 'null';

/** Classifies every test line and scores the result. */
export function evaluate(matcher: IntentMatcher, tests: readonly LabelledExample[]): EvaluationReport {
  const counts = new Map<string, { tp: number; fp: number; fn: number; support: number }>();
  const entry = (label: string) => {
    let c = counts.get(label);
    if (!c) counts.set(label, (c = { tp: 0, fp: 0, fn: 0, support: 0 }));
    return c;
  };
  const confusions = new Map<string, number>();
  const perLocale = new Map<Locale, { right: number; inScope: number; abstained: number; outOfScope: number }>();
  for (const test of tests) {
    const result = matcher.classify(test.text, test.locale);
    const expected = test.intent ?? OUT;
    const predicted = result.intent ?? OUT;
    const locale = test.locale ?? result.locale;
    const tally = perLocale.get(locale) ?? { right: 0, inScope: 0, abstained: 0, outOfScope: 0 };
    perLocale.set(locale, tally);
    entry(expected).support++;
    if (expected === OUT) {
      tally.outOfScope++;
      if (predicted === OUT) tally.abstained++;
    } else {
      tally.inScope++;
      if (predicted === expected) tally.right++;
    }
    if (predicted === expected) {
      entry(expected).tp++;
    } else {
      entry(expected).fn++;
      entry(predicted).fp++;
      const key = `${expected}\u0000${predicted}`;
      confusions.set(key, (confusions.get(key) ?? 0) + 1);
    }
  }
  const perIntent: Record<string, IntentScores> = {};
  for (const [label, c] of counts) {
    if (c.support === 0) continue;
    const precision = c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : 0;
    const recall = c.tp / c.support;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    perIntent[label] = { precision: round(precision), recall: round(recall), f1: round(f1), support: c.support };
  }
  const f1s = Object.values(perIntent).map((s) => s.f1);
  let right = 0;
  let inScope = 0;
  let abstained = 0;
  let outOfScope = 0;
  const byLocale: EvaluationReport['byLocale'] = {};
  for (const [locale, t] of perLocale) {
    right += t.right;
    inScope += t.inScope;
    abstained += t.abstained;
    outOfScope += t.outOfScope;
    byLocale[locale] = {
      inScopeAccuracy: ratio(t.right, t.inScope),
      oosRecall: ratio(t.abstained, t.outOfScope),
      inScope: t.inScope,
      outOfScope: t.outOfScope,
    };
  }
  return {
    inScopeAccuracy: ratio(right, inScope),
    oosRecall: ratio(abstained, outOfScope),
    macroF1: round(f1s.reduce((a, b) => a + b, 0) / Math.max(f1s.length, 1)),
    perIntent,
    confusions: [...confusions]
      .map(([key, count]) => {
        const [expected = '', predicted = ''] = key.split('\u0000');
        return { expected, predicted, count };
      })
      .sort((a, b) => b.count - a.count || a.expected.localeCompare(b.expected))
      .slice(0, 20),
    byLocale,
    lines: tests.length,
  };
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : round(part / whole);
}

function round(value: number): number {
  return Math.round(value * 10000) / 10000;
}
