import type { KeywordList, Keywords, Span } from '../../dialogs/keywords.js';
import type { Locale } from '../nlu/types.js';

const other = (locale: Locale): Locale => (locale === 'sv' ? 'en' : 'sv');

const LANGUAGES: readonly KeywordList[] = ['english', 'swedish'];

/** Words that may stand between the verb and the language ("svara mig på engelska", "write it in English"). */
const MAX_GLUE = 3;

/** What a message that is only a language request is made of ("engelska tack", "byt språk", "English?"). */
const REQUEST_WORDS: readonly KeywordList[] = [
  ...LANGUAGES,
  'languageWord',
  'askToWrite',
  'notUnderstood',
  'languageGlue',
  'addressee',
  'opener',
];

/**
 * Whether a message asks the assistant to write in a language, and in which. "svara på engelska", "English
 * please", "kan vi byta till svenska?" ask; "hur ändrar jag språket i appen?" and "hur säger man frånvaro på
 * engelska?" do not: the first is about the app's own setting, the second asks nothing of the assistant. Nor does
 * a sentence that has a language and a verb apart ("Min son vill byta från tyska till engelska", "Eleverna ska
 * svara på frågorna på engelska", "kan du svara på det?" after "engelska prov").
 */
export class LanguageRequests {
  constructor(private readonly keywords: Keywords) {}

  /**
   * True when the message asks for a language: a verb joined to the language ("svara på engelska", "byt till
   * engelska", "prata engelska med mig", "I don't speak Swedish", "byt språk") said to the assistant rather than
   * of someone else ("Eleverna ska svara på engelska"), or a message that is nothing but the request ("engelska
   * tack", "English?"). `matcherOpen`: the matcher has no confident other reading ("Can you write the leave form in
   * English?" is about the form).
   */
  asks(text: string, matcherSaysSwitch: boolean, matcherOpen: boolean): boolean {
    const k = this.keywords;
    if (!(matcherSaysSwitch || matcherOpen) || k.mentions(text, 'appSetting')) return false;
    if (k.isExactly(text, 'justEnglish') || k.isExactly(text, 'justSwedish')) return true;
    if (this.joined(text, 'askToWrite', [...LANGUAGES, 'languageWord'])) return true;
    if (this.joined(text, 'notUnderstood', LANGUAGES)) return true;
    if (!k.covered(text, REQUEST_WORDS).every(Boolean)) return false;
    const names = LANGUAGES.some((language) => k.mentions(text, language));
    return names || (k.mentions(text, 'languageWord') && (k.mentions(text, 'askToWrite') || matcherSaysSwitch));
  }

  /**
   * The language asked for: the one named ("på engelska"; "I don't speak Swedish" names the one not wanted), else
   * the message's own language when it differs from the conversation's ("change language" in a Swedish
   * conversation), else the other one.
   */
  target(text: string, messageLocale: Locale | undefined, conversation: Locale): Locale {
    const k = this.keywords;
    const into = k.mentions(text, 'intoEnglish') ? 'en' : k.mentions(text, 'intoSwedish') ? 'sv' : undefined;
    if (into) return into;
    const english = k.mentions(text, 'english');
    if (english !== k.mentions(text, 'swedish')) {
      const named: Locale = english ? 'en' : 'sv';
      return k.mentions(text, 'notUnderstood') ? other(named) : named;
    }
    if (messageLocale && messageLocale !== conversation) return messageLocale;
    return other(conversation);
  }

  /**
   * A phrase of `verbs` followed by one of `objects`, with at most a few glue words between ("svara mig på
   * engelska"), said to the assistant: its subject is the guardian or the assistant, after the verb ("Hur byter jag
   * språk?") or before it ("kan du", "jag vill", "please"), or nothing but a greeting stands before the verb.
   */
  private joined(text: string, verbs: KeywordList, objects: readonly KeywordList[]): boolean {
    const k = this.keywords;
    const starts = new Set(objects.flatMap((list) => k.spans(text, list).map((span) => span.start)));
    const spoken = new Set(k.spans(text, 'addressee').map((span) => span.start));
    const glue = new Map<number, number>();
    for (const { start, end } of k.spans(text, 'languageGlue')) glue.set(start, Math.max(end, glue.get(start) ?? 0));
    const request = (verb: Span) => {
      let at = verb.end;
      let toTheAssistant = false;
      for (let skipped = 0; !starts.has(at) && skipped < MAX_GLUE; skipped++) {
        const next = glue.get(at);
        if (next === undefined) return false;
        toTheAssistant ||= spoken.has(at);
        at = next;
      }
      return starts.has(at) && (toTheAssistant || this.toTheAssistant(text, verb.start));
    };
    return k.spans(text, verbs).some(request);
  }

  /** The words before `start` speak to the assistant or of the guardian, or there are none but a greeting. */
  private toTheAssistant(text: string, start: number): boolean {
    const k = this.keywords;
    if (k.spans(text, 'addressee').some((span) => span.end <= start)) return true;
    return k.covered(text, ['opener']).slice(0, start).every(Boolean);
  }
}
