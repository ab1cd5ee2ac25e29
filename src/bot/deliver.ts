import type { TurnContext } from 'botbuilder';
import type { Locale } from '../nlu/types.js';
import type { Reply } from '../replies/reply.js';
import { type OutgoingMessage, rendererFor } from '../replies/render.js';

/** Replies sent in this turn, kept so a re-sent activity gets them again. */
export const TURN_REPLIES = Symbol('hub.turnReplies');

/** Renders a channel-neutral reply for the turn's channel (web chat, Teams, …). */
export function render(context: TurnContext, reply: Reply, locale: Locale): OutgoingMessage[] {
  const { activity } = context;
  return rendererFor(activity.channelId)(reply, {
    channelId: activity.channelId,
    locale,
    userId: activity.from.id,
    personal:
      activity.conversation.conversationType !== 'channel' && activity.conversation.conversationType !== 'groupChat',
  });
}

/** Sends a reply (the bot's answers and the dialogs' prompts alike) and notes it for a re-sent activity. */
export async function deliver(context: TurnContext, reply: Reply, locale: Locale): Promise<void> {
  context.turnState.get<Reply[] | undefined>(TURN_REPLIES)?.push(reply);
  await context.sendActivities(render(context, reply, locale));
}
