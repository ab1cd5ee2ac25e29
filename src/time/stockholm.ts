/**
 * Calendar arithmetic in Europe/Stockholm, whatever the server's own time zone. Days are `YYYY-MM-DD` strings;
 * wall-clock times `HH:MM`. Conversions to instants go through Intl, so daylight-saving changes are exact.
 */

export const TIME_ZONE = 'Europe/Stockholm';

/** A source of the current instant; tests pass a fixed one. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function partsOf(instant: Date): WallClock {
  const parts: Record<string, number> = {};
  for (const part of partsFormat.formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/**
 * Stockholm's offset from UTC (ms) per UTC minute. Intl's formatToParts is slow and a turn asks for the date many
 * times; the offset only changes at a daylight-saving change, which falls on a whole minute, so per minute it is exact.
 */
const offsets = new Map<number, number>();
const OFFSET_CACHE_SIZE = 256;

function offsetAt(ms: number): number {
  const minute = Math.floor(ms / 60_000);
  let offset = offsets.get(minute);
  if (offset === undefined) {
    const start = minute * 60_000;
    const p = partsOf(new Date(start));
    offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - start;
    if (offsets.size >= OFFSET_CACHE_SIZE) offsets.delete(offsets.keys().next().value as number);
    offsets.set(minute, offset);
  }
  return offset;
}

function wallClock(instant: Date): WallClock {
  const ms = instant.getTime();
  // An invalid date fails in Intl as before (a RangeError), not as NaN fields.
  if (!Number.isFinite(ms)) return partsOf(instant);
  const local = new Date(ms + offsetAt(ms));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** `YYYY-MM-DD` from year, month (1–12) and day, normalising overflow (32 January is 1 February). */
export function isoDate(year: number, month: number, day: number): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** The Stockholm calendar day of an instant. */
export function stockholmDate(instant: Date): string {
  const { year, month, day } = wallClock(instant);
  return isoDate(year, month, day);
}

/** The Stockholm wall-clock time (`HH:MM`) of an instant. */
export function stockholmTime(instant: Date): string {
  const { hour, minute } = wallClock(instant);
  return `${pad(hour)}:${pad(minute)}`;
}

/** Splits `YYYY-MM-DD` into numbers. */
export function dateParts(date: string): { year: number; month: number; day: number } {
  const [year = 0, month = 0, day = 0] = date.split('-').map(Number);
  return { year, month, day };
}

export function addDays(date: string, days: number): string {
  const { year, month, day } = dateParts(date);
  return isoDate(year, month, day + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const a = dateParts(from);
  const b = dateParts(to);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekday(date: string): number {
  const { year, month, day } = dateParts(date);
  const utcDay = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return utcDay === 0 ? 7 : utcDay;
}

/** The instant at which Stockholm's clock shows `time` on `date` (the earlier one in the autumn's repeated hour). */
export function stockholmInstant(date: string, time: string): Date {
  const { year, month, day } = dateParts(date);
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  const wanted = Date.UTC(year, month - 1, day, hour, minute);
  // Stockholm is UTC+1 or UTC+2: try both offsets, earlier first, and keep the one whose wall clock matches.
  for (const offsetHours of [2, 1]) {
    const candidate = new Date(wanted - offsetHours * 3_600_000);
    const shown = wallClock(candidate);
    if (Date.UTC(shown.year, shown.month - 1, shown.day, shown.hour, shown.minute) === wanted) return candidate;
  }
  // The spring gap (02:00–03:00 does not exist): the clock jumps forward, so use the instant an hour later.
  return new Date(wanted - 3_600_000);
}

/**
 * ISO 8601 week of a day: weeks start on Monday and week 1 holds the year's first Thursday, so the ISO year can
 * differ from the calendar year around New Year (31 December 2026 is in week 53 of 2026, 3 January 2027 too).
 */
export function isoWeek(date: string): { year: number; week: number } {
  const thursday = addDays(date, 4 - weekday(date));
  const { year } = dateParts(thursday);
  return { year, week: Math.floor(daysBetween(isoDate(year, 1, 1), thursday) / 7) + 1 };
}

/** Monday of ISO week `week` of ISO year `year`, or undefined when there is no such week (few years have a week 53). */
export function isoWeekMonday(year: number, week: number): string | undefined {
  if (!Number.isInteger(week) || week < 1 || week > 53) return undefined;
  const january4 = isoDate(year, 1, 4); // always in week 1
  const monday = addDays(january4, 1 - weekday(january4) + 7 * (week - 1));
  return isoWeek(monday).year === year ? monday : undefined;
}
