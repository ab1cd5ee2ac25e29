import type { DaySpec, MentionValue, WeekdayRule } from './calendar.js';
import { calendarDate, weekdaysOfWeek, weeks } from './calendar.js';
import { anyWeekdayPattern, dayOf, dayPattern, monthOf, monthPattern, weekdayOf, weekdayPattern } from './lexicon.js';
import type { Joiners, Rule } from './mentions.js';

/**
 * Swedish date rules (chrono-node has no Swedish), over normalized text: no diacritics, so "måndag" and "mandag",
 * "i övermorgon" and "i overmorgon" are the same. Abbreviated weekdays fold into common words ("mån" → "man",
 * "sön" → "son"), so they only count in a weekday range ("mån–fre").
 */

const MONTH = monthPattern('sv');
const WEEKDAY = weekdayPattern('sv');
const DAY = dayPattern('sv');
const YEAR = '(\\d{4})';
/** Not glued to a preceding word, number, slash or dot (so "1.3/4" or "x3 dec" start nothing). */
const START = '(?<![\\w/.:])';
/** "1/2 dag" is half a day, not 1 February. */
const NOT_FRACTION = '(?!\\s*(?:dag|dagar|del|delar|timme|timmar|av)\\b)';

const rule = (source: string, read: Rule['read']): Rule => ({ pattern: new RegExp(source, 'g'), read });
const day = (spec: DaySpec): MentionValue => ({ kind: 'day', spec });
const num = (value: string | undefined) => (value === undefined ? undefined : Number(value));

const MODIFIERS: Record<string, WeekdayRule> = {
  nasta: 'nextWeek',
  kommande: 'after',
  denna: 'onOrAfter',
  'nu pa': 'onOrAfter',
};

const weekday = (word: string | undefined, rule: WeekdayRule): MentionValue | undefined => {
  const number = word === undefined ? undefined : weekdayOf('sv', word);
  return number === undefined ? undefined : day({ type: 'weekday', weekday: number, rule });
};

const NEXT_WEEK = '(?:i\\s+|pa\\s+)?(?:nasta|kommande)\\s+vecka';
const WEEK = '(?:vecka|veckorna|v\\.?)\\s?(\\d{1,2})';
const ANY_WEEKDAY = anyWeekdayPattern('sv');
const TO = '(?:-|till(?:\\s+och\\s+med)?)';

export const SWEDISH_RULES: readonly Rule[] = [
  rule('\\bi\\s?dag\\b', () => day({ type: 'offset', days: 0 })),
  rule('\\bi\\s?(?:morgon|morron|morrn|morn|mon|mrn|morgn)\\b', () => day({ type: 'offset', days: 1 })),
  rule('\\bi\\s?over\\s?(?:morgon|morron|morrn|morn|mon)\\b', () => day({ type: 'offset', days: 2 })),
  rule('\\bi\\s?gar\\b', () => day({ type: 'offset', days: -1 })),
  rule('\\bi\\s?forrgar\\b', () => day({ type: 'offset', days: -2 })),
  // Weekdays: "fredag", "på fredag", "nästa fredag", "nu på fredag", "i fredags".
  rule(`\\b(?:(nasta|kommande|denna|nu\\s+pa|pa)\\s+)?(${WEEKDAY})\\b`, (m) =>
    weekday(m[2], MODIFIERS[(m[1] ?? '').replace(/\s+/g, ' ')] ?? 'after'),
  ),
  rule(`\\bi\\s+(${WEEKDAY})s\\b`, (m) => weekday(m[1], 'before')),
  rule(`\\b(?:pa\\s+)?(${WEEKDAY})\\s+${NEXT_WEEK}\\b`, (m) => weekday(m[1], 'nextWeek')),
  rule(`\\b${NEXT_WEEK},?\\s+(?:pa\\s+)?(${WEEKDAY})\\b`, (m) => weekday(m[1], 'nextWeek')),
  rule(`\\b(?:pa\\s+)?(${WEEKDAY})\\s+(?:i\\s+)?${WEEK}\\b`, (m) => {
    const number = weekdayOf('sv', m[1] ?? '');
    const week = Number(m[2]);
    return number === undefined ? undefined : day({ type: 'weekOf', weekday: number, week });
  }),
  rule(`\\b(?:fran\\s+)?(${ANY_WEEKDAY})\\s*${TO}\\s*(${ANY_WEEKDAY})\\s+(?:${NEXT_WEEK}|(?:i\\s+)?${WEEK})\\b`, (m) =>
    weekdaysOfWeek(weekdayOf('sv', m[1] ?? ''), weekdayOf('sv', m[2] ?? ''), num(m[3])),
  ),
  rule(`\\b(${ANY_WEEKDAY})\\s*-\\s*(${ANY_WEEKDAY})\\b`, (m) => {
    const from = weekdayOf('sv', m[1] ?? '');
    const to = weekdayOf('sv', m[2] ?? '');
    if (from === undefined || to === undefined) return undefined;
    return {
      kind: 'range',
      from: { type: 'weekday', weekday: from, rule: 'after' },
      to: { type: 'weekday', weekday: to, rule: 'after' },
    };
  }),
  // Dates: "2026-12-03", "3/12", "3/12 2026", "den 3 december", "3:e dec", "första mars", "den 15:e".
  rule(`${START}(\\d{4})-(\\d{1,2})-(\\d{1,2})(?![\\d-])`, (m) => calendarDate(num(m[3]), num(m[2]), num(m[1]))),
  rule(`${START}(\\d{1,2})/(\\d{1,2})(?:(?:\\s|\\s?-\\s?|/)${YEAR})?(?![\\d/])${NOT_FRACTION}`, (m) =>
    calendarDate(num(m[1]), num(m[2]), num(m[3])),
  ),
  rule(`${START}(?:den\\s+)?(${DAY})\\s*(${MONTH})(?:\\s+${YEAR})?(?![\\w])`, (m) =>
    calendarDate(dayOf(m[1] ?? ''), monthOf('sv', m[2] ?? ''), num(m[3])),
  ),
  rule(`\\bden\\s+(\\d{1,2})(?::?e|:a)?(?![\\w/.:-]|\\s*(?:-|till|och)\\s*\\d)`, (m) => {
    const dayOfMonth = Number(m[1]);
    return dayOfMonth >= 1 && dayOfMonth <= 31 ? day({ type: 'calendar', day: dayOfMonth }) : undefined;
  }),
  // Ranges within a month: "10–14 mars", "10-14/3".
  rule(`${START}(?:den\\s+)?(${DAY})\\s*-\\s*(?:den\\s+)?(${DAY})\\s*(${MONTH})(?:\\s+${YEAR})?(?![\\w])`, (m) =>
    dayRange(dayOf(m[1] ?? ''), dayOf(m[2] ?? ''), monthOf('sv', m[3] ?? ''), num(m[4])),
  ),
  rule(`${START}(\\d{1,2})\\s?-\\s?(\\d{1,2})/(\\d{1,2})(?:\\s${YEAR})?(?![\\d/])`, (m) =>
    dayRange(num(m[1]), num(m[2]), num(m[3]), num(m[4])),
  ),
  // Weeks: "vecka 7", "v. 7", "v7", "v 7–8", "nästa vecka", "den här veckan", "resten av veckan".
  rule(
    `\\b${WEEK}(?:\\s*(?:-|till|och)\\s*(?:(?:vecka|v\\.?)\\s?)?(\\d{1,2}))?(?:,?\\s+(?:ar\\s+)?${YEAR})?(?![\\w/:-])`,
    (m) => weeks(num(m[1]), num(m[2]), num(m[3])),
  ),
  rule('\\b(?:nasta|kommande)\\s+vecka\\b', () => ({ kind: 'relativeWeek', offset: 1 })),
  rule('\\b(?:(?:hela\\s+)?den\\s+har\\s+veckan|(?:hela\\s+)?denna\\s+vecka|i\\s+veckan|hela\\s+veckan)\\b', () => ({
    kind: 'relativeWeek',
    offset: 0,
  })),
  rule('\\b(?:resten\\s+av\\s+(?:den\\s+har\\s+)?veckan|veckan\\s+ut)\\b', () => ({
    kind: 'range',
    from: { type: 'offset', days: 0 },
    to: { type: 'weekday', weekday: 5, rule: 'thisWeek' },
  })),
];

/** "10–14 mars": one month, first day no later than the last. */
export function dayRange(
  first: number | undefined,
  last: number | undefined,
  month: number | undefined,
  year: number | undefined,
): MentionValue | undefined {
  const from = calendarDate(first, month, year);
  const to = calendarDate(last, month, year);
  if (from === undefined || to === undefined || first === undefined || last === undefined) return undefined;
  if (from.kind !== 'day' || to.kind !== 'day' || first > last) return { kind: 'invalid' };
  return { kind: 'range', from: { type: 'calendar', day: first }, to: to.spec };
}

export const SWEDISH_JOINERS: Joiners = {
  prefix: 'fran(?:\\s+och\\s+med)?|fr\\.?\\s?o\\.?\\s?m\\.?|mellan',
  between: 'mellan',
  connector: '-|(?:fram\\s+)?till(?:\\s+och\\s+med)?|t\\.?\\s?o\\.?\\s?m\\.?|och',
  and: 'och',
  article: '(?:den\\s+)?',
  suffix: '(?::?e|:a)?',
};
