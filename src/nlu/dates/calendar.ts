import { addDays, dateParts, daysBetween, isoDate, isoWeek, isoWeekMonday, weekday } from '../../time/stockholm.js';

/**
 * What a date mention says, before the calendar policies pin it to a day, and those policies. All days are
 * Stockholm calendar days (`YYYY-MM-DD`); "today" is always passed in, so nothing here reads a clock.
 */

/** How a weekday name picks its day. */
export type WeekdayRule =
  /** "fredag", "på fredag", "on Friday": the next such day strictly after today (said on a Friday: next week's). */
  | 'after'
  /** "this Friday", "nu på fredag": the next such day on or after today. */
  | 'onOrAfter'
  /** "i fredags", "last Friday": the latest such day strictly before today. */
  | 'before'
  /** "nästa fredag", "fredag nästa vecka", "next Friday": that day in the next ISO week. */
  | 'nextWeek'
  /** "resten av veckan" ends on this week's Friday: that day in the current ISO week. */
  | 'thisWeek';

/** One day as written. */
export type DaySpec =
  /** A calendar date; without `month` only the day of the month was written ("den 15:e", "10" in "10–14 mars"). */
  | { type: 'calendar'; day: number; month?: number | undefined; year?: number | undefined }
  /** Days from today: "i dag" 0, "i morgon" 1, "i går" −1. */
  | { type: 'offset'; days: number }
  | { type: 'weekday'; weekday: number; rule: WeekdayRule }
  /** "måndag vecka 7": a weekday of a numbered ISO week. */
  | { type: 'weekOf'; weekday: number; week: number; year?: number | undefined };

/** A mention of a day, a span of days, a week, or an impossible date ("31/2"). */
export type MentionValue =
  | { kind: 'day'; spec: DaySpec }
  /** `adjacentOnly`: joined by a plain "och"/"and", which only makes a range of two consecutive days. */
  | { kind: 'range'; from: DaySpec; to: DaySpec; adjacentOnly?: boolean }
  /** ISO weeks `first`–`last` ("vecka 7", "v 7–8"), Monday to Friday. */
  | { kind: 'weeks'; first: number; last: number; year?: number | undefined }
  /** This (0) or next (1) week, Monday to Friday. */
  | { kind: 'relativeWeek'; offset: 0 | 1 }
  | { kind: 'invalid' };

export interface DateRange {
  from: string;
  to: string;
}

/** True when the date exists (no 30 February, no month 13). */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return isoDate(year, month, day) === `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** True when the day and month exist in some year (29 February does, 30 February does not). */
export const isPossibleDate = (month: number, day: number): boolean => isRealDate(2000, month, day);

/** The first `month`-`day` on or after `anchor` (29 February may be years away), or undefined if it never occurs. */
export function nextOccurrence(month: number, day: number, anchor: string): string | undefined {
  const start = dateParts(anchor).year;
  for (let year = start; year <= start + 8; year++) {
    if (isRealDate(year, month, day) && isoDate(year, month, day) >= anchor) return isoDate(year, month, day);
  }
  return undefined;
}

/** The first day numbered `day` in a month, on or after `anchor` ("den 31" skips months without a 31st). */
function nextDayOfMonth(day: number, anchor: string): string | undefined {
  const { year, month } = dateParts(anchor);
  for (let step = 0; step <= 12; step++) {
    const y = year + Math.floor((month - 1 + step) / 12);
    const m = ((month - 1 + step) % 12) + 1;
    if (isRealDate(y, m, day) && isoDate(y, m, day) >= anchor) return isoDate(y, m, day);
  }
  return undefined;
}

const onOrAfter = (anchor: string, day: number) => addDays(anchor, (day - weekday(anchor) + 7) % 7);
const mondayOf = (date: string) => addDays(date, 1 - weekday(date));

/**
 * Monday of ISO week `week`: in `year` when given, else the first of last, this and next year's week `week` that has
 * not ended (its Sunday is today or later) — "vecka 1" said on 31 December is next year's week 1.
 */
export function weekMonday(week: number, today: string, year?: number): string | undefined {
  if (year !== undefined) return isoWeekMonday(year, week);
  const current = dateParts(today).year;
  for (const candidate of [current - 1, current, current + 1]) {
    const monday = isoWeekMonday(candidate, week);
    if (monday !== undefined && addDays(monday, 6) >= today) return monday;
  }
  return undefined;
}

/**
 * The day a spec means. `anchor` is the day it is counted from: today for a lone mention, the range's first day for
 * its last day — where a year-less date is the next occurrence on or after the first day, and a weekday the first
 * such day on or after it.
 */
export function resolveDay(spec: DaySpec, today: string, anchor = today, rangeEnd = false): string | undefined {
  switch (spec.type) {
    case 'offset':
      return addDays(today, spec.days);
    case 'calendar':
      if (spec.month === undefined) return spec.year === undefined ? nextDayOfMonth(spec.day, anchor) : undefined;
      if (spec.year === undefined) return nextOccurrence(spec.month, spec.day, anchor);
      return isRealDate(spec.year, spec.month, spec.day) ? isoDate(spec.year, spec.month, spec.day) : undefined;
    case 'weekOf': {
      const monday = weekMonday(spec.week, today, spec.year);
      return monday === undefined ? undefined : addDays(monday, spec.weekday - 1);
    }
    case 'weekday':
      switch (spec.rule) {
        case 'after':
          return rangeEnd ? onOrAfter(anchor, spec.weekday) : onOrAfter(addDays(anchor, 1), spec.weekday);
        case 'onOrAfter':
          return onOrAfter(today, spec.weekday);
        case 'before':
          return onOrAfter(addDays(today, -7), spec.weekday);
        case 'nextWeek':
          return addDays(mondayOf(today), 7 + spec.weekday - 1);
        case 'thisWeek':
          return addDays(mondayOf(today), spec.weekday - 1);
      }
  }
}

/**
 * Both ends of a range of two written days. When neither end has a year, the range is the first one (starting
 * last year, this year or later) that has not ended yet, and its end is the next occurrence on or after its start —
 * so "28 dec–3 jan" runs into next year, and "10–14 mars" said on 12 March is this year's. A start without a month
 * takes the end's ("10–14 mars"), and must then not come after it.
 */
/** Longest range a year-less "from–to" may become by rolling its end into the next year (28 dec–3 jan). */
const MAX_ROLLED_RANGE_DAYS = 183;

export function resolveRange(from: DaySpec, to: DaySpec, today: string): DateRange | undefined {
  if (from.type === 'calendar' && to.type === 'calendar' && to.month !== undefined && from.year === undefined) {
    const sameMonth = from.month === undefined;
    const month = from.month ?? to.month;
    if (sameMonth && from.day > to.day) return undefined;
    if (to.year !== undefined) {
      const later = month > to.month || (month === to.month && from.day > to.day);
      return checked(resolveDay({ ...from, month, year: to.year - (later ? 1 : 0) }, today), resolveDay(to, today));
    }
    const year = dateParts(today).year;
    for (let candidate = year - 1; candidate <= year + 8; candidate++) {
      if (!isRealDate(candidate, month, from.day)) continue;
      const start = isoDate(candidate, month, from.day);
      const end = resolveDay(to, today, start, true);
      if (end === undefined || end < today) continue;
      // Rolling the end into the next year is for "28 dec–3 jan"; "14 mars–10 mars" ends before it starts, and
      // is returned as written (end first) so the guardian is told so instead of getting a year-long range.
      if (daysBetween(start, end) > MAX_ROLLED_RANGE_DAYS && start >= today) {
        return { from: start, to: isoDate(candidate, to.month, to.day) };
      }
      if (daysBetween(start, end) > MAX_ROLLED_RANGE_DAYS) continue;
      return { from: start, to: end };
    }
    return undefined;
  }
  const start = resolveDay(from, today);
  return checked(start, start === undefined ? undefined : resolveDay(to, today, start, true));
}

function checked(from: string | undefined, to: string | undefined): DateRange | undefined {
  return from !== undefined && to !== undefined && to >= from ? { from, to } : undefined;
}

/** The days a mention covers, or undefined when they do not exist. */
export function resolveMention(value: MentionValue, today: string): DateRange | undefined {
  switch (value.kind) {
    case 'invalid':
      return undefined;
    case 'day': {
      const day = resolveDay(value.spec, today);
      return day === undefined ? undefined : { from: day, to: day };
    }
    case 'range': {
      const range = resolveRange(value.from, value.to, today);
      if (!value.adjacentOnly || range === undefined || daysBetween(range.from, range.to) === 1) return range;
      return { from: range.from, to: range.from };
    }
    case 'weeks': {
      const first = weekMonday(value.first, today, value.year);
      if (first === undefined) return undefined;
      const firstYear = isoWeek(first).year;
      const last = isoWeekMonday(value.last >= value.first ? firstYear : firstYear + 1, value.last);
      return last === undefined ? undefined : { from: first, to: addDays(last, 4) };
    }
    case 'relativeWeek': {
      const monday = addDays(mondayOf(today), 7 * value.offset);
      return { from: monday, to: addDays(monday, 4) };
    }
  }
}

/** A written calendar date, or `invalid` when it cannot exist; undefined when the numbers are not a date at all. */
export function calendarDate(
  dayOfMonth: number | undefined,
  month: number | undefined,
  year: number | undefined,
): MentionValue | undefined {
  if (dayOfMonth === undefined || month === undefined || month < 1 || month > 12) return undefined;
  if (dayOfMonth < 1 || dayOfMonth > 31) return undefined;
  const real = year === undefined ? isPossibleDate(month, dayOfMonth) : isRealDate(year, month, dayOfMonth);
  return real ? { kind: 'day', spec: { type: 'calendar', day: dayOfMonth, month, year } } : { kind: 'invalid' };
}

/** ISO weeks `first`–`last` (1–53); undefined for numbers that cannot be weeks. */
export function weeks(
  first: number | undefined,
  last: number | undefined,
  year: number | undefined,
): MentionValue | undefined {
  const valid = (week: number) => week >= 1 && week <= 53;
  if (first === undefined || !valid(first) || (last !== undefined && !valid(last))) return undefined;
  return { kind: 'weeks', first, last: last ?? first, year };
}

/** "måndag–onsdag nästa vecka", "Monday to Wednesday of week 7": weekdays of next week, or of ISO week `week`. */
export function weekdaysOfWeek(
  first: number | undefined,
  last: number | undefined,
  week: number | undefined,
): MentionValue | undefined {
  if (first === undefined || last === undefined) return undefined;
  const spec = (weekday: number): DaySpec =>
    week === undefined ? { type: 'weekday', weekday, rule: 'nextWeek' } : { type: 'weekOf', weekday, week };
  return { kind: 'range', from: spec(first), to: spec(last) };
}
