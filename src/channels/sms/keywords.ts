import type { Translations } from '../../i18n.js';
import { LOCALES, type Locale } from '../../nlu/types.js';

/** The SMS keywords: opt out, opt back in, help, and the rest of a long reply. */
export type SmsKeywordKind = 'stop' | 'start' | 'help' | 'more';

const KINDS: readonly SmsKeywordKind[] = ['stop', 'start', 'help', 'more'];

/** A keyword a message is, and its language when only one language has that word ("STOPP": sv, "START": both). */
export interface SmsKeyword {
  kind: SmsKeywordKind;
  locale: Locale | undefined;
}

/** A message as compared with the keywords: lower case, punctuation and extra spaces gone ("Stopp!" → "stopp"). */
export function keywordForm(text: string): string {
  return text
    .normalize('NFC')
    .toLocaleLowerCase('sv')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

/**
 * The SMS keywords of both languages, from `sms.keywords` in the locale files. A keyword counts only as the whole
 * message ("STOPP", "stopp!", " Stopp "), never inside a sentence ("stoppa Elsas frånvaro" is for the bot).
 */
export class SmsKeywords {
  private readonly words = new Map<string, { kind: SmsKeywordKind; locales: Locale[] }>();

  constructor(translations: Translations) {
    for (const locale of LOCALES) {
      for (const kind of KINDS) {
        const list = translations[locale](`sms.keywords.${kind}`, { returnObjects: true });
        if (!Array.isArray(list)) throw new Error(`locales/${locale}: sms.keywords.${kind} must be a list of words`);
        for (const word of list) {
          const form = keywordForm(String(word));
          const known = this.words.get(form);
          if (known && known.kind !== kind) {
            throw new Error(`locales: "${form}" is both sms.keywords.${known.kind} and sms.keywords.${kind}`);
          }
          if (known) known.locales.push(locale);
          else this.words.set(form, { kind, locales: [locale] });
        }
      }
    }
  }

  /** The keyword the whole message is, or undefined for anything else. */
  match(text: string): SmsKeyword | undefined {
    const found = this.words.get(keywordForm(text));
    if (!found) return undefined;
    return { kind: found.kind, locale: found.locales.length === 1 ? found.locales[0] : undefined };
  }
}
