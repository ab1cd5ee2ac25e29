import type { Logger } from 'pino';
import { apology } from './apology.js';
import { TASK_DIALOGS, type TaskRunner, taskPosition } from '../../dialogs/index.js';
import { yesNo } from '../../dialogs/choices.js';
import { type Message, MessageWriter, msg, type ReplySpec } from '../../dialogs/message.js';
import type { TaskResult } from '../../dialogs/task-options.js';
import type { Translations } from '../i18n.js';
import type { IdentityResolver } from '../identity/resolver.js';
import type { Locale } from '../nlu/types.js';
import type { Reply } from '../replies/reply.js';
import type { Clock } from '../time/stockholm.js';
import { redact } from '../triage/redact.js';
import type { UnansweredInput } from '../triage/unanswered-store.js';
import type { ConversationStore, LoadedConversation } from './conversation-store.js';
import { KeyedQueue } from './keyed-queue.js';
import { readableText } from './message-text.js';
import { isShared } from './render-outcome.js';
import type { OfferedChoice, Responder } from './responder.js';
import type { Route, TaskStep } from './route.js';
import type { Router } from './router.js';
import type { IncomingMessage, Turn, TurnOutcome } from './turn.js';

/** How long after a submission a repeated "ja" shows the receipt again instead of being read as a new message. */
const REPEAT_WINDOW_MS = 10 * 60_000;

/** Where questions the assistant could not answer go (the triage store). */
export interface UnansweredRecorder {
  record(input: UnansweredInput): unknown;
}

export interface TurnHandlerDeps {
  /** What to do with each message (the same decision `classify` prints). */
  router: Router;
  responder: Responder;
  store: ConversationStore;
  tasks: TaskRunner;
  identity: IdentityResolver;
  unanswered: UnansweredRecorder;
  translations: Translations;
  logger: Logger;
  clock: Clock;
  defaultLocale: Locale;
}

/** An answer and the choices it offers. */
type Offer = { reply: Reply; offered: OfferedChoice[] };

/** What the handler does for one kind of route. */
type RouteHandlers = {
  [K in Route['kind']]: (turn: Turn, route: Extract<Route, { kind: K }>) => Promise<void> | void;
};

/** What the handler does for one kind of task step. */
type StepHandlers = {
  [K in TaskStep['kind']]: (turn: Turn, step: Extract<TaskStep, { kind: K }>) => Promise<void> | void;
};

/**
 * The assistant's turn, for every channel: the conversation is read, the router decides what the message is, the
 * handler for that decision adds replies to the turn's outbox (a task's dialog adds its own), and the conversation
 * is written back if it changed. The channel renders the outcome once. Turns of one conversation run one after
 * the other, so two messages arriving at once cannot both read and then overwrite its state.
 */
export class TurnHandler {
  private readonly queue = new KeyedQueue();

  private readonly routes: RouteHandlers = {
    answer: (turn, route) => {
      const { hub } = turn.conversation;
      hub.pendingQuestion = undefined;
      if (!this.deps.responder.isSmallTalk(route.intent)) hub.lastQuestion = turn.safeText;
      return this.offer(turn, this.deps.responder.answer(route.intent, turn.locale));
    },
    starters: (turn, route) => {
      turn.conversation.hub.pendingQuestion = undefined;
      return this.offer(turn, this.deps.responder.answerWithStarters(route.intent, turn.locale));
    },
    task: (turn, route) => {
      turn.conversation.hub.offered = undefined;
      return this.startTask(turn, route.intent, turn.safeText);
    },
    didYouMean: (turn, route) => {
      turn.conversation.hub.pendingQuestion = turn.safeText;
      return this.offer(turn, this.deps.responder.didYouMean(route.intents, turn.locale));
    },
    unknown: (turn) => {
      const { hub } = turn.conversation;
      this.record(turn, turn.safeText, 'abstained');
      hub.offered = undefined;
      hub.lastQuestion = turn.safeText;
      return this.say(turn, 'unknown');
    },
    switchLanguage: (turn, route) => {
      keepLanguage(turn, route.target);
      turn.conversation.hub.pendingQuestion = undefined;
      return this.offer(turn, this.deps.responder.answerWithStarters(route.intent, route.target));
    },
    handOff: (turn, route) => {
      turn.conversation.hub.pendingQuestion = undefined;
      return this.offer(turn, this.handOffReply(turn, route.intent));
    },
    noneOfThese: (turn) => {
      const { hub } = turn.conversation;
      this.record(turn, hub.pendingQuestion ?? turn.safeText, 'rejected_suggestion');
      hub.pendingQuestion = undefined;
      hub.offered = undefined;
      return this.say(turn, 'unknownAfterRejection');
    },
    repeatReceipt: (turn) => {
      const receipt = turn.conversation.hub.lastTask?.receipt ?? [];
      return this.write(turn, { parts: [msg('task.alreadyDone'), ...receipt] });
    },
    continueTask: (turn, route) => {
      const { hub } = turn.conversation;
      hub.offered = undefined;
      hub.pendingSwitch = undefined;
      const handle = this.steps[route.step.kind] as (turn: Turn, step: TaskStep) => Promise<void> | void;
      return handle(turn, route.step);
    },
  };

  private readonly steps: StepHandlers = {
    answer: async (turn, step) => {
      if (step.prompt && step.recognized) turn.answer = { prompt: step.prompt, recognized: step.recognized };
      this.remember(turn, await this.deps.tasks.continue(turn, turn.conversation.dialogs));
    },
    cancel: async (turn) => {
      await this.deps.tasks.cancel(turn, turn.conversation.dialogs);
      this.write(turn, { parts: [msg('task.cancelled')] });
    },
    help: async (turn, step) => {
      this.write(turn, { parts: [step.help, msg('task.helpFooter')] });
      await this.deps.tasks.reprompt(turn, turn.conversation.dialogs);
    },
    switchTask: async (turn, step) => {
      await this.deps.tasks.cancel(turn, turn.conversation.dialogs);
      await this.startTask(turn, step.intent, step.text);
    },
    reprompt: (turn) => this.deps.tasks.reprompt(turn, turn.conversation.dialogs),
    interrupt: async (turn, { outside }) => {
      // Without follow-up buttons: the task's question comes right after and its choices are the ones to tap.
      if (outside.kind === 'switchLanguage') {
        keepLanguage(turn, outside.target);
        turn.outbox.push(this.deps.responder.say('languageSwitched', outside.target));
      } else if (outside.kind === 'handOff') {
        turn.outbox.push({ text: this.handOffReply(turn, outside.intent).reply.text });
      } else {
        if (!this.deps.responder.isSmallTalk(outside.intent)) turn.conversation.hub.lastQuestion = turn.safeText;
        turn.outbox.push({ text: this.deps.responder.answer(outside.intent, turn.locale).reply.text });
      }
      await this.deps.tasks.reprompt(turn, turn.conversation.dialogs);
    },
    offerSwitch: (turn, step) => {
      turn.conversation.hub.pendingSwitch = { intent: step.intent, text: turn.safeText };
      const task = { key: `task.name.${TASK_DIALOGS[step.intent] ?? ''}` };
      return this.write(turn, { parts: [msg('task.leaveCurrent', { task })], choices: yesNo() });
    },
  };

  constructor(private readonly deps: TurnHandlerDeps) {}

  /** Runs one message's turn and resolves to what the channel should show. Never rejects for a failed turn. */
  handle(message: IncomingMessage): Promise<TurnOutcome> {
    return this.queue.run(`${message.channelId}/${message.conversationId}`, () => this.run(message));
  }

  /** Resolves once every turn started so far has finished (a clean shutdown). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  private async run(message: IncomingMessage): Promise<TurnOutcome> {
    const fallbackLocale = message.channelLocale ?? this.deps.defaultLocale;
    let loaded: LoadedConversation;
    try {
      loaded = await this.deps.store.load(message);
    } catch (error) {
      return this.apology(error, message, fallbackLocale, []);
    }
    const { conversation } = loaded;
    const { text, truncated } = readableText(message.text ?? '');
    const turn: Turn = {
      message,
      text,
      safeText: text ? redact(text) : '',
      now: this.deps.clock(),
      locale: conversation.hub.locale ?? fallbackLocale,
      outbox: [],
      conversation,
    };
    try {
      await this.dispatch(turn, truncated);
    } catch (error) {
      await this.save(loaded);
      return this.apology(error, message, turn.locale, turn.outbox);
    }
    if (!(await this.save(loaded))) return this.apology(undefined, message, turn.locale, []);
    return { replies: turn.outbox, locale: turn.locale };
  }

  private async dispatch(turn: Turn, truncated: boolean): Promise<void> {
    const { message, conversation } = turn;
    const { hub } = conversation;
    if (message.kind === 'join') {
      this.offer(turn, this.deps.responder.welcome(turn.locale));
      return;
    }
    if (message.kind === 'chooseLocale') {
      await this.chooseLocale(turn);
      return;
    }
    if (message.id && hub.lastActivity?.id === message.id) {
      // The channel sent the same message again (a retry): the same replies, nothing done twice.
      turn.outbox.push(...hub.lastActivity.replies);
      return;
    }
    if (!turn.text) {
      this.say(turn, 'notText');
      return;
    }
    const task = taskPosition(conversation.dialogs);
    const route = this.deps.router(
      {
        text: turn.text,
        conversationLocale: hub.locale ?? message.channelLocale,
        localeChosen: hub.localeChosen,
        offered: hub.offered,
        inTask: Boolean(task ?? hub.pendingSwitch),
        task,
        pendingSwitch: hub.pendingSwitch,
        repeatable: this.recentSubmission(turn)?.repeatedBy,
      },
      turn.now,
    );
    turn.locale = route.locale;
    hub.locale = route.locale;
    this.log(turn, route, task?.dialog);
    if (truncated) this.say(turn, 'tooLong');
    const handle = this.routes[route.kind] as (turn: Turn, route: Route) => Promise<void> | void;
    await handle(turn, route);
    if (message.id) hub.lastActivity = { id: message.id, replies: [...turn.outbox] };
  }

  private log(turn: Turn, route: Route, task: string | undefined): void {
    const { logger } = this.deps;
    const { understood } = route;
    logger.info(
      {
        channel: turn.message.channelId,
        locale: turn.locale,
        route: route.kind,
        ...(route.kind === 'continueTask' ? { step: route.step.kind } : {}),
        intent: understood.intent,
        confidence: understood.confidence,
        ambiguous: understood.ambiguous,
        task: task ?? null,
      },
      'understood',
    );
    if (logger.isLevelEnabled('debug')) logger.debug({ text: turn.safeText }, 'message');
  }

  /**
   * The guardian picked a language on the page: as if they had asked for it in words, the conversation keeps it
   * from now on and an open task asks its question again in it. A value that names no language is ignored.
   */
  private async chooseLocale(turn: Turn): Promise<void> {
    const target = turn.message.chosenLocale;
    if (!target) return;
    keepLanguage(turn, target);
    this.say(turn, 'languageSwitched');
    if (taskPosition(turn.conversation.dialogs) && !turn.conversation.hub.pendingSwitch) {
      await this.deps.tasks.reprompt(turn, turn.conversation.dialogs);
    }
  }

  /** Starts the task's dialog when the writer is a known guardian; otherwise explains how to do it and get access. */
  private async startTask(turn: Turn, intent: string, text: string): Promise<void> {
    const dialogId = TASK_DIALOGS[intent];
    if (!dialogId) return;
    const { message } = turn;
    // A summary names the child and the reason, and anyone in a channel could answer its "Ja".
    if (isShared(message.conversationType)) return this.explainTask(turn, intent, msg('task.privateOnly'));
    if (message.unauthenticated) {
      this.deps.logger.warn({ channel: message.channelId }, 'task refused: the sender is not authenticated');
      return this.explainTask(turn, intent, msg('task.noAccess'));
    }
    let guardianId: string;
    try {
      const identity = await this.deps.identity.resolve({
        channelId: message.channelId,
        userId: message.sender.id,
        ...(message.sender.aadObjectId ? { aadObjectId: message.sender.aadObjectId } : {}),
      });
      if (identity.kind === 'unknown') return this.explainTask(turn, intent, msg('task.noAccess'));
      if (identity.verification === 'none') return this.explainTask(turn, intent, msg('task.notVerified'));
      guardianId = identity.guardian.id;
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'could not resolve the guardian');
      return this.explainTask(turn, intent, msg('backend.unavailable'));
    }
    turn.conversation.hub.pendingSwitch = undefined;
    this.remember(turn, await this.deps.tasks.begin(turn, turn.conversation.dialogs, dialogId, { guardianId, text }));
  }

  /** The FAQ answer on how to do a task yourself, for guardians the assistant cannot act for, and why. */
  private explainTask(turn: Turn, intent: string, why: Message): void {
    const { reply, offered } = this.deps.responder.answer(intent, turn.locale);
    const reason = this.writer(turn).text(why);
    this.offer(turn, { reply: { ...reply, text: `${reply.text}\n\n${reason}` }, offered });
  }

  /** The last submission, while a repeated tap may still mean it; forgotten once the window has passed. */
  private recentSubmission(turn: Turn): { repeatedBy: Message[] } | undefined {
    const { hub } = turn.conversation;
    const last = hub.lastTask;
    if (!last) return undefined;
    if (turn.now.getTime() - Date.parse(last.at) <= REPEAT_WINDOW_MS) return last;
    hub.lastTask = undefined;
    return undefined;
  }

  /** Keeps a finished task's receipt, so a repeated confirm does not register twice. */
  private remember(turn: Turn, result: TaskResult | undefined): void {
    if (!result) return;
    const at = this.deps.clock().toISOString();
    turn.conversation.hub.lastTask = { at, repeatedBy: result.repeatedBy, receipt: result.receipt };
  }

  /** Records the guardian's latest question for staff and says how to reach the school, and that it was noted. */
  private handOffReply(turn: Turn, intent: string): Offer {
    this.record(turn, turn.conversation.hub.lastQuestion ?? turn.safeText, 'handoff');
    const { reply, offered } = this.deps.responder.answer(intent, turn.locale);
    const noted = this.deps.responder.say('handoffNoted', turn.locale).text;
    return { reply: { ...reply, text: `${reply.text}\n\n${noted}` }, offered };
  }

  private record(turn: Turn, text: string, reason: UnansweredInput['reason']): void {
    try {
      this.deps.unanswered.record({ text, locale: turn.locale, channel: turn.message.channelId, reason });
    } catch (error) {
      this.deps.logger.error({ err: error }, 'could not record an unanswered question');
    }
  }

  private offer(turn: Turn, { reply, offered }: Offer): void {
    turn.conversation.hub.offered = offered.length > 0 ? offered : undefined;
    turn.outbox.push(reply);
  }

  /** A plain message from the locale files. */
  private say(turn: Turn, key: string): void {
    turn.outbox.push(this.deps.responder.say(key, turn.locale));
  }

  private write(turn: Turn, spec: ReplySpec): void {
    turn.outbox.push(this.writer(turn).reply(spec));
  }

  private writer(turn: Turn): MessageWriter {
    return new MessageWriter(this.deps.translations, turn.locale, turn.now);
  }

  /** Writes the conversation back; false (logged) when that failed, so the guardian is not told it went well. */
  private async save(loaded: LoadedConversation): Promise<boolean> {
    try {
      await this.deps.store.save(loaded);
      return true;
    } catch (error) {
      this.deps.logger.error({ err: error }, 'could not save the conversation');
      return false;
    }
  }

  /** The one apology for a failed turn, after what the turn had already said. */
  private apology(error: unknown, message: IncomingMessage, locale: Locale, said: readonly Reply[]): TurnOutcome {
    if (error !== undefined) this.deps.logger.error({ err: error, channel: message.channelId }, 'turn failed');
    return { replies: [...said, apology(this.deps.translations, locale)], locale };
  }
}

/** The guardian chose a language: the conversation keeps it from this turn on, until they choose another. */
function keepLanguage(turn: Turn, locale: Locale): void {
  turn.locale = locale;
  turn.conversation.hub.locale = locale;
  turn.conversation.hub.localeChosen = true;
}
