import { randomUUID } from 'node:crypto';
import { type Activity, ActivityTypes, BotAdapter, type ResourceResponse, TurnContext } from 'botbuilder';

/**
 * A Bot Framework adapter for the terminal: turns typed lines into activities on the channel "terminal" and prints
 * the bot's messages. The same bot and middleware run as behind `/api/messages`.
 */
export class TerminalAdapter extends BotAdapter {
  private readonly conversation = { id: `terminal-${randomUUID()}` };
  private readonly user: { id: string; name: string };
  private readonly bot = { id: 'hub-assistant', name: 'hub-assistant' };

  /** `userId` is the account the bot sees (a demo web chat user such as `demo-anna` can run the dialogs). */
  constructor(
    private readonly print: (text: string) => Promise<void>,
    private readonly locale?: string,
    userId = 'terminal-user',
  ) {
    super();
    this.user = { id: userId, name: 'Guardian' };
  }

  /** Runs one turn for a typed line (or the conversation's start, with no text). */
  async receive(text: string | undefined, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity: Partial<Activity> = {
      id: randomUUID(),
      type: text === undefined ? ActivityTypes.ConversationUpdate : ActivityTypes.Message,
      channelId: 'terminal',
      serviceUrl: '',
      conversation: { ...this.conversation, isGroup: false, conversationType: 'personal', name: 'terminal' },
      from: this.user,
      recipient: this.bot,
      timestamp: new Date(),
      ...(this.locale ? { locale: this.locale } : {}),
      ...(text === undefined ? { membersAdded: [this.user] } : { text }),
    };
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  override async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    for (const activity of activities) {
      if (activity.type === ActivityTypes.Message && activity.text) await this.print(activity.text);
    }
    return activities.map(() => ({ id: randomUUID() }));
  }

  override updateActivity(): Promise<ResourceResponse | undefined> {
    return Promise.reject(new Error('The terminal cannot edit a message.'));
  }

  override deleteActivity(): Promise<void> {
    return Promise.reject(new Error('The terminal cannot delete a message.'));
  }

  override continueConversation(): Promise<void> {
    return Promise.reject(new Error('The terminal has no proactive messages.'));
  }
}
