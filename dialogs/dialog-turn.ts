import { BotAdapter, type ResourceResponse, TurnContext } from 'botbuilder';
import type { Locale } from '../src/nlu/types.js';
import type { Reply } from '../src/replies/reply.js';
import type { AskOptions } from './ask-options.js';
import type { Recognized } from './recognize.js';

/**
 * What a dialog sees of the turn it runs in: the message as read, the instant, the one language of the turn, and
 * the outbox its replies go to (a dialog never sends). The bot's `Turn` is this and more.
 */
export interface DialogTurn {
  readonly text: string;
  readonly now: Date;
  locale: Locale;
  readonly outbox: Reply[];
  /** What the open prompt made of the message when the router read it, so the prompt does not read it again. */
  answer?: { prompt: AskOptions; recognized: Recognized };
}

/** botbuilder-dialogs needs an adapter only to send, which our dialogs never do: this one refuses to. */
class NoAdapter extends BotAdapter {
  override sendActivities(): Promise<ResourceResponse[]> {
    return Promise.reject(new Error('A dialog adds replies to the outbox; it never sends.'));
  }

  override updateActivity(): Promise<void> {
    return this.sendActivities().then(() => undefined);
  }

  override deleteActivity(): Promise<void> {
    return this.sendActivities().then(() => undefined);
  }

  override continueConversation(): Promise<void> {
    return this.sendActivities().then(() => undefined);
  }
}

const NO_ADAPTER = new NoAdapter();

/**
 * The TurnContext botbuilder-dialogs runs a dialog in, carrying our turn as a typed field: the one way from a
 * dialog step back to the turn (no `turnState` symbols).
 */
export class DialogTurnContext extends TurnContext {
  constructor(readonly turn: DialogTurn) {
    super(NO_ADAPTER, { type: 'message', text: turn.text });
  }
}

/** The turn a dialog step runs in. */
export function turnOf(context: TurnContext): DialogTurn {
  if (context instanceof DialogTurnContext) return context.turn;
  throw new Error('a dialog ran outside the task runner');
}
