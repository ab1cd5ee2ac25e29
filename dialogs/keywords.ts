import type { Translations } from '../src/i18n.js';
import { fold, normalize, tokenize } from '../src/nlu/steps.js';
import { LOCALES, type Locale } from '../src/nlu/types.js';

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
  | 'leaveRequest'
  | 'meetingNames'
  | 'parentMeeting'
  | 'rescheduleMeeting'
  | 'home'
  | 'late'
  | 'arrivesOrLeaves'
  | 'appointment'
  | 'trip'
  | 'cantMakeIt'
  // Who a statement is about: "bussen kommer 8.15" is not the child.
  | 'notTheChild'
  | 'auxiliary'
  | 'preposition'
  | 'timeAdverb'
  // What makes a message a question: a question word first, or a verb and its subject ("kan jag", "will she").
  | 'question'
  | 'askingVerb'
  | 'subject'
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
  | 'languageGlue'
  | 'addressee'
  | 'opener'
  | 'appSetting'
  // The SMS channel's keywords, each only as a whole message: opt out, opt back in, help, the rest of a long reply.
  | 'smsStop'
  | 'smsStart'
  | 'smsHelp'
  | 'smsMore';

/** Where a phrase of a list stands in a message: the index of its first word and of the word after its last. */
export interface Span {
  start: number;
  end: number;
}

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
  private readonly lists = new Map<KeywordList, List>();
  /**
   * The last message read: its phrase, its words, where each word stands, and the spans found so far. One message
   * is compared with a dozen lists in a row, some of them several times.
   */
  private last: Reading = reading('');

  constructor(private readonly t: Translations) {}

  /** The list's phrases, folded (word endings such as "-läger" are not among them). */
  list(name: KeywordList): string[] {
    return this.read(name).phrases;
  }

  /** The whole message is one of the list's phrases ("avbryt", "ja tack"). */
  isExactly(text: string, name: KeywordList): boolean {
    return this.list(name).includes(this.reading(text).folded);
  }

  /** One of the list's phrases occurs in the message as whole words, or a word ends with one of its endings. */
  mentions(text: string, name: KeywordList): boolean {
    return this.spans(text, name).length > 0;
  }

  /**
   * The languages whose list has the whole message as one of its phrases ("stopp": sv; "start": sv and en), none
   * when it has not: a word only one language has says which language the guardian writes (an SMS "HJÄLP").
   */
  languagesOf(text: string, name: KeywordList): readonly Locale[] {
    return this.read(name).languages.get(this.reading(text).folded) ?? [];
  }

  /** The message begins with one of the list's phrases ("hur gör jag …", "can I …"). */
  beginsWith(text: string, name: KeywordList): boolean {
    const { words } = this.reading(text);
    return this.read(name).parts.some((parts) => parts.every((part, i) => words[i] === part));
  }

  /** The message's folded words, as the lists are compared with them (the index of a `Span` is into these). */
  wordsOf(text: string): readonly string[] {
    return this.reading(text).words;
  }

  /** Every place a phrase of the list stands in the message, or a word ends with one of its endings. */
  spans(text: string, name: KeywordList): readonly Span[] {
    const message = this.reading(text);
    const known = message.spans.get(name);
    if (known) return known;
    const { parts, endings } = this.read(name);
    const found: Span[] = [];
    for (const phraseParts of parts) {
      const [first = ''] = phraseParts;
      for (const start of message.at.get(first) ?? []) {
        if (start + phraseParts.length > message.words.length) continue;
        if (phraseParts.every((part, i) => message.words[start + i] === part)) {
          found.push({ start, end: start + phraseParts.length });
        }
      }
    }
    if (endings.length > 0) {
      message.words.forEach((word, start) => {
        if (endings.some((ending) => word.endsWith(ending))) found.push({ start, end: start + 1 });
      });
    }
    found.sort((a, b) => a.start - b.start || b.end - a.end);
    message.spans.set(name, found);
    return found;
  }

  /**
   * Which of the message's words stand inside a phrase of one of the lists: `covered(text, lists).every(Boolean)`
   * says the message is made of nothing else ("engelska tack", "byt språk").
   */
  covered(text: string, names: readonly KeywordList[]): boolean[] {
    const covered = this.wordsOf(text).map(() => false);
    for (const name of names) {
      for (const { start, end } of this.spans(text, name)) covered.fill(true, start, end);
    }
    return covered;
  }

  private reading(text: string): Reading {
    if (this.last.text !== text) this.last = reading(text);
    return this.last;
  }

  private read(name: KeywordList): List {
    let list = this.lists.get(name);
    if (!list) {
      const phrases: string[] = [];
      const endings: string[] = [];
      const languages = new Map<string, Locale[]>();
      for (const locale of LOCALES) {
        const value: unknown = this.t[locale](`keywords.${name}`, { returnObjects: true });
        for (const item of Array.isArray(value) ? (value as unknown[]) : []) {
          if (typeof item !== 'string') continue;
          if (item.startsWith(WORD_END)) {
            endings.push(phrase(item.slice(1)));
            continue;
          }
          const folded = phrase(item);
          phrases.push(folded);
          const known = languages.get(folded) ?? [];
          if (!known.includes(locale)) languages.set(folded, [...known, locale]);
        }
      }
      list = {
        phrases,
        parts: phrases.map((item) => item.split(' ').filter((part) => part !== '')).filter((p) => p.length > 0),
        endings,
        languages,
      };
      this.lists.set(name, list);
    }
    return list;
  }
}

/** A list as read from both locale files. */
interface List {
  phrases: string[];
  parts: string[][];
  endings: string[];
  /** Which languages' files have each phrase. */
  languages: Map<string, Locale[]>;
}

/** A message as the lists are compared with it. */
interface Reading {
  text: string;
  folded: string;
  words: string[];
  /** Where each word stands (its indexes in `words`). */
  at: Map<string, number[]>;
  spans: Map<KeywordList, Span[]>;
}

function reading(text: string): Reading {
  const folded = phrase(text);
  const words = folded === '' ? [] : folded.split(' ');
  const at = new Map<string, number[]>();
  words.forEach((word, index) => {
    const indexes = at.get(word);
    if (indexes) indexes.push(index);
    else at.set(word, [index]);
  });
  return { text, folded, words, at, spans: new Map() };
}
