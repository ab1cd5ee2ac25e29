import type { KeywordList, Keywords } from '../../../dialogs/keywords.js';
import type { Locale } from '../../nlu/types.js';

/** The SMS keywords: opt out, opt back in, help, and the rest of a long reply. */
export type SmsKeywordKind = 'stop' | 'start' | 'help' | 'more';

/** Each kind's word list (`keywords.smsStop`, … in the locale files), in the order a message is compared. */
const LISTS = {
  stop: 'smsStop',
  start: 'smsStart',
  help: 'smsHelp',
  more: 'smsMore',
} as const satisfies Record<SmsKeywordKind, KeywordList>;

const KINDS = Object.keys(LISTS) as SmsKeywordKind[];

/** A keyword a message is, and its language when only one language has that word ("STOPP": sv, "START": both). */
export interface SmsKeyword {
  kind: SmsKeywordKind;
  locale: Locale | undefined;
}

/**
 * The SMS keywords of both languages, read by the project's one keyword matcher (`Keywords`, as the router and the
 * dialogs read theirs). What is SMS's own: a keyword counts only as the whole message ("STOPP", "stopp!",
 * " Stopp "), never inside a sentence ("stoppa Elsas frånvaro" is for the bot); the word's language when only one
 * language has it; and, when the channel starts, that every kind has words and no word is two kinds.
 */
export class SmsKeywords {
  constructor(private readonly keywords: Keywords) {
    const kindOf = new Map<string, SmsKeywordKind>();
    for (const kind of KINDS) {
      const words = keywords.list(LISTS[kind]);
      if (words.length === 0) throw new Error(`locales: keywords.${LISTS[kind]} must be a list of words`);
      for (const word of words) {
        const known = kindOf.get(word);
        if (known !== undefined && known !== kind) {
          throw new Error(`locales: "${word}" is both keywords.${LISTS[known]} and keywords.${LISTS[kind]}`);
        }
        kindOf.set(word, kind);
      }
    }
  }

  /** The keyword the whole message is, or undefined for anything else. */
  match(text: string): SmsKeyword | undefined {
    for (const kind of KINDS) {
      const [locale, other] = this.keywords.languagesOf(text, LISTS[kind]);
      if (locale !== undefined) return { kind, locale: other === undefined ? locale : undefined };
    }
    return undefined;
  }
}
