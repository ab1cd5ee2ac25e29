import { addDays, dateParts, stockholmDate, stockholmTime, weekday } from '../../time/stockholm.js';
import type { Locale } from '../types.js';
import type { DateRange } from './calendar.js';
import { MONTH_NAMES, WEEKDAY_NAMES } from './lexicon.js';

/**
 * Dates and times for replies, in the Stockholm calendar. Names come from our own arrays, not from Intl, because
 * a Node built with reduced ICU data would print English or numbers.
 */

/** Words for the days next to today. */
const NEAR_DAYS: Record<Locale, Record<number, string>> = {
  sv: { [-1]: 'i går', 0: 'i dag', 1: 'i morgon' },
  en: { [-1]: 'yesterday', 0: 'today', 1: 'tomorrow' },
};

const monthName = (locale: Locale, month: number) => MONTH_NAMES[locale][month - 1] ?? String(month);
const weekdayName = (locale: Locale, date: string) => WEEKDAY_NAMES[locale][weekday(date) - 1] ?? '';

/** "25 november", with the year when `withYear`. */
function dayAndMonth(date: string, locale: Locale, withYear: boolean): string {
  const { year, month, day } = dateParts(date);
  return `${day} ${monthName(locale, month)}${withYear ? ` ${year}` : ''}`;
}

/** "onsdag 25 november" / "Wednesday 25 November" (year only when asked for). */
function weekdayAndDate(date: string, locale: Locale, withYear: boolean): string {
  return `${weekdayName(locale, date)} ${dayAndMonth(date, locale, withYear)}`;
}

const currentYear = (now: Date) => dateParts(stockholmDate(now)).year;

/**
 * A day for a confirmation question: "i dag, onsdag 25 november", "i morgon, torsdag 26 november",
 * "fredag 4 december", "fredag 3 januari 2027" (the year only when it is not the current Stockholm year); in English
 * "today, Wednesday 25 November", "Friday 4 December".
 */
export function formatDate(date: string, locale: Locale, now: Date): string {
  const today = stockholmDate(now);
  const near = [-1, 0, 1].find((offset) => addDays(today, offset) === date);
  const written = weekdayAndDate(date, locale, dateParts(date).year !== currentYear(now));
  return near === undefined ? written : `${NEAR_DAYS[locale][near] ?? ''}, ${written}`;
}

/**
 * A span of days: "10–14 mars" / "10–14 March", across months "28 februari–3 mars", across years
 * "28 december 2026–3 januari 2027"; the year is added when it is not the current one; one day is `formatDate`.
 */
export function formatDateRange(range: DateRange, locale: Locale, now: Date): string {
  if (range.from === range.to) return formatDate(range.from, locale, now);
  const from = dateParts(range.from);
  const to = dateParts(range.to);
  if (from.year !== to.year) return `${dayAndMonth(range.from, locale, true)}–${dayAndMonth(range.to, locale, true)}`;
  const end = dayAndMonth(range.to, locale, to.year !== currentYear(now));
  return from.month === to.month ? `${from.day}–${end}` : `${dayAndMonth(range.from, locale, false)}–${end}`;
}

/** A clock time for a reply: "13.00" in Swedish, "13:00" in English (24-hour in both). */
export function formatTime(time: string, locale: Locale): string {
  return locale === 'sv' ? time.replace(':', '.') : time;
}

/**
 * An instant (ISO 8601 string, e.g. a booked meeting) in Stockholm time: "tisdag 1 december kl. 14.30" /
 * "Tuesday 1 December at 14:30". Throws a RangeError for a string that is not a date.
 */
export function formatInstant(isoInstant: string, locale: Locale): string {
  const instant = new Date(isoInstant);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`Not an instant: ${isoInstant}`);
  const date = stockholmDate(instant);
  const time = formatTime(stockholmTime(instant), locale);
  return `${weekdayAndDate(date, locale, false)} ${locale === 'sv' ? 'kl.' : 'at'} ${time}`;
}
