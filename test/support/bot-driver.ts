import { type Activity, type ActivityHandler, type ChannelAccount, TestAdapter } from 'botbuilder';
import type { Assistant } from '../../src/assistant.js';
import type { Locale } from '../../src/nlu/types.js';
import { required } from './fixtures.js';

export interface ConversationOptions {
  /** Conversation id: the key of the conversation's state (default 'convo-1'). */
  id?: string;
  /** Channel id of every activity (TestAdapter's default is 'test'). */
  channelId?: string;
  /** The locale the channel reports on every activity (default 'en-US', like TestAdapter; '' for none, as SMS). */
  locale?: string;
  /** Teams: 'personal', 'channel' or 'groupChat'. */
  conversationType?: string;
  /** The guardian's channel account id (lower-case), e.g. a demo web chat user (default 'guardian'). */
  user?: string;
}

/**
 * Drives the real bot through botbuilder's TestAdapter one turn at a time and returns the activities the bot sent
 * in that turn, so a test can read them with ordinary assertions.
 */
export class BotConversation {
  readonly adapter: TestAdapter;
  private readonly channelId: string | undefined;
  private readonly conversationType: string | undefined;

  constructor(
    private readonly bot: ActivityHandler,
    options: ConversationOptions = {},
  ) {
    this.adapter = new TestAdapter(
      TestAdapter.createConversation(options.id ?? 'convo-1', options.user ?? 'Guardian', 'hub-assistant'),
    );
    this.adapter.locale = options.locale ?? 'en-US';
    this.channelId = options.channelId;
    this.conversationType = options.conversationType;
  }

  /** The bot's account (recipient of the user's messages). */
  get botAccount(): ChannelAccount {
    return required(this.adapter.conversation.bot, 'bot account');
  }

  /** The guardian's account (sender of the messages). */
  get userAccount(): ChannelAccount {
    return required(this.adapter.conversation.user, 'user account');
  }

  /** Sends a message (text, or a partial activity merged over a message) and returns the bot's replies. */
  async send(input: string | Partial<Activity>): Promise<Partial<Activity>[]> {
    const base = this.adapter.makeActivity(typeof input === 'string' ? input : undefined);
    const activity: Partial<Activity> = {
      ...base,
      ...(this.channelId ? { channelId: this.channelId } : {}),
      conversation: {
        ...this.adapter.conversation.conversation,
        ...(this.conversationType ? { conversationType: this.conversationType } : {}),
      },
      ...(typeof input === 'string' ? {} : input),
    };
    this.adapter.activeQueue.splice(0);
    await this.adapter.processActivity(activity, (context) => this.bot.run(context));
    return this.adapter.activeQueue.splice(0);
  }

  /** Sends a message and returns the bot's only reply (fails when it sent none or several). */
  async ask(input: string | Partial<Activity>): Promise<Partial<Activity>> {
    const replies = await this.send(input);
    if (replies.length !== 1) {
      throw new Error(
        `expected one reply to ${JSON.stringify(input)}, got ${replies.length}: ${JSON.stringify(replies)}`,
      );
    }
    return replies[0] as Partial<Activity>;
  }

  /** A user joins the conversation (what channels send when a chat opens). */
  join(): Promise<Partial<Activity>[]> {
    return this.send({
      type: 'conversationUpdate',
      text: undefined,
      membersAdded: [this.userAccount],
    });
  }
}

/** The titles of a reply's suggested actions (imBack only). */
export function suggestedTitles(activity: Partial<Activity>): string[] {
  return (activity.suggestedActions?.actions ?? []).map((action) => {
    if (action.type !== 'imBack') throw new Error(`unexpected action type ${action.type}`);
    return action.title;
  });
}

/** Every text the assistant can say, per language: answers of the knowledge base and the locale strings. */
export function knownTexts(assistant: Assistant): Record<Locale, Set<string>> {
  const keys = [
    'welcome',
    'didYouMean',
    'noneOfThese',
    'unknown',
    'unknownAfterRejection',
    'handoffNoted',
    'notText',
    'tooLong',
    'error',
  ];
  const texts = (locale: Locale) =>
    new Set([
      ...assistant.knowledge.ids.map((id) => assistant.knowledge.answer(id, locale) ?? ''),
      ...keys.map((key) => assistant.translations[locale](key)),
    ]);
  return { sv: texts('sv'), en: texts('en') };
}

/**
 * The language a reply is in: every paragraph must be a text the assistant knows in that language (and the
 * activity's locale must agree), else undefined.
 */
export function languageOf(activity: Partial<Activity>, texts: Record<Locale, Set<string>>): Locale | undefined {
  const text = activity.text ?? '';
  const paragraphs = text.split('\n\n');
  for (const locale of ['sv', 'en'] as const) {
    const known = texts[locale].has(text) || paragraphs.every((p) => texts[locale].has(p));
    if (activity.locale === locale && known) return locale;
  }
  return undefined;
}
