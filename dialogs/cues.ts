import { findDateRange, findPartOfDay } from '../src/nlu/dates.js';
import { type Locale, LOCALES } from '../src/nlu/types.js';
import type { KeywordList, Keywords, Span } from './keywords.js';
import type { TaskCue, TaskTable } from './task-table.js';

/** A task a message states in everyday words, and whether nothing else can be meant. */
export interface Cue {
  intent: string;
  /** The whole message is the task's name ("frånvaro"). */
  bare: boolean;
}

/**
 * The task a message states plainly, by the task table's cues: "frånvaro", "vi vabbar", "Elsa mår dåligt", "we're
 * keeping her at home", "innebandyläger vecka 9", "we can't make it to the parent meeting". No day is needed; what
 * the day is (and whether it can be used) is the task's business. Names of children never matter.
 */
export function taskCue(
  text: string,
  moment: { locale: Locale; now: Date },
  keywords: Keywords,
  table: TaskTable,
): Cue | undefined {
  const entries = Object.entries(table);
  const bare = entries.find(([, { cue }]) => cue.named !== undefined && keywords.isExactly(text, cue.named));
  if (bare) return { intent: bare[0], bare: true };
  const stated = entries.filter(([, { cue }]) => states(text, cue, moment.locale, keywords));
  if (stated.length === 0) return undefined;
  let chosen = stated[0];
  if (stated.length > 1) {
    // "Vi åker på semester, Elsa stannar hemma vecka 7" is leave; "Elsa är ledig i morgon, tandläkaren" an absence.
    const days = namesDays(text, moment);
    const spanning = days && days.from < days.to ? stated.find(([, { cue }]) => cue.spansDays) : undefined;
    chosen = spanning ?? chosen;
  }
  return chosen && { intent: chosen[0], bare: false };
}

/** The message names a day or days ("i morgon", "på fredag", "vecka 9"): it is about an occasion, not a rule. */
export function namesDay(text: string, moment: { locale: Locale; now: Date }): boolean {
  return namesDays(text, moment) !== undefined;
}

function states(text: string, cue: TaskCue, locale: Locale, keywords: Keywords): boolean {
  const says = (list: KeywordList) =>
    keywords.spans(text, list).some((span) => !cue.ofTheChild || !saidOfOther(text, span, keywords));
  const said =
    (cue.states ?? []).some(says) ||
    // "God eftermiddag" names a part of the day too, but says nobody comes or goes.
    (cue.partOfDay !== undefined &&
      says(cue.partOfDay) &&
      inEitherLanguage(locale, (l) => findPartOfDay(text, l)) !== undefined);
  return said && (cue.with === undefined || cue.with.some((list) => keywords.mentions(text, list)));
}

/**
 * The phrase at `span` is said of someone or something other than the child: its subject is the bus, the school,
 * the lunch or the teacher, before it ("Bussen kommer 8.15", "the bus is running late") or after it when it comes
 * first or after a time ("Kommer lunchen idag", "I morgon slutar skolan kl 12"). A child's name, "hon", "vi" or no
 * subject at all ("Kan inte komma idag") is about the child.
 */
function saidOfOther(text: string, span: Span, keywords: Keywords): boolean {
  const others = keywords.spans(text, 'notTheChild');
  const auxiliaries = keywords.spans(text, 'auxiliary');
  let at = span.start;
  for (let aux = auxiliaries.find((a) => a.end === at); aux; aux = auxiliaries.find((a) => a.end === at)) {
    at = aux.start;
  }
  const before = others.find((other) => other.end === at);
  // "Efter lunchen kommer Elsa": the lunch is when, not who.
  if (before && !keywords.spans(text, 'preposition').some((p) => p.end === before.start)) return true;
  const leads = keywords.covered(text, ['timeAdverb']).slice(0, span.start).every(Boolean);
  return leads && others.some((other) => other.start === span.end);
}

/** The days a message names, read in its language first and then in the other. */
function namesDays(text: string, moment: { locale: Locale; now: Date }) {
  return inEitherLanguage(moment.locale, (locale) => findDateRange(text, locale, moment.now));
}

function inEitherLanguage<T>(first: Locale, read: (locale: Locale) => T | undefined): T | undefined {
  for (const locale of [first, ...LOCALES.filter((l) => l !== first)]) {
    const found = read(locale);
    if (found !== undefined) return found;
  }
  return undefined;
}
