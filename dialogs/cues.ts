import { findDateRange, findPartOfDay } from '../src/nlu/dates.js';
import { type Locale, LOCALES } from '../src/nlu/types.js';
import type { Keywords } from './keywords.js';
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
  const said =
    (cue.states ?? []).some((list) => keywords.mentions(text, list)) ||
    // "God eftermiddag" names a part of the day too, but says nobody comes or goes.
    (cue.partOfDay !== undefined &&
      keywords.mentions(text, cue.partOfDay) &&
      inEitherLanguage(locale, (l) => findPartOfDay(text, l)) !== undefined);
  return said && (cue.with === undefined || cue.with.some((list) => keywords.mentions(text, list)));
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
