import swedishStemmer from 'natural/lib/natural/stemmers/porter_stemmer_sv.js';
import englishStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { fold } from './fold.js';
import { LEXICONS } from './lexicon.js';
import type { Locale } from './types.js';

/**
 * The language steps, each a small pure function, chosen per locale. Order matters: stem first (the Swedish
 * stemmer knows å/ä/ö), fold diacritics only afterwards, for matching.
 */

const STEMMERS: Record<Locale, (token: string) => string> = {
  sv: (token) => stripDefiniteEnding(swedishStemmer.stem(token)),
  en: (token) => englishStemmer.stem(token),
};

/**
 * The Swedish Porter stemmer leaves some definite endings: "-et" ("lösenordet", "betyget") and the "-n"/"-t" of
 * words ending in a vowel ("portfolion", "schemat"). Removing them makes "lösenordet" meet "lösenord".
 */
function stripDefiniteEnding(stemmed: string): string {
  if (stemmed.length > 5 && stemmed.endsWith('et')) return stemmed.slice(0, -2);
  return stemmed.length > 5 && /[aeiouyåäö][nt]$/.test(stemmed) ? stemmed.slice(0, -1) : stemmed;
}

/** Lower-cases, unifies Unicode and quotes, removes links and addresses, and squeezes "heeej" to "hej". */
export function normalize(text: string): string {
  return text
    .normalize('NFC')
    .toLocaleLowerCase('sv')
    .replace(/https?:\/\/\S+|www\.\S+/g, ' ')
    .replace(/\S+@\S+\.\S+/g, ' ')
    .replace(/[’‘`´]/g, "'")
    .replace(/(\p{L})\1{2,}/gu, '$1');
}

/** Rewrites fixed expressions of either language into single words ("hej då" → "hejdå"). */
export function rewritePhrases(normalized: string): string {
  let text = normalized;
  for (const locale of ['sv', 'en'] as const) {
    for (const [pattern, replacement] of LEXICONS[locale].phrases) text = text.replace(pattern, replacement);
  }
  return text;
}

/** Splits into words of letters and digits; "can't" becomes "cant", "frånvaro-anmälan" two words. */
export function tokenize(normalized: string): string[] {
  return normalized
    .replace(/(\p{L})'(\p{L})/gu, '$1$2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token.length > 0);
}

/**
 * Replaces SMS shorthand with the words it stands for ("mkt" → "mycket", "pls" → "please"), and rarer synonyms
 * with the common word ("modify" → "change").
 */
export function expandShorthand(tokens: readonly string[], locale: Locale): string[] {
  const { shorthand, synonyms } = LEXICONS[locale];
  return tokens.flatMap((token) => (shorthand.get(token) ?? synonyms.get(token))?.split(' ') ?? [token]);
}

/** Drops function words; greetings and courtesy words too when the message also says something else. */
export function removeStopwords(tokens: readonly string[], locale: Locale): string[] {
  const { stopwords, fillers } = LEXICONS[locale];
  const content = tokens.filter((token) => !stopwords.has(token) && !/^\d+$/.test(token));
  const meaningful = content.filter((token) => !fillers.has(token));
  return meaningful.length > 0 ? meaningful : content;
}

/** Reduces a word to its stem with natural's Porter stemmer for the language. */
export function stem(token: string, locale: Locale): string {
  return STEMMERS[locale](token);
}

export { fold };

/** A message run through every step: the words, the content words and their folded stems. */
export interface Analysis {
  tokens: string[];
  content: string[];
  stems: string[];
  /** The folded stem of every token, function words included (they tell "where" from "how"). */
  tokenStems: string[];
}

/** Folded stems already computed, per language: a few thousand words make up nearly every message. */
const FOLDED_STEMS: Record<Locale, Map<string, string>> = { sv: new Map(), en: new Map() };
const MAX_FOLDED_STEMS = 50_000;
/**
 * Words longer than this are worked out afresh each time, never remembered: no school word is this long, and a
 * 1,000-letter "word" would keep kilobytes for nothing.
 */
const MAX_REMEMBERED_WORD = 30;
/**
 * Whether a word's reading may be remembered: not when it holds digits (groups of a phone number or a personnummer
 * are no word to keep in memory) or is longer than any school word.
 */
export function rememberable(word: string): boolean {
  return word.length <= MAX_REMEMBERED_WORD && !/\d/.test(word);
}

/** A word's stem with diacritics folded, as the matcher compares words. */
export function foldedStem(token: string, locale: Locale): string {
  const known = FOLDED_STEMS[locale];
  let folded = known.get(token);
  if (folded === undefined) {
    folded = fold(stem(token, locale));
    if (!rememberable(token)) return folded;
    if (known.size >= MAX_FOLDED_STEMS) known.clear();
    known.set(token, folded);
  }
  return folded;
}

/** Runs all language steps on one text. */
export function analyze(text: string, locale: Locale): Analysis {
  const tokens = expandShorthand(tokenize(rewritePhrases(normalize(text))), locale);
  const content = removeStopwords(tokens, locale);
  return {
    tokens,
    content,
    stems: content.map((token) => foldedStem(token, locale)),
    tokenStems: tokens.map((token) => foldedStem(token, locale)),
  };
}
