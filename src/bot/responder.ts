import { exactChoice } from '../../dialogs/recognize.js';
import type { Translations } from '../i18n.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { Locale } from '../nlu/types.js';
import type { Choice, Reply } from '../replies/reply.js';

/** Value of the "none of these" choice under a "did you mean …?" question. */
export const NONE_OF_THESE = '__none__';

/** An offered choice and what choosing it means: an intent to answer, or "none of these". */
export interface OfferedChoice extends Choice {
  intent: string;
}

/** Intents suggested when the conversation starts and when the guardian asks what the assistant can do. */
const STARTERS = ['login.forgot_password', 'absence.report', 'grades'];

/** Builds the replies a guardian reads, from the knowledge base and the locale files. */
export class Responder {
  constructor(
    private readonly knowledge: KnowledgeBase,
    private readonly t: Translations,
  ) {}

  /** An FAQ answer with its follow-up suggestions. */
  answer(intent: string, locale: Locale): { reply: Reply; offered: OfferedChoice[] } {
    const text = this.knowledge.answer(intent, locale) ?? this.t[locale]('unknown');
    const offered = this.choicesFor(this.knowledge.followUps(intent), locale);
    return { reply: { ...this.withChoices(text, offered, this.t[locale]('followUpsIntro')), kind: 'answer' }, offered };
  }

  /** The answer followed by the conversation starters (greeting, help). */
  answerWithStarters(intent: string, locale: Locale): { reply: Reply; offered: OfferedChoice[] } {
    const text = this.knowledge.answer(intent, locale) ?? this.t[locale]('welcome');
    const offered = this.choicesFor(STARTERS, locale);
    return { reply: { ...this.withChoices(text, offered), kind: 'answer' }, offered };
  }

  welcome(locale: Locale): { reply: Reply; offered: OfferedChoice[] } {
    const offered = this.choicesFor(STARTERS, locale);
    return { reply: { ...this.withChoices(this.t[locale]('welcome'), offered), kind: 'answer' }, offered };
  }

  /** "Did you mean …?" with the close intents and "none of these". */
  didYouMean(intents: readonly string[], locale: Locale): { reply: Reply; offered: OfferedChoice[] } {
    const offered = [
      ...this.choicesFor(intents, locale),
      { title: this.t[locale]('noneOfThese'), value: this.t[locale]('noneOfThese'), intent: NONE_OF_THESE },
    ];
    return { reply: this.withChoices(this.t[locale]('didYouMean'), offered), offered };
  }

  /** Conversation handling (thanks, goodbye …), not a question worth handing to staff. */
  isSmallTalk(intent: string): boolean {
    return this.knowledge.kind(intent) === 'talk';
  }

  /** A plain message from the locale files. */
  say(key: string, locale: Locale): Reply {
    return { text: this.t[locale](key) };
  }

  private choicesFor(intents: readonly string[], locale: Locale): OfferedChoice[] {
    return intents.flatMap((intent) => {
      const title = this.knowledge.title(intent, locale);
      return title ? [{ title, value: title, intent }] : [];
    });
  }

  private withChoices(text: string, offered: OfferedChoice[], intro?: string): Reply {
    if (offered.length === 0) return { text };
    return {
      text,
      choices: offered.map(({ title, value }) => ({ title, value })),
      ...(intro ? { choicesIntro: intro } : {}),
    };
  }
}

/**
 * The offered choice a message picks, if any: its exact title (a tapped button sends it) or its number (typed
 * on SMS or in the terminal), read by the same picker as a prompt's choices.
 */
export function pickChoice(text: string, offered: readonly OfferedChoice[] | undefined): OfferedChoice | undefined {
  if (!offered?.length) return undefined;
  const choices = offered.map((choice, index) => ({ value: String(index), label: choice.title }));
  const picked = exactChoice(text, choices, () => []);
  return picked === undefined ? undefined : offered[Number(picked)];
}
