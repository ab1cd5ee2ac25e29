import { stockholmDate } from '../time/stockholm.js';
import type { DateRange, MentionValue } from './dates/calendar.js';
import { resolveMention } from './dates/calendar.js';
import { chronoMentions, ENGLISH_FALLBACK_RULES, ENGLISH_JOINERS, ENGLISH_RULES } from './dates/english.js';
import { normalize } from './dates/lexicon.js';
import type { Joiners, Mention } from './dates/mentions.js';
import { addWhereFree, joinRanges, mergeWeekdays, scan } from './dates/mentions.js';
import { SWEDISH_JOINERS, SWEDISH_RULES } from './dates/swedish.js';
import type { Locale } from './types.js';

/**
 * Dates in free text, Swedish and English, for the guided dialogs (report absence, apply for leave, book a
 * meeting). Every day is a Stockholm calendar day (`YYYY-MM-DD`) counted from Stockholm's "today" at `now`, whatever
 * the server's time zone. Policies:
 * - a date without a year is its next occurrence on or after today ("3 januari" said in December is next year's);
 * - a bare weekday ("fredag", "på fredag", "on Friday") is the next such day strictly after today — said on a
 *   Friday it is next week's Friday; only "i dag"/"today" is today. "nu på fredag"/"this Friday" allow today,
 *   "i fredags"/"last Friday" is the latest one before today;
 * - "nästa måndag", "måndag nästa vecka", "next Monday", "Monday next week" are the Monday of the next ISO week;
 * - "vecka 7"/"week 7" is Monday–Friday of the next ISO week 7 that has not ended (this year's unless it is over,
 *   then next year's); "nästa vecka"/"next week" is Monday–Friday of the next ISO week, "den här veckan"/"this
 *   week" of this one;
 * - a range without a year is the first such range that has not ended, its end the next occurrence on or after
 *   its start ("28 dec–3 jan" ends next year);
 * - an impossible date ("31/2", "30 februari") gives undefined, never a shifted date.
 */

export type { DateRange } from './dates/calendar.js';
export { findPartOfDay, isWholeDay, LUNCH } from './dates/times.js';
export type { PartOfDay } from './dates/times.js';
export { formatDate, formatDateRange, formatInstant, formatTime } from './dates/format.js';

interface Grammar {
  rules: typeof SWEDISH_RULES;
  fallback: typeof SWEDISH_RULES;
  joiners: Joiners;
  library?: (nfcText: string, today: string) => Mention[];
}

const GRAMMARS: Record<Locale, Grammar> = {
  sv: { rules: SWEDISH_RULES, fallback: [], joiners: SWEDISH_JOINERS },
  en: { rules: ENGLISH_RULES, fallback: ENGLISH_FALLBACK_RULES, joiners: ENGLISH_JOINERS, library: chronoMentions },
};

/** Every date mention in `text`, in order, as written (not yet resolved against a calendar). */
function mentions(text: string, locale: Locale, today: string): MentionValue[] {
  const grammar = GRAMMARS[locale];
  const normalized = normalize(text);
  let found = scan(normalized, grammar.rules);
  if (grammar.library) found = addWhereFree(found, grammar.library(text.normalize('NFC'), today));
  found = addWhereFree(found, scan(normalized, grammar.fallback));
  const merged = mergeWeekdays(normalized, found, grammar.joiners);
  return joinRanges(normalized, merged, grammar.joiners).map((mention) => mention.value);
}

/**
 * The first day mentioned in a message ("Elsa är sjuk i morgon" → tomorrow), as `YYYY-MM-DD`: a range counts with
 * its first day, week mentions ("vecka 7", "next week") name no single day and are passed over. Undefined when
 * there is none, or when the first one cannot exist ("31/2").
 */
export function findDate(text: string, locale: Locale, now: Date): string | undefined {
  const today = stockholmDate(now);
  for (const value of mentions(text, locale, today)) {
    if (value.kind === 'weeks' || value.kind === 'relativeWeek') continue;
    return resolveMention(value, today)?.from;
  }
  return undefined;
}

/**
 * The first span of days mentioned ("10–14 mars", "vecka 7", "from today until Friday"); a single day gives
 * `from === to`. Undefined when there is none, or when the first one cannot exist.
 */
export function findDateRange(text: string, locale: Locale, now: Date): DateRange | undefined {
  const today = stockholmDate(now);
  const [first] = mentions(text, locale, today);
  return first === undefined ? undefined : resolveMention(first, today);
}
