import type { LabelledExample, Locale } from '../nlu/types.js';
import type { Problem } from './problem.js';
import { readKnowledge } from './read.js';
import type { Entry, EntryKind, Overlay } from './schema.js';

/** How much an answer text counts as an example, against an example question (1). */
const ANSWER_WEIGHT = 0.6;

/** The knowledge base could not be loaded; the message names each file, entry and problem. */
export class KnowledgeBaseError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(
      `The knowledge base has ${problems.length} problem(s):\n` +
        problems.map((p) => `  ${p.file}${p.entry ? ` [${p.entry}]` : ''}: ${p.message}`).join('\n'),
    );
    this.name = 'KnowledgeBaseError';
  }
}

/** The answers the assistant knows, in both languages, with the chosen municipality's answers on top. */
export class KnowledgeBase {
  private readonly byId: ReadonlyMap<string, Entry>;

  constructor(
    entries: readonly Entry[],
    private readonly outOfScope: Record<Locale, string[]>,
    /** The municipality whose answers replace the general ones, if one is chosen. */
    readonly overlay?: Overlay,
  ) {
    this.byId = new Map(entries.map((entry) => [entry.id, entry]));
  }

  get ids(): string[] {
    return [...this.byId.keys()];
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  kind(id: string): EntryKind | undefined {
    return this.byId.get(id)?.kind;
  }

  /** The answer in a language, the municipality's version where it has one. */
  answer(id: string, locale: Locale): string | undefined {
    return this.overlay?.answers[id]?.[locale] ?? this.byId.get(id)?.[locale].answer;
  }

  /** The short title shown on buttons. */
  title(id: string, locale: Locale): string | undefined {
    return this.byId.get(id)?.[locale].title;
  }

  followUps(id: string): readonly string[] {
    return this.byId.get(id)?.followUps ?? [];
  }

  /** The labelled examples the matcher learns from: questions, answers (weighted lower) and out-of-scope ones. */
  examples(): LabelledExample[] {
    const examples: LabelledExample[] = [];
    for (const entry of this.byId.values()) {
      for (const locale of ['sv', 'en'] as const) {
        for (const text of entry[locale].questions) examples.push({ text, intent: entry.id, locale });
        examples.push({ text: entry[locale].title, intent: entry.id, locale });
        if (entry.kind !== 'talk') {
          examples.push({ text: this.answer(entry.id, locale) ?? '', intent: entry.id, locale, weight: ANSWER_WEIGHT });
        }
      }
    }
    for (const locale of ['sv', 'en'] as const) {
      for (const text of this.outOfScope[locale]) examples.push({ text, intent: null, locale });
    }
    return examples;
  }
}

/**
 * Reads, validates and assembles the knowledge base. Any error (or an unknown municipality) throws a
 * `KnowledgeBaseError` naming the file, the entry and what is wrong, so a broken file stops start-up.
 */
export function loadKnowledgeBase(dir: string, municipality?: string): KnowledgeBase {
  const raw = readKnowledge(dir);
  const errors = raw.problems.filter((p) => p.severity === 'error');
  if (raw.entries.length === 0 && errors.length === 0) {
    errors.push({ severity: 'error', file: dir, message: 'the knowledge base has no entries' });
  }
  const overlay = municipality ? raw.overlays.get(municipality) : undefined;
  if (municipality && !overlay) {
    const known = [...raw.overlays.keys()].join(', ') || 'none';
    errors.push({
      severity: 'error',
      file: `${dir}/overlays`,
      message: `no overlay for municipality "${municipality}" (known: ${known})`,
    });
  }
  if (errors.length > 0) throw new KnowledgeBaseError(errors);
  return new KnowledgeBase(raw.entries, raw.outOfScope, overlay);
}
