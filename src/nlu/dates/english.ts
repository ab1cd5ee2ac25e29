import { createRequire } from 'node:module';
import type { ParsedComponents } from 'chrono-node';

import { dateParts } from '../../time/stockholm.js';
import type { DaySpec, MentionValue, WeekdayRule } from './calendar.js';
import { calendarDate, weekdaysOfWeek, weeks } from './calendar.js';
import { anyWeekdayPattern, dayOf, dayPattern, monthOf, monthPattern, weekdayOf, weekdayPattern } from './lexicon.js';
import type { Joiners, Mention, Rule } from './mentions.js';

/**
 * English dates: chrono-node (en-GB, so "3/12" is 3 December) does the bulk; own rules add what it lacks or gets
 * wrong — week numbers, "next week", "Friday next week" (primary: they win any overlap) — and, only where chrono
 * found nothing usable, "Dec 28" (chrono reads 2028), impossible dates ("31/2": chrono silently skips them) and
 * 29 February.
 */

const MONTH = monthPattern('en');
const WEEKDAY = weekdayPattern('en');
const DAY = dayPattern('en');
const WEEK_WORD = '(?:(?:weeks?|wk|w)\\.?\\s?)';
const WEEK = `${WEEK_WORD}(\\d{1,2})`;
const YEAR = '(?:,?\\s+(\\d{4}))';
const NEXT_WEEK = '(?:the\\s+)?(?:next|coming)\\s+week';
const ANY_WEEKDAY = anyWeekdayPattern('en');
const TO = '(?:-|to|until|till|through|thru)';
const NUMERIC = '(?<![\\w/.:])(\\d{1,2})/(\\d{1,2})(?:/(\\d{4}))?';
/** "1/2 day" is half a day, not 1 February. */
const FRACTION_AFTER = /^\s*(?:of|days?|hours?)\b/;

const rule = (source: string, read: Rule['read']): Rule => ({ pattern: new RegExp(source, 'g'), read });
const weekday = (word: string | undefined, rule: WeekdayRule): MentionValue | undefined => {
  const number = word === undefined ? undefined : weekdayOf('en', word);
  return number === undefined ? undefined : { kind: 'day', spec: { type: 'weekday', weekday: number, rule } };
};
const num = (value: string | undefined) => (value === undefined ? undefined : Number(value));

/** Rules that win over chrono wherever they overlap. */
export const ENGLISH_RULES: readonly Rule[] = [
  rule(`\\b${WEEK}(?:\\s*(?:-|to|and|until|through|thru)\\s*${WEEK_WORD}?(\\d{1,2}))?${YEAR}?(?![\\w/:-])`, (m) =>
    weeks(num(m[1]), num(m[2]), num(m[3])),
  ),
  rule(
    `\\b(?:from\\s+)?(${ANY_WEEKDAY})\\s*${TO}\\s*(${ANY_WEEKDAY})\\s+(?:of\\s+|in\\s+)?(?:${NEXT_WEEK}|${WEEK})\\b`,
    (m) => weekdaysOfWeek(weekdayOf('en', m[1] ?? ''), weekdayOf('en', m[2] ?? ''), num(m[3])),
  ),
  // "3/4-7/4": chrono reads "3/4-7" as one date.
  rule(`${NUMERIC}\\s?-\\s?${NUMERIC}(?![\\d/])`, (m) => {
    const from = calendarDate(num(m[1]), num(m[2]), num(m[3]));
    const to = calendarDate(num(m[4]), num(m[5]), num(m[6]));
    if (from === undefined || to === undefined) return undefined;
    return from.kind === 'day' && to.kind === 'day'
      ? { kind: 'range', from: from.spec, to: to.spec }
      : { kind: 'invalid' };
  }),
  rule(`\\b(?:on\\s+)?(${WEEKDAY})\\s+(?:of\\s+|in\\s+)?${WEEK}\\b`, (m) => {
    const number = weekdayOf('en', m[1] ?? '');
    return number === undefined
      ? undefined
      : { kind: 'day', spec: { type: 'weekOf', weekday: number, week: Number(m[2]) } };
  }),
  rule(`\\b(?:on\\s+)?(${WEEKDAY})\\s+(?:of\\s+|in\\s+)?${NEXT_WEEK}\\b`, (m) => weekday(m[1], 'nextWeek')),
  rule(`\\b${NEXT_WEEK},?\\s+(?:on\\s+)?(${WEEKDAY})\\b`, (m) => weekday(m[1], 'nextWeek')),
  rule(`\\b${NEXT_WEEK}\\b`, () => ({ kind: 'relativeWeek', offset: 1 })),
  rule(
    '\\b(?:(?:for\\s+)?(?:the\\s+)?(?:whole|entire)\\s+(?:of\\s+)?(?:this\\s+|the\\s+)?week|(?:this|all)\\s+week)\\b',
    () => ({
      kind: 'relativeWeek',
      offset: 0,
    }),
  ),
  rule('\\b(?:the\\s+)?rest\\s+of\\s+(?:the|this)\\s+week\\b', () => ({
    kind: 'range',
    from: { type: 'offset', days: 0 },
    to: { type: 'weekday', weekday: 5, rule: 'thisWeek' },
  })),
];

/** Rules used only where chrono found nothing usable. */
export const ENGLISH_FALLBACK_RULES: readonly Rule[] = [
  rule(`\\b(${MONTH})\\s+(${DAY})(?:,?\\s+(\\d{4}))?(?![\\w/:])`, (m) =>
    calendarDate(dayOf(m[2] ?? ''), monthOf('en', m[1] ?? ''), num(m[3])),
  ),
  rule(`(?<![\\w/.:])(${DAY})\\s+(?:of\\s+)?(${MONTH})(?:,?\\s+(\\d{4}))?(?![\\w])`, (m) =>
    calendarDate(dayOf(m[1] ?? ''), monthOf('en', m[2] ?? ''), num(m[3])),
  ),
  rule(`${NUMERIC}(?![\\d/])(?!\\s*(?:of|days?|hours?)\\b)`, (m) => calendarDate(num(m[1]), num(m[2]), num(m[3]))),
];

export const ENGLISH_JOINERS: Joiners = {
  prefix: 'from|between',
  between: 'between',
  connector: '-|to|till|til|until|through|thru|and|up\\s+to',
  and: 'and',
  article: '(?:the\\s+)?',
  suffix: '(?:st|nd|rd|th)?',
};

/** Words chrono reads as a day but that are mostly something else in lower case ("I sat", "the sun"). */
const AMBIGUOUS_WEEKDAY = /(?:^|\s)(?:sat|sun|wed)$/;

function weekdayRule(text: string): WeekdayRule {
  if (/^(?:on\s+)?next\b/i.test(text)) return 'nextWeek';
  if (/^(?:on\s+)?(?:this|coming|this\s+coming)\b/i.test(text)) return 'onOrAfter';
  if (/^(?:on\s+)?(?:last|past|previous)\b/i.test(text)) return 'before';
  return 'after';
}

/** A chrono result's day: a date when day and month were written, a weekday when only that was. */
function specOf(components: ParsedComponents, text: string): DaySpec | undefined {
  const day = components.get('day');
  const month = components.get('month');
  if (components.isCertain('day') && components.isCertain('month') && day !== null && month !== null) {
    const year = components.isCertain('year') ? (components.get('year') ?? undefined) : undefined;
    return { type: 'calendar', day, month, year };
  }
  const weekdayNumber = components.get('weekday');
  if (components.isCertain('weekday') && weekdayNumber !== null && !AMBIGUOUS_WEEKDAY.test(text)) {
    return { type: 'weekday', weekday: weekdayNumber === 0 ? 7 : weekdayNumber, rule: weekdayRule(text) };
  }
  return undefined;
}

let chronoGB: typeof import('chrono-node/en').GB | undefined;

/**
 * chrono's British English parser, loaded at the first English message with a date: only the tasks read dates,
 * and loading chrono took some 25 ms of every start. (Its CommonJS build: the same parser, loadable synchronously.)
 */
function britishEnglish(): typeof import('chrono-node/en').GB {
  chronoGB ??= (createRequire(import.meta.url)('chrono-node/en') as typeof import('chrono-node/en')).GB;
  return chronoGB;
}

/**
 * chrono's day mentions. chrono is given a reference whose *system-local* calendar day is Stockholm's today (at
 * noon, far from any daylight-saving change), and only calendar fields are read back — so "tomorrow" is Stockholm's
 * tomorrow whatever the server's zone. (chrono's own `timezone` option shifts the reference with system-local
 * `setMinutes`, which goes wrong when the server zone changes its clocks near the reference.)
 */
export function chronoMentions(nfcText: string, today: string): Mention[] {
  const { year, month, day } = dateParts(today);
  const reference = new Date(year, month - 1, day, 12, 0, 0);
  const mentions: Mention[] = [];
  for (const result of britishEnglish().parse(nfcText, reference)) {
    const end = result.index + result.text.length;
    if (result.tags().has('result/relativeDateAndTime')) continue;
    if (/\b(?:weeks?|weekends?|months?|years?|fortnights?)\b/i.test(result.text)) continue;
    if (/^\d{1,2}\/\d{1,2}$/.test(result.text) && FRACTION_AFTER.test(nfcText.slice(end))) continue;
    const from = specOf(result.start, result.text);
    const to = result.end ? specOf(result.end, '') : undefined;
    if (from === undefined || (result.end && to === undefined)) continue;
    const value: MentionValue = to === undefined ? { kind: 'day', spec: from } : { kind: 'range', from, to };
    mentions.push({ start: result.index, end, value });
  }
  return mentions;
}
