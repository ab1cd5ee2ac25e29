import type { Locale } from '../types.js';

/**
 * Word lists for dates in both languages. Matching runs on `normalize`d text (lower case, no diacritics), so the
 * matching forms below are written without diacritics; the display forms keep them and never depend on Node's ICU.
 */

/**
 * Lower-cases and folds diacritics one UTF-16 unit at a time, so every offset in the result is the same offset in
 * `text.normalize('NFC')` (which is what chrono sees); typographic dashes become "-", odd spaces " ".
 */
export function normalize(text: string): string {
  let out = '';
  for (const unit of text.normalize('NFC').split('')) {
    if (/[\u2010-\u2015\u2212]/.test(unit)) out += '-';
    else if (/[\u00a0\u2007\u202f]/.test(unit)) out += ' ';
    else {
      const base = unit.normalize('NFD').charAt(0) || unit;
      const lower = base.toLowerCase();
      out += lower.length === 1 ? lower : base;
    }
  }
  return out;
}

/** Month names as written, index 0 = January. */
export const MONTH_NAMES: Record<Locale, readonly string[]> = {
  sv: [
    'januari',
    'februari',
    'mars',
    'april',
    'maj',
    'juni',
    'juli',
    'augusti',
    'september',
    'oktober',
    'november',
    'december',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

/** Weekday names as written, index 0 = Monday (ISO weekday 1). */
export const WEEKDAY_NAMES: Record<Locale, readonly string[]> = {
  sv: ['måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};

/** Normalized month forms (full name first, then abbreviations), index 0 = January. */
const MONTH_FORMS: Record<Locale, readonly (readonly string[])[]> = {
  sv: [
    ['januari', 'jan'],
    ['februari', 'feb'],
    ['mars', 'mar'],
    ['april', 'apr'],
    ['maj'],
    ['juni', 'jun'],
    ['juli', 'jul'],
    ['augusti', 'aug'],
    ['september', 'sept', 'sep'],
    ['oktober', 'okt'],
    ['november', 'nov'],
    ['december', 'dec'],
  ],
  en: [
    ['january', 'jan'],
    ['february', 'feb'],
    ['march', 'mar'],
    ['april', 'apr'],
    ['may'],
    ['june', 'jun'],
    ['july', 'jul'],
    ['august', 'aug'],
    ['september', 'sept', 'sep'],
    ['october', 'oct'],
    ['november', 'nov'],
    ['december', 'dec'],
  ],
};

/**
 * Normalized weekday forms, index 0 = Monday: the full name, then abbreviations. Swedish abbreviations fold into
 * common words ("mån" → "man", "sön" → "son"), so rules only accept them where a date context makes them safe.
 */
const WEEKDAY_FORMS: Record<Locale, readonly (readonly string[])[]> = {
  sv: [
    ['mandag', 'man'],
    ['tisdag', 'tis'],
    ['onsdag', 'ons'],
    ['torsdag', 'tors', 'tor'],
    ['fredag', 'fre'],
    ['lordag', 'lor'],
    ['sondag', 'son'],
  ],
  en: [
    ['monday', 'mon'],
    ['tuesday', 'tues', 'tue'],
    ['wednesday', 'wed'],
    ['thursday', 'thurs', 'thur', 'thu'],
    ['friday', 'fri'],
    ['saturday', 'sat'],
    ['sunday', 'sun'],
  ],
};

const alternation = (forms: readonly string[]) => [...forms].sort((a, b) => b.length - a.length).join('|');

/** Regex source matching any month form (abbreviations may end in a dot). */
export const monthPattern = (locale: Locale): string => {
  const forms = MONTH_FORMS[locale].flatMap((names) => names.map((form, i) => (i === 0 ? form : `${form}\\.?`)));
  return `(?:${alternation(forms)})`;
};

/** Regex source matching a full weekday name (Swedish also in the definite form, "fredagen"). */
export const weekdayPattern = (locale: Locale): string =>
  `(?:${alternation(WEEKDAY_FORMS[locale].map((forms) => forms[0] ?? ''))})${locale === 'sv' ? '(?:en)?' : ''}`;

/** Regex source matching a full or abbreviated weekday name. */
export const anyWeekdayPattern = (locale: Locale): string =>
  `(?:${alternation(WEEKDAY_FORMS[locale].flat())})${locale === 'sv' ? '(?:en)?' : '\\.?'}`;

function lookup(table: readonly (readonly string[])[], word: string): number | undefined {
  const bare = word.replace(/\.$/, '');
  const index = table.findIndex((forms) => forms.some((form) => bare === form || bare === `${form}en`));
  return index < 0 ? undefined : index + 1;
}

/** Month number (1–12) of a normalized month form. */
export const monthOf = (locale: Locale, word: string): number | undefined => lookup(MONTH_FORMS[locale], word);

/** ISO weekday (1 = Monday) of a normalized weekday form. */
export const weekdayOf = (locale: Locale, word: string): number | undefined => lookup(WEEKDAY_FORMS[locale], word);

const SV_UNITS = ['forsta', 'andra', 'tredje', 'fjarde', 'femte', 'sjatte', 'sjunde', 'attonde', 'nionde'];
const SV_TEENS = [
  'tionde',
  'elfte',
  'tolfte',
  'trettonde',
  'fjortonde',
  'femtonde',
  'sextonde',
  'sjuttonde',
  'artonde',
];

/** Swedish ordinal words for days 1–31, normalized ("första" → "forsta"), index 0 = 1. */
const SV_ORDINALS: readonly string[] = [
  ...SV_UNITS,
  ...SV_TEENS,
  'nittonde',
  'tjugonde',
  ...SV_UNITS.map((unit) => `tjugo${unit}`),
  'trettionde',
  'trettioforsta',
];

/** Regex source for a day of the month: a number with an optional ordinal ending, or (Swedish) an ordinal word. */
export const dayPattern = (locale: Locale): string =>
  locale === 'sv'
    ? `(?:\\d{1,2}(?::?e|:a)?|${alternation(SV_ORDINALS)})`
    : `(?:\\d{1,2}(?:st|nd|rd|th)?|first|second|third)`;

/** The day (1–31) of a `dayPattern` match, or undefined. */
export function dayOf(word: string): number | undefined {
  const digits = /^\d{1,2}/.exec(word);
  const index = digits ? Number(digits[0]) - 1 : SV_ORDINALS.indexOf(word);
  const english = ['first', 'second', 'third'].indexOf(word);
  const day = english >= 0 ? english + 1 : index + 1;
  return day >= 1 && day <= 31 ? day : undefined;
}
