import type { DialogTurn } from '../../dialogs/dialog-turn.js';
import type { Message } from '../../dialogs/message.js';
import type { TaskStack } from '../../dialogs/task-runner.js';
import type { TaskResult } from '../../dialogs/task-options.js';
import type { Locale } from '../nlu/types.js';
import type { Reply } from '../replies/reply.js';
import type { OfferedChoice } from './responder.js';

/**
 * The event a channel's page sends when the guardian picks a language with its own controls (the web chat's
 * Svenska/English buttons): `{ type: 'event', name: 'hub/locale', value: 'sv' | 'en' }`.
 */
export const LOCALE_EVENT = 'hub/locale';

/**
 * One message as every channel hands it in, whatever the channel (Rasa's UserMessage idea): Bot Framework
 * activities, the Direct Line endpoint, SMS webhooks and the terminal all become this.
 */
export interface IncomingMessage {
  /** A guardian's message; a member joining (the welcome); the page's own language buttons. */
  kind: 'message' | 'join' | 'chooseLocale';
  channelId: string;
  conversationId: string;
  /** Teams: 'personal', 'channel' or 'groupChat'. A task never runs where others read along. */
  conversationType?: string | undefined;
  /** The channel's id of the message, so a re-sent message is answered as before. */
  id?: string | undefined;
  sender: { id: string; aadObjectId?: string | undefined };
  /** The message as written (a Teams @mention of the bot already removed). */
  text?: string | undefined;
  /** The language the channel says the guardian uses, if it says (SMS and plain HTTP do not). */
  channelLocale?: Locale | undefined;
  /** chooseLocale: the language picked. */
  chosenLocale?: Locale | undefined;
  /** Nobody vouched for the sender (see `trustsAccounts`): no task runs for them. */
  unauthenticated?: boolean | undefined;
}

/** What the task side remembers between turns. */
export interface TaskMemory {
  /** Another task the guardian asked for in the middle of one: waiting for "leave this one?". */
  pendingSwitch?: { intent: string; text: string };
  /** The last submission, so a repeated confirm shows the receipt instead of registering twice. */
  lastTask?: { at: string; repeatedBy: TaskResult['repeatedBy']; receipt: Message[] };
}

/** What the assistant remembers about a conversation between turns (kept in the conversation store). */
export interface ConversationData extends TaskMemory {
  locale?: Locale;
  /** True once the guardian asked for a language: then only another request changes it. */
  localeChosen?: boolean;
  /** The choices of the last reply, so a tapped button or a typed number picks one. */
  offered?: OfferedChoice[];
  /** The question behind an open "did you mean …?" (redacted: state is stored too). */
  pendingQuestion?: string;
  /** The last question that was not small talk, for a hand-off to staff (redacted). */
  lastQuestion?: string;
  /** The last message handled and what was answered, so a channel re-sending it gets the same replies again. */
  lastActivity?: { id: string; replies: Reply[] };
}

/** A conversation as it is stored: the assistant's memory and the open task's dialog stack. */
export interface Conversation {
  hub: ConversationData;
  dialogs: TaskStack;
}

/**
 * One turn as a value: the message, the conversation's state, the one language of the turn, the instant, and the
 * outbox of channel-neutral replies that is rendered once, for the channel, when the turn ends. Every step reads
 * and writes this; nothing passes beside it.
 */
export interface Turn extends DialogTurn {
  readonly message: IncomingMessage;
  /** The text as read (trimmed, cut to the longest length read). */
  readonly text: string;
  /** The text with personal data removed: what may be stored or logged. */
  readonly safeText: string;
  readonly conversation: Conversation;
}

/** What a turn gives back to its channel: the replies, in the turn's language. */
export interface TurnOutcome {
  replies: Reply[];
  locale: Locale;
}
