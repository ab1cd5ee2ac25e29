import { ActivityHandler, TurnContext } from 'botbuilder';
import { renderOutcome } from '../bot/render-outcome.js';
import { type IncomingMessage, LOCALE_EVENT, type TurnOutcome } from '../bot/turn.js';
import { toLocale } from '../nlu/types.js';

/** The assistant's turn, as the edge calls it. */
export interface Turns {
  handle(message: IncomingMessage): Promise<TurnOutcome>;
}

/**
 * The Bot Framework edge (Teams, the Emulator, Azure's Direct Line and SMS channels through `/api/messages`): an
 * activity becomes a neutral message, the assistant's turn runs, and its outbox is rendered once for the channel
 * and sent. `trusted`: whether the sender an activity names is taken at its word (see `trustsAccounts`).
 */
export class BotFrameworkEdge extends ActivityHandler {
  constructor(
    private readonly turns: Turns,
    private readonly trusted: boolean,
  ) {
    super();
    this.onMembersAdded(async (context, next) => {
      const { membersAdded: added = [], recipient, channelId, conversation } = context.activity;
      // Teams announces a personal install as the bot joining the guardian's one-to-one chat: greet then too.
      const installedForOne =
        channelId === 'msteams' &&
        conversation.conversationType === 'personal' &&
        added.some((m) => m.id === recipient.id);
      if (installedForOne || added.some((member) => member.id !== recipient.id)) await this.runTurn(context, 'join');
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.runTurn(context, 'message');
      await next();
    });
    this.onEvent(async (context, next) => {
      // Other events (a channel's own, e.g. Web Chat's) are not the assistant's business.
      if (context.activity.name === LOCALE_EVENT) await this.runTurn(context, 'chooseLocale');
      await next();
    });
  }

  private async runTurn(context: TurnContext, kind: IncomingMessage['kind']): Promise<void> {
    const message = incomingMessage(context, kind, this.trusted);
    const outgoing = renderOutcome(message, await this.turns.handle(message));
    if (outgoing.length > 0) await context.sendActivities(outgoing);
  }
}

/** The neutral message an activity carries. */
function incomingMessage(context: TurnContext, kind: IncomingMessage['kind'], trusted: boolean): IncomingMessage {
  const { activity } = context;
  const value: unknown = activity.value;
  const aadObjectId = typeof activity.from.aadObjectId === 'string' ? activity.from.aadObjectId : undefined;
  return {
    kind,
    channelId: activity.channelId,
    conversationId: activity.conversation.id,
    conversationType: activity.conversation.conversationType,
    id: activity.id,
    sender: { id: activity.from.id, ...(aadObjectId ? { aadObjectId } : {}) },
    text: kind === 'message' ? messageText(context) : undefined,
    channelLocale: toLocale(activity.locale),
    chosenLocale: kind === 'chooseLocale' && typeof value === 'string' ? toLocale(value) : undefined,
    unauthenticated: !trusted,
  };
}

/** The text of a message, with a Teams @mention of the bot removed. */
function messageText(context: TurnContext): string {
  const { activity } = context;
  // removeRecipientMention throws on a message without text (an attachment with an @mention).
  if (typeof activity.text !== 'string') return '';
  const text = activity.channelId === 'msteams' ? TurnContext.removeRecipientMention(activity) : activity.text;
  return (text as string | undefined)?.trim() ?? '';
}
