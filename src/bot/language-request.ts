import type { Keywords } from '../../dialogs/keywords.js';
import type { Locale } from '../nlu/types.js';

const other = (locale: Locale): Locale => (locale === 'sv' ? 'en' : 'sv');

/**
 * Whether a message asks the assistant to write in a language, and in which. "svara på engelska", "English
 * please", "kan vi byta till svenska?" ask; "hur ändrar jag språket i appen?" and "hur säger man frånvaro på
 * engelska?" do not: the first is about the app's own setting, the second asks nothing of the assistant.
 */
export class LanguageRequests {
  constructor(private readonly keywords: Keywords) {}

  /**
   * True when the message asks for a language: it names one and asks to write, answer or speak in it ("svara på
   * engelska", "Do you speak English?", "I don't speak Swedish"), or is just the language ("English please", "på
   * svenska"), or asks to change the language at all ("byt språk", which the matcher must also read as a switch).
   * `matcherOpen`: the matcher has no confident other reading ("Can you write the leave form in English?" is
   * about the form).
   */
  asks(text: string, matcherSaysSwitch: boolean, matcherOpen: boolean): boolean {
    const k = this.keywords;
    if (!(matcherSaysSwitch || matcherOpen) || k.mentions(text, 'appSetting')) return false;
    const asking = k.mentions(text, 'askToWrite');
    const names = k.mentions(text, 'english') || k.mentions(text, 'swedish');
    const onlyNames = k.isExactly(text, 'justEnglish') || k.isExactly(text, 'justSwedish');
    if (names) return asking || onlyNames || k.mentions(text, 'notUnderstood');
    return k.mentions(text, 'languageWord') && (asking || matcherSaysSwitch);
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
}
