import { randomUUID } from 'node:crypto';
import { type Activity, BotAdapter, type ResourceResponse, TurnContext } from 'botbuilder';
import { KeyedQueue } from './keyed-queue.js';

/** Where a turn's outgoing activities are collected. */
const SENT = Symbol('hub.sentActivities');

/** The bot's logic for one turn (`bot.run`). */
export type TurnLogic = (context: TurnContext) => Promise<void>;

/**
 * A Bot Framework adapter for the channels the assistant serves itself (its Direct Line endpoint, the SMS
 * webhooks): runs one activity through the same middleware and bot as `/api/messages` and returns what the bot
 * sent in that turn, for the channel to deliver. Turns of one conversation run one after the other, so two
 * messages arriving at once cannot both read and then overwrite the conversation's state.
 */
export class InProcessAdapter extends BotAdapter {
  private readonly queue = new KeyedQueue();

  /** Runs one turn for `activity` and resolves to the activities the bot sent, each with an id. */
  process(activity: Partial<Activity>, logic: TurnLogic): Promise<Partial<Activity>[]> {
    return this.queue.run(activity.conversation?.id ?? '', () => this.runTurn(activity, logic));
  }

  private async runTurn(activity: Partial<Activity>, logic: TurnLogic): Promise<Partial<Activity>[]> {
    const sent: Partial<Activity>[] = [];
    const context = new TurnContext(this, activity);
    context.turnState.set(SENT, sent);
    await this.runMiddleware(context, logic);
    return sent;
  }

  override sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const sent = context.turnState.get<Partial<Activity>[] | undefined>(SENT);
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      const id = randomUUID();
      // `delay` and `trace` activities are the adapter's business, not the channel's.
      if (activity.type !== 'delay' && activity.type !== 'trace') sent?.push({ ...activity, id });
      responses.push({ id });
    }
    return Promise.resolve(responses);
  }

  override updateActivity(): Promise<ResourceResponse | undefined> {
    return Promise.reject(new Error('This channel cannot edit a sent message.'));
  }

  override deleteActivity(): Promise<void> {
    return Promise.reject(new Error('This channel cannot delete a sent message.'));
  }

  override continueConversation(): Promise<void> {
    return Promise.reject(new Error('This channel has no proactive messages.'));
  }
}
