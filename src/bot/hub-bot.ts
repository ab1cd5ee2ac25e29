import { ActivityHandler, type ConversationState, type StatePropertyAccessor, TurnContext } from 'botbuilder';
import { MessageWriter } from '../../dialogs/message.js';
import { TURN_LOCALE, TURN_TEXT } from '../../dialogs/index.js';
import type { Translations } from '../i18n.js';
import type { Clock } from '../time/stockholm.js';
import type { Logger } from 'pino';
import type { IntentMatcher } from '../nlu/matcher.js';
import { type Locale, toLocale } from '../nlu/types.js';
import type { Reply } from '../replies/reply.js';
import { deliver, render, TURN_REPLIES } from './deliver.js';
import { redact } from '../triage/redact.js';
import type { UnansweredInput } from '../triage/unanswered-store.js';
import { NONE_OF_THESE, type OfferedChoice, type Responder, pickChoice } from './responder.js';
import type { TaskHost, TaskMemory, TaskTurn, Tasks } from './tasks.js';

/**
 * The event a channel's page sends when the guardian picks a language with its own controls (the web chat's
 * Svenska/English buttons): `{ type: 'event', name: 'hub/locale', value: 'sv' | 'en' }`.
 */
export const LOCALE_EVENT = 'hub/locale';

/** Longest message read; the rest is ignored (and the guardian is told). */
const MAX_MESSAGE_LENGTH = 1000;

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
  matcher: IntentMatcher;
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
  data: ConversationData;
  text: string;
  /** The text with personal data removed: what may be stored or logged. */
  safeText: string;
  locale: Locale;
}

type Effect = (turn: Turn) => Promise<void>;

/**
 * The assistant's turn pipeline: language → understanding → answer, for every channel. Intents with behaviour
 * beyond an answer (language switch, hand-off, greeting) are a map from intent to effect, not a switch.
 */
export class HubBot extends ActivityHandler {
  private readonly conversation: StatePropertyAccessor<ConversationData>;
  private readonly effects: Record<string, Effect> = {
    'language.switch': (turn) => this.switchLanguage(turn),
    'handoff.human': (turn) => this.handOff(turn),
    greeting: (turn) => this.sendOffer(turn, this.deps.responder.answerWithStarters('greeting', turn.locale)),
    help: (turn) => this.sendOffer(turn, this.deps.responder.answerWithStarters('help', turn.locale)),
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
    await this.sendOffer({ context, data, text: '', safeText: '', locale }, this.deps.responder.welcome(locale));
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const data = await this.conversation.get(context, {});
    const conversationLocale = data.locale ?? toLocale(context.activity.locale) ?? this.deps.defaultLocale;
    context.turnState.set(TURN_LOCALE, conversationLocale);
    const activityId = context.activity.id;
    if (activityId && data.lastActivity?.id === activityId) {
      // The channel sent the same activity again (a retry): answer as before, do nothing twice.
      await context.sendActivities(
        data.lastActivity.replies.flatMap((reply) => render(context, reply, conversationLocale)),
      );
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
    conversationLocale: Locale,
  ): Promise<void> {
    let text = messageText(context);
    if (!text) {
      await this.send(context, this.deps.responder.say('notText', conversationLocale), conversationLocale);
      return;
    }
    const truncated = text.length > MAX_MESSAGE_LENGTH;
    if (truncated) text = text.slice(0, MAX_MESSAGE_LENGTH);
    const safeText = redact(text);
    context.turnState.set(TURN_TEXT, text);
    const { tasks } = this.deps;
    const dc = await tasks.dialogContext(context);

    const choice = dc.activeDialog || data.pendingSwitch ? undefined : pickChoice(text, data.offered);
    if (choice) {
      const turn = { context, data, text, safeText, locale: conversationLocale };
      await (choice.intent === NONE_OF_THESE ? this.rejectSuggestion(turn) : this.answer(turn, choice.intent));
      return;
    }

    const result = this.deps.matcher.classify(text, conversationLocale);
    const locale = data.localeChosen ? conversationLocale : result.locale;
    data.locale = locale;
    context.turnState.set(TURN_LOCALE, locale);
    const turn: Turn = { context, data, text, safeText, locale };
    this.deps.logger.info(
      {
        channel: context.activity.channelId,
        locale,
        intent: result.intent,
        confidence: result.confidence,
        ambiguous: result.ambiguous,
        task: dc.activeDialog ? (dc.stack.at(-1)?.id ?? null) : null,
      },
      'understood',
    );
    this.deps.logger.debug({ text: safeText }, 'message');
    if (truncated) await this.send(context, this.deps.responder.say('tooLong', locale), locale);

    const taskTurn: TaskTurn = { context, memory: data, text, safeText, understood: result };
    if (dc.activeDialog) {
      data.offered = undefined;
      await tasks.continue(dc, taskTurn, this.host(turn));
      return;
    }
    if (await tasks.repeatedSubmission(taskTurn)) return;

    const cued = result.intent === null || result.ambiguous ? tasks.cue(context, text) : undefined;
    if (cued) {
      data.offered = undefined;
      await tasks.start(dc, taskTurn, cued, this.host(turn));
    } else if (result.intent === null) {
      this.record(turn, safeText, 'abstained');
      data.offered = undefined;
      data.lastQuestion = safeText;
      await this.send(context, this.deps.responder.say('unknown', locale), locale);
    } else if (result.ambiguous && result.alternatives[0]) {
      data.pendingQuestion = safeText;
      await this.sendOffer(
        turn,
        this.deps.responder.didYouMean([result.intent, result.alternatives[0].intent], locale),
      );
    } else if (tasks.isTask(result.intent)) {
      data.offered = undefined;
      await tasks.start(dc, taskTurn, result.intent, this.host(turn));
    } else {
      await this.answer(turn, result.intent);
    }
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
      switchLanguage: async (taskTurn) => {
        const target = this.chooseLanguage(sync(taskTurn));
        await this.send(taskTurn.context, this.deps.responder.say('languageSwitched', target), target);
      },
      handOff: async (taskTurn) => {
        const current = sync(taskTurn);
        await this.send(current.context, { text: this.handOffReply(current).reply.text }, current.locale);
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
    const effect = this.effects[intent];
    if (effect) {
      await effect(turn);
      return;
    }
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

  /** The language a switch request asks for (or the other one), kept for the rest of the conversation. */
  private chooseLanguage(turn: Turn): Locale {
    const target = requestedLanguage(turn.text) ?? (turn.data.locale === 'en' ? 'sv' : 'en');
    keepLanguage(turn.context, turn.data, target);
    return target;
  }

  private async switchLanguage(turn: Turn): Promise<void> {
    const target = this.chooseLanguage(turn);
    await this.sendOffer(
      { ...turn, locale: target },
      this.deps.responder.answerWithStarters('language.switch', target),
    );
  }

  private async handOff(turn: Turn): Promise<void> {
    await this.sendOffer(turn, this.handOffReply(turn));
  }

  /** Records the guardian's latest question for staff and says how to reach the school, and that it was noted. */
  private handOffReply(turn: Turn): { reply: Reply; offered: OfferedChoice[] } {
    this.record(turn, turn.data.lastQuestion ?? turn.safeText, 'handoff');
    const { reply, offered } = this.deps.responder.answer('handoff.human', turn.locale);
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

  private async sendOffer(turn: Turn, { reply, offered }: { reply: Reply; offered: OfferedChoice[] }): Promise<void> {
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

/** Which language a "switch language" request names, if any. */
function requestedLanguage(text: string): Locale | undefined {
  if (/engelska|english|engelsk|eng\b/i.test(text)) return 'en';
  if (/svenska|swedish|svensk/i.test(text)) return 'sv';
  return undefined;
}
