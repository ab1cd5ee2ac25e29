import type { Translations } from '../src/i18n.js';
import { fold, normalize, tokenize } from '../src/nlu/steps.js';
import { LOCALES } from '../src/nlu/types.js';

/** Word lists in `locales/<lang>/translation.json` under `keywords`; each is read in both languages. */
export type KeywordList = 'yes' | 'no' | 'cancel' | 'help' | 'all' | 'more' | 'ill' | 'other' | 'status' | 'wholeDay';

/** The matcher's normalized words of a message, diacritics folded ("Nä!" → ["na"], "jaaaa" → ["ja"]). */
export function words(text: string): string[] {
  return tokenize(normalize(text)).map(fold);
}

/** The message as one folded phrase ("Avbryt!" → "avbryt"). */
export function phrase(text: string): string {
  return words(text).join(' ');
}

/**
 * Trigger words from the locale files, folded, both languages merged: a guardian writing Swedish may still type
 * "ok" or "cancel", and the other way round.
 */
export class Keywords {
  private readonly lists = new Map<KeywordList, string[]>();

  constructor(private readonly t: Translations) {}

  list(name: KeywordList): string[] {
    let list = this.lists.get(name);
    if (!list) {
      list = LOCALES.flatMap((locale) => {
        const value: unknown = this.t[locale](`keywords.${name}`, { returnObjects: true });
        return Array.isArray(value) ? value.filter((item) => typeof item === 'string').map((item) => phrase(item)) : [];
      });
      this.lists.set(name, list);
    }
    return list;
  }

  /** The whole message is one of the list's phrases ("avbryt", "ja tack"). */
  isExactly(text: string, name: KeywordList): boolean {
    return this.list(name).includes(phrase(text));
  }

  /** One of the list's phrases occurs in the message as whole words. */
  mentions(text: string, name: KeywordList): boolean {
    const padded = ` ${phrase(text)} `;
    return this.list(name).some((item) => padded.includes(` ${item} `));
  }
}
