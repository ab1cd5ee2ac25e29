import type { TurnContext } from 'botbuilder';
import { type DialogContext, type DialogSet, type DialogTurnResult, DialogTurnStatus } from '../../dialogs/sdk.js';
import type { Logger } from 'pino';
import {
  activeAsk,
  type DialogEnvironment,
  type Keywords,
  TASK_DIALOGS,
  type TaskResult,
} from '../../dialogs/index.js';
import type { Ask } from '../../dialogs/ask.js';
import { type Message, msg } from '../../dialogs/message.js';
import { pickChoice, type Recognized, yesOrNo } from '../../dialogs/recognize.js';
import { yesNo } from '../../dialogs/shared.js';
import type { IdentityResolver } from '../identity/resolver.js';
import { isUnauthenticated } from '../identity/trust.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { Classification, Locale } from '../nlu/types.js';
import type { OutsideRoute } from './route.js';

/** How long after a submission a repeated "ja" shows the receipt again instead of being read as a new message. */
const REPEAT_WINDOW_MS = 10 * 60_000;

/** Confidence above which a message at a free-text prompt is taken as a question rather than as the answer. */
const QUESTION_AT_TEXT_PROMPT = 0.55;

/** What the task side remembers between turns (part of the conversation data). */
export interface TaskMemory {
  /** Another task the guardian asked for in the middle of one: waiting for "leave this one?". */
  pendingSwitch?: { intent: string; text: string };
  /** The last submission, so a repeated confirm shows the receipt instead of registering twice. */
  lastTask?: { at: string; repeatedBy: TaskResult['repeatedBy']; receipt: Message[] };
}

/** One message as the task side sees it. */
export interface TaskTurn {
  context: TurnContext;
  memory: TaskMemory;
  text: string;
  /** The text with personal data removed. */
  safeText: string;
  /** The router's reading of the message (task cues and language requests included). */
  understood: Classification;
}

/** What the bot does for the task side: answer a question, switch language, hand over to staff. */
export interface TaskHost {
  answerQuestion(turn: TaskTurn, intent: string): Promise<void>;
  switchLanguage(turn: TaskTurn, target: Locale): Promise<void>;
  /** `intent`: the hand-off intent whose answer says how to reach the school. */
  handOff(turn: TaskTurn, intent: string): Promise<void>;
  /** The FAQ answer on how to do a task yourself, for guardians the assistant cannot act for. */
  explainTask(turn: TaskTurn, intent: string, why: Message): Promise<void>;
}

export interface TaskDeps {
  dialogs: DialogSet;
  /** The shared prompt, asked whether a message answers it before anything else is tried. */
  ask: Ask;
  env: DialogEnvironment;
  keywords: Keywords;
  identity: IdentityResolver;
  knowledge: KnowledgeBase;
  logger: Logger;
}

/**
 * Guided tasks inside the conversation: starts a task's dialog for a guardian the assistant may act for, and at
 * every prompt handles what is not an answer — help, cancel, a question, a language switch, another task.
 */
export class Tasks {
  constructor(private readonly deps: TaskDeps) {}

  async dialogContext(context: TurnContext): Promise<DialogContext> {
    return this.deps.dialogs.createContext(context);
  }

  /** Starts the task's dialog when the writer is a known guardian; otherwise explains how to do it and get access. */
  async start(dc: DialogContext, turn: TaskTurn, intent: string, host: TaskHost): Promise<void> {
    const dialogId = TASK_DIALOGS[intent];
    if (!dialogId) return;
    const { activity } = turn.context;
    let guardianId: string;
    if (isShared(activity.conversation.conversationType)) {
      // A summary names the child and the reason, and anyone in a channel could answer its "Ja".
      return await host.explainTask(turn, intent, msg('task.privateOnly'));
    }
    if (isUnauthenticated(turn.context)) {
      this.deps.logger.warn({ channel: activity.channelId }, 'task refused: the sender is not authenticated');
      return await host.explainTask(turn, intent, msg('task.noAccess'));
    }
    try {
      const identity = await this.deps.identity.resolve({
        channelId: activity.channelId,
        userId: activity.from.id,
        ...(typeof activity.from.aadObjectId === 'string' ? { aadObjectId: activity.from.aadObjectId } : {}),
      });
      if (identity.kind === 'unknown') return await host.explainTask(turn, intent, msg('task.noAccess'));
      if (identity.verification === 'none') return await host.explainTask(turn, intent, msg('task.notVerified'));
      guardianId = identity.guardian.id;
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'could not resolve the guardian');
      return await host.explainTask(turn, intent, msg('backend.unavailable'));
    }
    turn.memory.pendingSwitch = undefined;
    this.remember(turn, await dc.beginDialog(dialogId, { guardianId, text: turn.safeText }));
  }

  /** A repeated confirm right after a submission: shows the receipt again and registers nothing. */
  async repeatedSubmission(turn: TaskTurn): Promise<boolean> {
    const last = turn.memory.lastTask;
    if (!last) return false;
    if (this.deps.env.clock().getTime() - Date.parse(last.at) > REPEAT_WINDOW_MS) {
      turn.memory.lastTask = undefined;
      return false;
    }
    const labels = (label: Message) => this.deps.env.labels(turn.context, label);
    const repeats = last.repeatedBy.some(
      (answer) => pickChoice(turn.text, [{ value: 'repeat', label: answer }], labels) === 'repeat',
    );
    if (!repeats) return false;
    await this.deps.env.send(turn.context, { parts: [msg('task.alreadyDone'), ...last.receipt] });
    return true;
  }

  /**
   * A message while a dialog waits for an answer. `outside` is what the router says the message would be with no
   * task open: it interrupts only when the prompt cannot use the message.
   */
  async continue(dc: DialogContext, turn: TaskTurn, outside: OutsideRoute, host: TaskHost): Promise<void> {
    const { keywords, env } = this.deps;
    const ask = activeAsk(dc);
    if (turn.memory.pendingSwitch) {
      const pending = turn.memory.pendingSwitch;
      turn.memory.pendingSwitch = undefined;
      const answer = yesOrNo(turn.text, keywords, (label) => env.labels(turn.context, label));
      if (answer === true) {
        await dc.cancelAllDialogs();
        await this.start(dc, { ...turn, text: pending.text, safeText: pending.text }, pending.intent, host);
        return;
      }
      if (answer === false) {
        await dc.repromptDialog();
        return;
      }
    }
    if (keywords.isExactly(turn.text, 'cancel')) {
      await dc.cancelAllDialogs();
      await env.send(turn.context, { parts: [msg('task.cancelled')] });
      return;
    }
    if (keywords.isExactly(turn.text, 'help') && ask) {
      await env.send(turn.context, { parts: [ask.help, msg('task.helpFooter')] });
      await dc.repromptDialog();
      return;
    }
    // An answer the prompt understood but cannot use ("på måndag" for an absence) is still an answer to it.
    const recognized = this.recognize(dc, turn);
    const answers = 'value' in recognized || recognized.retry !== undefined;
    const { intent, ambiguous, confidence } = turn.understood;
    const looksLikeQuestion =
      intent !== null && !ambiguous && (ask?.kind !== 'text' || confidence >= QUESTION_AT_TEXT_PROMPT);
    if (!answers && looksLikeQuestion && (await this.interrupt(dc, turn, outside, host))) return;
    this.remember(turn, await dc.continueDialog());
  }

  private recognize(dc: DialogContext, turn: TaskTurn): Recognized {
    const ask = activeAsk(dc);
    if (!ask) return {};
    return this.deps.ask.recognize(turn.context, ask, turn.text);
  }

  /** Handles a message that is not an answer to the prompt; false when it should go to the prompt after all. */
  private async interrupt(dc: DialogContext, turn: TaskTurn, outside: OutsideRoute, host: TaskHost): Promise<boolean> {
    switch (outside.kind) {
      case 'switchLanguage':
        await host.switchLanguage(turn, outside.target);
        break;
      case 'handOff':
        await host.handOff(turn, outside.intent);
        break;
      case 'task':
        if (TASK_DIALOGS[outside.intent] !== dc.stack.at(-1)?.id) return this.offerSwitch(turn, outside.intent);
        break;
      case 'answer':
        if (this.deps.knowledge.kind(outside.intent) !== 'faq') return false;
        await host.answerQuestion(turn, outside.intent);
        break;
      default:
        return false;
    }
    await dc.repromptDialog();
    return true;
  }

  /** Another task in the middle of one: "leave this one?", and the other task is kept for a "ja". */
  private async offerSwitch(turn: TaskTurn, intent: string): Promise<boolean> {
    turn.memory.pendingSwitch = { intent, text: turn.safeText };
    await this.deps.env.send(turn.context, {
      parts: [msg('task.leaveCurrent', { task: { key: `task.name.${TASK_DIALOGS[intent] ?? ''}` } })],
      choices: yesNo(),
    });
    return true;
  }

  /** Keeps a finished task's receipt, so a repeated confirm does not register twice. */
  private remember(turn: TaskTurn, result: DialogTurnResult): void {
    if (result.status !== DialogTurnStatus.complete) return;
    const value = result.result as Partial<TaskResult> | undefined;
    if (value?.done && value.repeatedBy && value.receipt) {
      const at = this.deps.env.clock().toISOString();
      turn.memory.lastTask = { at, repeatedBy: value.repeatedBy, receipt: value.receipt };
    }
  }
}

/** Conversations others can read (a Teams channel or group chat): no task runs there. */
function isShared(conversationType: string | undefined): boolean {
  return conversationType === 'channel' || conversationType === 'groupChat';
}
