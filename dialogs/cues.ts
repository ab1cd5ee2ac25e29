import { findDate, findPartOfDay } from '../src/nlu/dates.js';
import type { Locale } from '../src/nlu/types.js';
import { addDays, stockholmDate } from '../src/time/stockholm.js';
import type { Keywords } from './keywords.js';

/**
 * A task said as a plain statement the FAQ matcher is not sure of: "Yusuf is ill tomorrow", "Olle kommer efter
 * lunch idag". Illness or a part of the day, together with today or tomorrow, is an absence to report — names the
 * knowledge base has never seen do not change that.
 */
export function taskCue(text: string, locale: Locale, now: Date, keywords: Keywords): string | undefined {
  const date = findDate(text, locale, now);
  const today = stockholmDate(now);
  if (date !== today && date !== addDays(today, 1)) return undefined;
  if (keywords.mentions(text, 'ill') || findPartOfDay(text, locale) !== undefined) return 'absence.report';
  return undefined;
}
