import { ActivityHandler, type ConversationState, type StatePropertyAccessor, TurnContext } from 'botbuilder';
import { MessageWriter } from '../../dialogs/message.js';
import { TURN_LOCALE, TURN_TEXT } from '../../dialogs/index.js';
import type { DialogContext } from '../../dialogs/sdk.js';
import type { Translations } from '../i18n.js';
import type { Clock } from '../time/stockholm.js';
import type { Logger } from 'pino';
import { type Locale, toLocale } from '../nlu/types.js';
import type { Reply } from '../replies/reply.js';
import { deliver, render, TURN_REPLIES } from './deliver.js';
import { readableText } from './message-text.js';
import { redact } from '../triage/redact.js';
import type { UnansweredInput } from '../triage/unanswered-store.js';
import type { OfferedChoice, Responder } from './responder.js';
import type { Route } from './route.js';
import type { Router } from './router.js';
import type { TaskHost, TaskMemory, TaskTurn, Tasks } from './tasks.js';

/**
 * The event a channel's page sends when the guardian picks a language with its own controls (the web chat's
 * Svenska/English buttons): `{ type: 'event', name: 'hub/locale', value: 'sv' | 'en' }`.
 */
export const LOCALE_EVENT = 'hub/locale';

/** What the assistant remembers about a conversation between turns (kept in the conversation state store). */
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
  /** The last activity handled and what was answered, so a channel re-sending it gets the same replies again. */
  lastActivity?: { id: string; replies: Reply[] };
}

/** Where questions the assistant could not answer go (the triage store). */
export interface UnansweredRecorder {
  record(input: UnansweredInput): unknown;
}

export interface HubBotDeps {
  /** What to do with each message (the same decision `classify` prints). */
  router: Router;
  responder: Responder;
  conversationState: ConversationState;
  unanswered: UnansweredRecorder;
  logger: Logger;
  defaultLocale: Locale;
  tasks: Tasks;
  translations: Translations;
  clock: Clock;
}

/** One turn's working set. */
interface Turn {
  context: TurnContext;
  dc: DialogContext;
  data: ConversationData;
  text: string;
  /** The text with personal data removed: what may be stored or logged. */
  safeText: string;
  locale: Locale;
}

/** What the bot does for one kind of route. */
type RouteHandlers = { [K in Route['kind']]: (turn: Turn, route: Extract<Route, { kind: K }>) => Promise<void> };

/**
 * The assistant's turn pipeline, for every channel: the router decides what a message is (language, answer,
 * task, "did you mean …?", hand-off …) and the bot does it, with a handler per kind of route.
 */
export class HubBot extends ActivityHandler {
  private readonly conversation: StatePropertyAccessor<ConversationData>;
  private readonly routeHandlers: RouteHandlers = {
    answer: (turn, route) => this.answer(turn, route.intent),
    starters: (turn, route) => {
      turn.data.pendingQuestion = undefined;
      return this.sendOffer(turn, this.deps.responder.answerWithStarters(route.intent, turn.locale));
    },
    task: (turn, route) => {
      turn.data.offered = undefined;
      return this.deps.tasks.start(turn.dc, this.taskTurn(turn, route), route.intent, this.host(turn));
    },
    didYouMean: (turn, route) => {
      turn.data.pendingQuestion = turn.safeText;
      return this.sendOffer(turn, this.deps.responder.didYouMean(route.intents, turn.locale));
    },
    unknown: (turn) => {
      this.record(turn, turn.safeText, 'abstained');
      turn.data.offered = undefined;
      turn.data.lastQuestion = turn.safeText;
      return this.send(turn.context, this.deps.responder.say('unknown', turn.locale), turn.locale);
    },
    switchLanguage: (turn, route) => {
      keepLanguage(turn.context, turn.data, route.target);
      turn.data.pendingQuestion = undefined;
      return this.sendOffer(
        { ...turn, locale: route.target },
        this.deps.responder.answerWithStarters(route.intent, route.target),
      );
    },
    handOff: (turn, route) => {
      turn.data.pendingQuestion = undefined;
      return this.sendOffer(turn, this.handOffReply(turn, route.intent));
    },
    noneOfThese: (turn) => this.rejectSuggestion(turn),
    continueTask: (turn, route) => {
      turn.data.offered = undefined;
      return this.deps.tasks.continue(turn.dc, this.taskTurn(turn, route), route.outside, this.host(turn));
    },
  };

  constructor(private readonly deps: HubBotDeps) {
    super();
    this.conversation = deps.conversationState.createProperty<ConversationData>('hub');
    this.onMembersAdded(async (context, next) => {
      const { membersAdded: added = [], recipient, channelId, conversation } = context.activity;
      // Teams announces a personal install as the bot joining the guardian's one-to-one chat: greet then too.
      const installedForOne =
        channelId === 'msteams' &&
        conversation.conversationType === 'personal' &&
        added.some((m) => m.id === recipient.id);
      if (installedForOne || added.some((member) => member.id !== recipient.id)) await this.welcome(context);
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onEvent(async (context, next) => {
      // Other events (a channel's own, e.g. Web Chat's) are not the assistant's business.
      if (context.activity.name === LOCALE_EVENT) await this.chooseLocaleByEvent(context);
      await next();
    });
  }

  /**
   * The guardian picked a language on the page: as if they had asked for it in words, the conversation keeps it
   * from now on and an open task asks its question again in it. A value that names no language is ignored.
   */
  private async chooseLocaleByEvent(context: TurnContext): Promise<void> {
    const value: unknown = context.activity.value;
    const target = typeof value === 'string' ? toLocale(value) : undefined;
    if (!target) return;
    const data = await this.conversation.get(context, {});
    keepLanguage(context, data, target);
    await this.send(context, this.deps.responder.say('languageSwitched', target), target);
    const dc = await this.deps.tasks.dialogContext(context);
    if (dc.activeDialog && !data.pendingSwitch) await dc.repromptDialog();
  }

  /** Runs the turn and saves the conversation state, also when the turn failed half-way. */
  override async run(context: TurnContext): Promise<void> {
    try {
      await super.run(context);
    } finally {
      await this.deps.conversationState.saveChanges(context);
    }
  }

  private async welcome(context: TurnContext): Promise<void> {
    const data = await this.conversation.get(context, {});
    const locale = data.locale ?? toLocale(context.activity.locale) ?? this.deps.defaultLocale;
    await this.sendOffer({ context, data, locale }, this.deps.responder.welcome(locale));
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const data = await this.conversation.get(context, {});
    // Undefined on a channel that says nothing about the language (SMS, plain HTTP) until the guardian writes.
    const conversationLocale = data.locale ?? toLocale(context.activity.locale);
    context.turnState.set(TURN_LOCALE, conversationLocale ?? this.deps.defaultLocale);
    const activityId = context.activity.id;
    if (activityId && data.lastActivity?.id === activityId) {
      // The channel sent the same activity again (a retry): answer as before, do nothing twice.
      const locale = conversationLocale ?? this.deps.defaultLocale;
      await context.sendActivities(data.lastActivity.replies.flatMap((reply) => render(context, reply, locale)));
      return;
    }
    const replies: Reply[] = [];
    context.turnState.set(TURN_REPLIES, replies);
    await this.understandAndAnswer(context, data, conversationLocale);
    if (activityId) data.lastActivity = { id: activityId, replies };
  }

  private async understandAndAnswer(
    context: TurnContext,
    data: ConversationData,
    conversationLocale: Locale | undefined,
  ): Promise<void> {
    const { text, truncated } = readableText(messageText(context));
    if (!text) {
      const locale = conversationLocale ?? this.deps.defaultLocale;
      await this.send(context, this.deps.responder.say('notText', locale), locale);
      return;
    }
    const safeText = redact(text);
    context.turnState.set(TURN_TEXT, text);
    const { tasks } = this.deps;
    const dc = await tasks.dialogContext(context);
    const route = this.deps.router(
      {
        text,
        conversationLocale,
        localeChosen: data.localeChosen,
        offered: data.offered,
        inTask: Boolean(dc.activeDialog || data.pendingSwitch),
      },
      this.deps.clock(),
    );
    const { locale, understood } = route;
    data.locale = locale;
    context.turnState.set(TURN_LOCALE, locale);
    this.deps.logger.info(
      {
        channel: context.activity.channelId,
        locale,
        route: route.kind,
        intent: understood.intent,
        confidence: understood.confidence,
        ambiguous: understood.ambiguous,
        task: dc.activeDialog ? (dc.stack.at(-1)?.id ?? null) : null,
      },
      'understood',
    );
    this.deps.logger.debug({ text: safeText }, 'message');
    if (truncated) await this.send(context, this.deps.responder.say('tooLong', locale), locale);

    const turn: Turn = { context, dc, data, text, safeText, locale };
    // A second "Ja" right after a submission shows the receipt again instead of being read as a new message.
    if (route.kind !== 'continueTask' && (await tasks.repeatedSubmission(this.taskTurn(turn, route)))) return;
    const handle = this.routeHandlers[route.kind] as (turn: Turn, route: Route) => Promise<void>;
    await handle(turn, route);
  }

  private taskTurn(turn: Turn, route: Route): TaskTurn {
    const { context, data, text, safeText } = turn;
    return { context, memory: data, text, safeText, understood: route.understood };
  }

  /** What the task side may ask of the bot during a dialog (answers without follow-up buttons: a prompt is open). */
  private host(turn: Turn): TaskHost {
    const sync = (taskTurn: TaskTurn) => ({ ...turn, locale: this.localeOf(taskTurn.context) });
    return {
      answerQuestion: async (taskTurn, intent) => {
        const current = sync(taskTurn);
        if (!this.deps.responder.isSmallTalk(intent)) current.data.lastQuestion = current.safeText;
        await this.send(
          current.context,
          { text: this.deps.responder.answer(intent, current.locale).reply.text },
          current.locale,
        );
      },
      switchLanguage: async (taskTurn, target) => {
        keepLanguage(taskTurn.context, turn.data, target);
        await this.send(taskTurn.context, this.deps.responder.say('languageSwitched', target), target);
      },
      handOff: async (taskTurn, intent) => {
        const current = sync(taskTurn);
        await this.send(current.context, { text: this.handOffReply(current, intent).reply.text }, current.locale);
      },
      explainTask: async (taskTurn, intent, why) => {
        const current = sync(taskTurn);
        const { reply, offered } = this.deps.responder.answer(intent, current.locale);
        const writer = new MessageWriter(this.deps.translations, current.locale, this.deps.clock());
        await this.sendOffer(current, { reply: { ...reply, text: `${reply.text}\n\n${writer.text(why)}` }, offered });
      },
    };
  }

  private localeOf(context: TurnContext): Locale {
    return context.turnState.get<Locale | undefined>(TURN_LOCALE) ?? this.deps.defaultLocale;
  }

  private async answer(turn: Turn, intent: string): Promise<void> {
    turn.data.pendingQuestion = undefined;
    if (turn.text && !this.deps.responder.isSmallTalk(intent)) turn.data.lastQuestion = turn.safeText;
    await this.sendOffer(turn, this.deps.responder.answer(intent, turn.locale));
  }

  /** "None of these": the question goes to the staff's list, and the guardian is told so. */
  private async rejectSuggestion(turn: Turn): Promise<void> {
    this.record(turn, turn.data.pendingQuestion ?? turn.safeText, 'rejected_suggestion');
    turn.data.pendingQuestion = undefined;
    turn.data.offered = undefined;
    await this.send(turn.context, this.deps.responder.say('unknownAfterRejection', turn.locale), turn.locale);
  }

  /** Records the guardian's latest question for staff and says how to reach the school, and that it was noted. */
  private handOffReply(turn: Turn, intent: string): { reply: Reply; offered: OfferedChoice[] } {
    this.record(turn, turn.data.lastQuestion ?? turn.safeText, 'handoff');
    const { reply, offered } = this.deps.responder.answer(intent, turn.locale);
    const noted = this.deps.responder.say('handoffNoted', turn.locale).text;
    return { reply: { ...reply, text: `${reply.text}\n\n${noted}` }, offered };
  }

  private record(turn: Turn, text: string, reason: UnansweredInput['reason']): void {
    try {
      this.deps.unanswered.record({ text, locale: turn.locale, channel: turn.context.activity.channelId, reason });
    } catch (error) {
      this.deps.logger.error({ err: error }, 'could not record an unanswered question');
    }
  }

  private async sendOffer(
    turn: Pick<Turn, 'context' | 'data' | 'locale'>,
    { reply, offered }: { reply: Reply; offered: OfferedChoice[] },
  ): Promise<void> {
    turn.data.offered = offered.length > 0 ? offered : undefined;
    await this.send(turn.context, reply, turn.locale);
  }

  private async send(context: TurnContext, reply: Reply, locale: Locale): Promise<void> {
    await deliver(context, reply, locale);
  }
}

/** The text of a message, with a Teams @mention of the bot removed. */
function messageText(context: TurnContext): string {
  const { activity } = context;
  // removeRecipientMention throws on a message without text (an attachment with an @mention).
  if (typeof activity.text !== 'string') return '';
  const text = activity.channelId === 'msteams' ? TurnContext.removeRecipientMention(activity) : activity.text;
  return (text as string | undefined)?.trim() ?? '';
}

/** The guardian chose a language: the conversation keeps it from this turn on, until they choose another. */
function keepLanguage(context: TurnContext, data: ConversationData, locale: Locale): void {
  data.locale = locale;
  data.localeChosen = true;
  context.turnState.set(TURN_LOCALE, locale);
}
