import type { Locale } from '../types.js';
import { normalize } from './lexicon.js';
import type { Cue, Preposition, TimeGrammar } from './time-words.js';
import { AFTER_BARE_TIME, TIME_GRAMMARS } from './time-words.js';

/**
 * Part-of-day absence ("kommer efter lunch", "går hem kl 13", "leaves at 1pm") as wall-clock times (`HH:MM`,
 * Stockholm). Clock numbers that belong to dates ("3/12", "10–14 mars", "vecka 7") are blanked out first.
 */

/** When lunch is, for "efter lunch" / "after lunch" and the like. */
export const LUNCH = '12:00';

/**
 * Absent from `absentFrom` to the end of the day and/or from the start of the day until `absentUntil`. With both,
 * `absentFrom` < `absentUntil` is an absence between them ("kl 10–12"); `absentFrom` > `absentUntil` is a
 * presence between them ("kommer kl 10 och går hem kl 14").
 */
export interface PartOfDay {
  absentFrom?: string;
  absentUntil?: string;
}

/**
 * True when the message says the whole day ("heldag", "hela dagen", "all day", "whole day"): that is not part of a
 * day, so the dialog should not ask for times.
 */
export function isWholeDay(text: string, locale: Locale): boolean {
  return TIME_GRAMMARS[locale].wholeDay.test(normalize(text));
}

/** A time expression found in the text. */
interface Expression {
  start: number;
  end: number;
  /** A clock time or lunch (`from`), two clock times, or a half of the day. */
  kind: 'time' | 'range' | 'morning' | 'afternoon';
  from?: string;
  until?: string;
  preposition?: Preposition | undefined;
  /** A bare number ("13"): only a time after a preposition or right after a cue, and before a harmless word. */
  bare?: boolean;
}

/** A cue word and where it is. */
interface CueAt {
  start: number;
  end: number;
  cue: Cue;
}

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * `HH:MM` of a written hour and minute; with no am/pm and no leading zero, 1–5 are afternoon hours (school day:
 * "hämtas kl 2", "picked up at 2" mean 14:00).
 */
function clockTime(hour: string, minute: string | undefined, meridiem: string | undefined): string | undefined {
  let h = Number(hour);
  const m = minute === undefined ? 0 : Number(minute);
  if (m > 59) return undefined;
  if (meridiem !== undefined) {
    if (h < 1 || h > 12) return undefined;
    h = (h % 12) + (meridiem.startsWith('p') ? 12 : 0);
  } else if (h >= 1 && h <= 5 && !hour.startsWith('0')) h += 12;
  return h <= 23 ? `${pad(h)}:${pad(m)}` : undefined;
}

function prepositionOf(grammar: TimeGrammar, word: string | undefined): Preposition | undefined {
  if (word === undefined) return undefined;
  return (['from', 'until', 'at'] as const).find((p) => grammar.prepositions[p].test(word));
}

/** "kl 10–12", "mellan 10 och 12", "from 10 to 12": "och"/"and" only after "mellan"/"between". */
function ranges(text: string, grammar: TimeGrammar): Expression[] {
  const found: Expression[] = [];
  for (const m of text.matchAll(grammar.range)) {
    const [, opener, clock1, h1 = '', m1, ap1, connector = '', clock2, h2 = '', m2, ap2] = m;
    if (grammar.and.test(connector) && !grammar.between.test(opener ?? '')) continue;
    const end = m.index + m[0].length;
    const marked = [clock1, m1, ap1, clock2, m2, ap2].some((part) => part !== undefined);
    if (!marked && (opener === undefined || !AFTER_BARE_TIME.test(text.slice(end)))) continue;
    // "1 to 3pm": the pm carries over to the start.
    const from = clockTime(h1, m1, ap1 ?? (ap2?.startsWith('p') && Number(h1) < Number(h2) ? ap2 : undefined));
    const until = clockTime(h2, m2, ap2);
    if (from !== undefined && until !== undefined && from < until) {
      found.push({ start: m.index, end, kind: 'range', from, until });
    }
  }
  return found;
}

/** Time expressions in (date-blanked, normalized) text, leftmost first; ranges take precedence over their parts. */
function expressions(text: string, grammar: TimeGrammar): Expression[] {
  const found = ranges(text, grammar);
  const free = (start: number, end: number) => found.every((e) => end <= e.start || start >= e.end);
  for (const m of text.matchAll(grammar.single)) {
    const [, preposition, clock, hour = '', minute, meridiem] = m;
    const end = m.index + m[0].length;
    const time = clockTime(hour, minute, meridiem);
    const bare = clock === undefined && minute === undefined && meridiem === undefined;
    if (time === undefined || !free(m.index, end) || (bare && !AFTER_BARE_TIME.test(text.slice(end)))) continue;
    found.push({
      start: m.index,
      end,
      kind: 'time',
      from: time,
      preposition: prepositionOf(grammar, preposition),
      bare,
    });
  }
  for (const m of text.matchAll(grammar.lunch)) {
    const end = m.index + m[0].length;
    if (free(m.index, end)) {
      found.push({ start: m.index, end, kind: 'time', from: LUNCH, preposition: prepositionOf(grammar, m[1]) });
    }
  }
  for (const kind of ['morning', 'afternoon'] as const) {
    for (const m of text.matchAll(grammar[kind])) {
      const end = m.index + m[0].length;
      if (free(m.index, end)) found.push({ start: m.index, end, kind });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Cue words, leaving before presence before arrival where they overlap. */
function cues(text: string, grammar: TimeGrammar): CueAt[] {
  const found: CueAt[] = [];
  for (const cue of ['leaving', 'presence', 'arrival'] as const) {
    for (const m of text.matchAll(grammar.cues[cue])) {
      const end = m.index + m[0].length;
      if (found.every((f) => end <= f.start || m.index >= f.end)) found.push({ start: m.index, end, cue });
    }
  }
  return found;
}

const SENTENCE_BREAK = /[!?;\n]|\.(?:\s|$)/;

/** The nearest cue before an expression in the same sentence ("går hem kl 13"). */
function cueBefore(text: string, expression: Expression, found: readonly CueAt[]): CueAt | undefined {
  return found
    .filter((f) => f.start < expression.start && expression.start - f.end <= 40)
    .filter((f) => !SENTENCE_BREAK.test(text.slice(f.end, expression.start)))
    .sort((a, b) => b.start - a.start)[0];
}

/** A cue right after an expression ("kl 13 går hon hem"), unless a later time already belongs to it. */
function cueAfter(text: string, expression: Expression, found: readonly CueAt[], claimed: ReadonlySet<CueAt>) {
  return found
    .filter((f) => f.start >= expression.end && f.start - expression.end <= 25 && !claimed.has(f))
    .find((f) => !SENTENCE_BREAK.test(text.slice(expression.end, f.start)));
}

/** "går hem 13": a bare number directly after a cue (at most one word between). */
const rightAfterCue = (text: string, expression: Expression, found: readonly CueAt[]) =>
  found.some((f) => f.end <= expression.start && /^\s*(?:\w+\s+)?$/.test(text.slice(f.end, expression.start)));

/** What an expression says about the absence, given the cue it belongs to (if any). */
function absence(expression: Expression, cue: Cue | undefined): PartOfDay {
  const { kind, from, until, preposition } = expression;
  switch (kind) {
    case 'range':
      if (cue === 'arrival') return { absentUntil: until };
      if (cue === 'leaving') return { absentFrom: from };
      return cue === 'presence' ? {} : { absentFrom: from, absentUntil: until };
    case 'morning':
      if (cue === 'presence') return { absentFrom: LUNCH };
      return cue === undefined ? { absentUntil: LUNCH } : {};
    case 'afternoon':
      return cue === 'arrival' || cue === 'presence' ? { absentUntil: LUNCH } : { absentFrom: LUNCH };
    case 'time':
      if (cue === 'arrival') return { absentUntil: from };
      if (cue === 'leaving') return { absentFrom: from };
      if (cue === 'presence') return preposition === 'until' ? { absentFrom: from } : { absentUntil: from };
      if (preposition === 'from') return { absentFrom: from };
      return preposition === 'until' ? { absentUntil: from } : {};
  }
}

/**
 * Part of a day away, from the message's wording: arriving ("kommer efter lunch", "kommer kl 10", "in by 10") gives
 * `absentUntil`; leaving ("går hem kl 13", "hämtas 13.30", "picked up at 2") gives `absentFrom`; being there until
 * a time ("är där till lunch", "stays until 1") also gives `absentFrom`. Without such a verb: "på förmiddagen",
 * "före lunch", "in the morning", "till kl 10" → `absentUntil`; "på eftermiddagen", "efter lunch", "from 13" →
 * `absentFrom`; "kl 10–12", "mellan 10 och 12", "from 10 to 12" → both. A lone "kl 10" says nothing about absence.
 * Undefined when nothing is found, or for the whole day ("heldag", "all day").
 */
export function findPartOfDay(text: string, locale: Locale): PartOfDay | undefined {
  if (isWholeDay(text, locale)) return undefined;
  const grammar = TIME_GRAMMARS[locale];
  const normalized = normalize(text).replace(grammar.dateNumbers, (match) => ' '.repeat(match.length));
  const found = cues(normalized, grammar);
  const times = expressions(normalized, grammar).filter(
    (e) => !e.bare || e.preposition !== undefined || rightAfterCue(normalized, e, found),
  );
  const before = times.map((expression) => cueBefore(normalized, expression, found));
  const claimed = new Set(before.filter((cue) => cue !== undefined));
  let absentFrom: string | undefined;
  let absentUntil: string | undefined;
  for (const [index, expression] of times.entries()) {
    const cue = before[index] ?? cueAfter(normalized, expression, found, claimed);
    const part = absence(expression, cue?.cue);
    absentFrom ??= part.absentFrom;
    absentUntil ??= part.absentUntil;
  }
  if (absentFrom === undefined && absentUntil === undefined) return undefined;
  return { ...(absentFrom === undefined ? {} : { absentFrom }), ...(absentUntil === undefined ? {} : { absentUntil }) };
}
