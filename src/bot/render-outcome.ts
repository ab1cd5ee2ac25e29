import { type OutgoingMessage, rendererFor } from '../replies/render.js';
import type { IncomingMessage, TurnOutcome } from './turn.js';

/** A turn's replies, rendered once for the channel the message came from (web chat, Teams, SMS, terminal). */
export function renderOutcome(message: IncomingMessage, outcome: TurnOutcome): OutgoingMessage[] {
  const render = rendererFor(message.channelId);
  const to = {
    channelId: message.channelId,
    locale: outcome.locale,
    userId: message.sender.id,
    personal: !isShared(message.conversationType),
  };
  return outcome.replies.flatMap((reply) => render(reply, to));
}

/** Conversations others can read (a Teams channel or group chat). */
export function isShared(conversationType: string | undefined): boolean {
  return conversationType === 'channel' || conversationType === 'groupChat';
}
