import type { Translations } from '../src/i18n.js';
import { fold, normalize, tokenize } from '../src/nlu/steps.js';
import { LOCALES } from '../src/nlu/types.js';

/** Word lists in `locales/<lang>/translation.json` under `keywords`; each is read in both languages. */
export type KeywordList =
  | 'yes'
  | 'no'
  | 'cancel'
  | 'help'
  | 'all'
  | 'more'
  | 'ill'
  | 'other'
  | 'status'
  | 'wholeDay'
  // What states a task in everyday words (the router's task cues, `dialogs/task-table.ts`).
  | 'absenceNames'
  | 'leaveNames'
  | 'meetingNames'
  | 'home'
  | 'late'
  | 'arrivesOrLeaves'
  | 'appointment'
  | 'trip'
  | 'cantMakeIt'
  | 'question'
  // What asks the assistant for a language, and what is about the app's own setting instead.
  | 'english'
  | 'swedish'
  | 'intoEnglish'
  | 'intoSwedish'
  | 'justEnglish'
  | 'justSwedish'
  | 'languageWord'
  | 'askToWrite'
  | 'notUnderstood'
  | 'appSetting';

/** The matcher's normalized words of a message, diacritics folded ("Nä!" → ["na"], "jaaaa" → ["ja"]). */
export function words(text: string): string[] {
  return tokenize(normalize(text)).map(fold);
}

/** The message as one folded phrase ("Avbryt!" → "avbryt"). */
export function phrase(text: string): string {
  return words(text).join(' ');
}

/** A list item written "-läger" stands for the end of a word: Swedish compounds ("innebandyläger", "skolresa"). */
const WORD_END = '-';

/**
 * Trigger words from the locale files, folded, both languages merged: a guardian writing Swedish may still type
 * "ok" or "cancel", and the other way round.
 */
export class Keywords {
  private readonly lists = new Map<KeywordList, { phrases: string[]; endings: string[] }>();
  /** The last message read and its phrase: one message is compared with a dozen lists in a row. */
  private last = { text: '', folded: '' };

  constructor(private readonly t: Translations) {}

  /** The list's phrases, folded (word endings such as "-läger" are not among them). */
  list(name: KeywordList): string[] {
    return this.read(name).phrases;
  }

  /** The whole message is one of the list's phrases ("avbryt", "ja tack"). */
  isExactly(text: string, name: KeywordList): boolean {
    return this.list(name).includes(this.phrase(text));
  }

  /** One of the list's phrases occurs in the message as whole words, or a word ends with one of its endings. */
  mentions(text: string, name: KeywordList): boolean {
    const folded = this.phrase(text);
    const padded = ` ${folded} `;
    const { phrases, endings } = this.read(name);
    if (phrases.some((item) => padded.includes(` ${item} `))) return true;
    return endings.length > 0 && folded.split(' ').some((word) => endings.some((ending) => word.endsWith(ending)));
  }

  /** The message begins with one of the list's phrases ("hur gör jag …", "can I …"). */
  beginsWith(text: string, name: KeywordList): boolean {
    const padded = `${this.phrase(text)} `;
    return this.list(name).some((item) => padded.startsWith(`${item} `));
  }

  private phrase(text: string): string {
    if (this.last.text !== text) this.last = { text, folded: phrase(text) };
    return this.last.folded;
  }

  private read(name: KeywordList): { phrases: string[]; endings: string[] } {
    let list = this.lists.get(name);
    if (!list) {
      const items = LOCALES.flatMap((locale) => {
        const value: unknown = this.t[locale](`keywords.${name}`, { returnObjects: true });
        return Array.isArray(value) ? value.filter((item) => typeof item === 'string') : [];
      });
      list = {
        phrases: items.filter((item) => !item.startsWith(WORD_END)).map((item) => phrase(item)),
        endings: items.filter((item) => item.startsWith(WORD_END)).map((item) => phrase(item.slice(1))),
      };
      this.lists.set(name, list);
    }
    return list;
  }
}
