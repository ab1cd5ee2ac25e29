import { absenceDays, leaveDatesRefusal } from '../src/backend/rules.js';
import type { Lesson } from '../src/backend/types.js';
import { findDate, findDateRange, findPartOfDay, isWholeDay } from '../src/nlu/dates.js';
import { type Locale, LOCALES } from '../src/nlu/types.js';
import type { AskOptions } from './ask-options.js';
import type { Moment } from './moment.js';
import { type Keywords, phrase, words } from './keywords.js';
import { type ChoiceSpec, type Message, msg } from './message.js';
import { MORE, yesNo } from './choices.js';

/**
 * A label as written in each language, as a folded phrase (`phrase`): a tapped button sends its label back in the
 * language it was shown in.
 */
export type Labels = (label: Message) => string[];

/** A usable answer, or why the answer could not be used (shown before the question is asked again). */
export type Recognized = { value: unknown } | { retry?: Message };

/** What the guardian is told when the school's rules refuse a leave's dates. */
export const LEAVE_DATES_PROBLEM = {
  leave_in_past: 'leave.inPast',
  leave_ends_before_start: 'leave.endsBeforeStart',
} as const;

/** Longest free-text answer kept (a leave reason). */
const MAX_TEXT = 300;

/** What a message answers at a prompt of the given kind. Pure: the same message, moment and prompt, the same value. */
export function recognize(
  options: AskOptions,
  text: string,
  moment: Moment,
  keywords: Keywords,
  labels: Labels,
): Recognized {
  const trimmed = text.trim();
  if (!trimmed) return {};
  const choices = (options.prompt.choices ?? []).map((choice) =>
    choice.keywords ? { ...choice, synonyms: [...(choice.synonyms ?? []), ...keywords.list(choice.keywords)] } : choice,
  );
  const picked = pickChoice(trimmed, choices, labels);
  switch (options.kind) {
    case 'confirm':
      return confirm(trimmed, picked, keywords);
    case 'choice':
      if (
        picked === undefined &&
        options.prompt.choices?.some((c) => c.value === MORE) &&
        keywords.isExactly(trimmed, 'more')
      )
        return { value: MORE };
      return picked === undefined ? {} : { value: picked };
    case 'absenceDay':
      return picked === undefined ? absenceDay(trimmed, moment) : { value: picked };
    case 'partOfDay':
      return picked === undefined ? partOfDay(trimmed, moment, options.lessons ?? [], keywords) : { value: picked };
    case 'dateRange':
      return dateRange(trimmed, moment);
    case 'text':
      return trimmed.length > MAX_TEXT ? { retry: msg('dialog.tooLongAnswer') } : { value: trimmed };
  }
}

/** A yes or no to a question asked with the Ja/Nej buttons (its words, a button, 1 or 2); undefined otherwise. */
export function yesOrNo(text: string, keywords: Keywords, labels: Labels): boolean | undefined {
  const result = confirm(text.trim(), pickChoice(text.trim(), yesNo(), labels), keywords);
  return 'value' in result ? result.value === true : undefined;
}

function confirm(text: string, picked: string | undefined, keywords: Keywords): Recognized {
  if (picked === 'yes' || picked === 'no') return { value: picked === 'yes' };
  const first = words(text).slice(0, 3).join(' ');
  if (keywords.isExactly(text, 'yes') || keywords.list('yes').some((word) => first.startsWith(`${word} `)))
    return { value: true };
  if (keywords.isExactly(text, 'no') || keywords.list('no').some((word) => first.startsWith(`${word} `)))
    return { value: false };
  return {};
}

/**
 * The choice a message picks: its number, its label, one of its synonyms, or — when exactly one choice's label
 * word occurs in the message — that one ("det är Elsa" picks Elsa). Two candidates pick nothing.
 */
export function pickChoice(text: string, choices: readonly ChoiceSpec[], labels: Labels): string | undefined {
  const exact = exactChoice(text, choices, labels);
  if (exact !== undefined || choices.length === 0) return exact;
  const padded = ` ${phrase(text)} `;
  const mentioned = choices.filter((choice) =>
    namesOf(choice, labels).some((name) => name.length > 1 && padded.includes(` ${name} `)),
  );
  if (mentioned.length === 1) return mentioned[0]?.value;
  return undefined;
}

/**
 * The choice a message is, and nothing more: its number (typed on SMS or in the terminal), or its label or a
 * synonym as the whole message (a tapped button sends its label). The one picker of offered choices: a prompt's
 * and the follow-ups under an answer alike.
 */
export function exactChoice(text: string, choices: readonly ChoiceSpec[], labels: Labels): string | undefined {
  if (choices.length === 0) return undefined;
  const typed = phrase(text);
  if (/^\d{1,2}$/.test(typed)) return choices[Number(typed) - 1]?.value;
  const exact = choices.filter((choice) => namesOf(choice, labels).includes(typed) || choice.value === text.trim());
  return exact.length === 1 ? exact[0]?.value : undefined;
}

/** A choice's label (in each language) and synonyms, as compared with a message. */
function namesOf(choice: ChoiceSpec, labels: Labels): string[] {
  const label = typeof choice.label === 'string' ? [phrase(choice.label)] : labels(choice.label);
  return [...label, ...(choice.synonyms ?? []).map((s) => phrase(s))];
}

/** Dates a message names, read in the turn's language first and then the other. */
function inEitherLanguage<T>(moment: Moment, read: (locale: Locale) => T | undefined): T | undefined {
  for (const locale of [moment.locale, ...LOCALES.filter((l) => l !== moment.locale)]) {
    const found = read(locale);
    if (found !== undefined) return found;
  }
  return undefined;
}

function absenceDay(text: string, moment: Moment): Recognized {
  const date = inEitherLanguage(moment, (locale) => findDate(text, locale, moment.now));
  if (date === undefined) return {};
  if (absenceDays(moment.now).includes(date)) return { value: date };
  return { retry: msg('absence.onlyTodayOrTomorrow') };
}

/** Part of the day as absence times: "kommer efter lunch" is absent from the first lesson until 12.00. */
function partOfDay(text: string, moment: Moment, lessons: readonly Lesson[], keywords: Keywords): Recognized {
  if (keywords.mentions(text, 'wholeDay') || inEitherLanguage(moment, (l) => (isWholeDay(text, l) ? true : undefined)))
    return { value: 'whole' };
  const part = inEitherLanguage(moment, (locale) => findPartOfDay(text, locale));
  if (!part) return {};
  const from = part.absentFrom ?? lessons[0]?.start;
  const to = part.absentUntil ?? lessons.at(-1)?.end;
  if (!from || !to || from >= to) return { retry: msg('absence.timesOutsideDay') };
  return { value: `${from}-${to}` };
}

function dateRange(text: string, moment: Moment): Recognized {
  const range = inEitherLanguage(moment, (locale) => findDateRange(text, locale, moment.now));
  if (!range) return {};
  const refusal = leaveDatesRefusal(range, moment.now);
  return refusal ? { retry: msg(LEAVE_DATES_PROBLEM[refusal]) } : { value: range };
}
