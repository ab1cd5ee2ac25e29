import { randomUUID } from 'node:crypto';
import { renderOutcome } from '../bot/render-outcome.js';
import type { IncomingMessage, TurnOutcome } from '../bot/turn.js';
import { toLocale } from '../nlu/types.js';

/**
 * The terminal as a channel: typed lines become messages on the channel "terminal", and the turn's replies are
 * printed as plain text (the same layout as SMS: choices as a numbered list). The same turn runs as behind
 * `/api/messages`.
 */
export class TerminalChannel {
  private readonly conversationId = `terminal-${randomUUID()}`;

  /** `userId` is the account the assistant sees (a demo web chat user such as `demo-anna` can run the dialogs). */
  constructor(
    private readonly turns: { handle(message: IncomingMessage): Promise<TurnOutcome> },
    private readonly print: (text: string) => Promise<void>,
    private readonly locale?: string,
    private readonly userId = 'terminal-user',
  ) {}

  /** Runs one turn for a typed line (or the conversation's start, with no text) and prints the replies. */
  async receive(text: string | undefined): Promise<void> {
    const message: IncomingMessage = {
      kind: text === undefined ? 'join' : 'message',
      id: randomUUID(),
      channelId: 'terminal',
      conversationId: this.conversationId,
      conversationType: 'personal',
      sender: { id: this.userId },
      text,
      channelLocale: toLocale(this.locale),
    };
    for (const reply of renderOutcome(message, await this.turns.handle(message))) {
      if (reply.text) await this.print(reply.text);
    }
  }
}
