import type { Translations } from '../src/i18n.js';
import { LOCALES } from '../src/nlu/types.js';
import { stockholmDate } from '../src/time/stockholm.js';
import type { AskOptions } from './ask-options.js';
import type { Moment } from './moment.js';
import { type Keywords, phrase } from './keywords.js';
import { type Message, MessageWriter } from './message.js';
import { type Labels, pickChoice, type Recognized, recognize, yesOrNo } from './recognize.js';

/** How many rendered button labels are kept (a few hundred distinct ones exist on a busy day). */
const LABEL_CACHE_SIZE = 2000;

/**
 * Reads a message against a prompt, without running any dialog: what the open prompt makes of it, a yes or no, a
 * repeated tap of a button. The router asks it (to tell an answer from an interruption) and the prompt uses the
 * router's reading, so a message is read once.
 */
export interface PromptReader {
  recognize(prompt: AskOptions, text: string, moment: Moment): Recognized;
  yesOrNo(text: string, now: Date): boolean | undefined;
  /** The message taps one of these buttons again ("Ja" right after a submission). */
  repeats(text: string, buttons: readonly Message[], now: Date): boolean;
  /**
   * A message as written in each language, folded as a phrase, for recognising a tapped button whatever language it
   * was shown in.
   */
  labels(message: Message, now: Date): string[];
}

/** The prompt reader for the locale files' texts and keyword lists. */
export function promptReader(translations: Translations, keywords: Keywords): PromptReader {
  const labelCache = new Map<string, string[]>();
  const labels = (message: Message, now: Date): string[] => {
    // Labels are read at every answer; they only change with the message and the day ("i dag").
    const key = `${stockholmDate(now)}|${JSON.stringify(message)}`;
    let texts = labelCache.get(key);
    if (!texts) {
      texts = LOCALES.map((locale) => phrase(new MessageWriter(translations, locale, now).text(message)));
      if (labelCache.size >= LABEL_CACHE_SIZE) labelCache.clear();
      labelCache.set(key, texts);
    }
    return texts;
  };
  const labelsAt =
    (now: Date): Labels =>
    (message) =>
      labels(message, now);
  return {
    labels,
    recognize: (prompt, text, moment) => recognize(prompt, text, moment, keywords, labelsAt(moment.now)),
    yesOrNo: (text, now) => yesOrNo(text, keywords, labelsAt(now)),
    repeats: (text, buttons, now) =>
      buttons.some((label) => pickChoice(text, [{ value: 'repeat', label }], labelsAt(now)) === 'repeat'),
  };
}
