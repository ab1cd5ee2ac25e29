import type { AskOptions } from './ask-options.js';
import { ASK } from './ask-options.js';
import { type DialogTurn, DialogTurnContext } from './dialog-turn.js';
import { DialogContext, type DialogSet, type DialogState, type DialogTurnResult, DialogTurnStatus } from './sdk.js';
import type { TaskOptions, TaskResult } from './task-options.js';

/** Where botbuilder-dialogs' DialogStateManager keeps its configuration in a TurnContext (its own key). */
const STATE_CONFIGURATION = 'DialogStateManagerConfiguration';

/** A conversation's dialog stack as it is stored (JSON): botbuilder-dialogs' `DialogState`. */
export type TaskStack = Partial<DialogState>;

/** Where a conversation stands in a task, read from its stored stack without running a dialog. */
export interface TaskPosition {
  /** The task's dialog (the bottom of the stack). */
  dialog: string;
  /** The open prompt, when the task waits for an answer to one. */
  prompt?: AskOptions;
}

/** Where the stack stands: undefined when no task is open (the common case, answered without any dialog code). */
export function taskPosition(stack: TaskStack | undefined): TaskPosition | undefined {
  const dialogs = stack?.dialogStack;
  if (!dialogs?.length) return undefined;
  // botbuilder-dialogs keeps the task's own dialog first and the active one (a prompt) last.
  const [root] = dialogs;
  const active = dialogs.at(-1);
  if (!active || !root) return undefined;
  const options = active.id === ASK ? (active.state as { options?: AskOptions } | undefined)?.options : undefined;
  return { dialog: root.id, ...(options ? { prompt: options } : {}) };
}

/**
 * Runs the guided tasks' dialogs (botbuilder-dialogs waterfalls) on a turn: the dialogs read the turn and add their
 * replies to its outbox; the stack lives in the conversation's state. Resolves to a finished task's result.
 */
export class TaskRunner {
  /**
   * botbuilder-dialogs' memory scopes, found by walking its component registry whenever a dialog context is made
   * in a new TurnContext (a fifth of a dialog turn's time): found once, they are handed to every context.
   */
  private stateConfiguration: unknown;

  constructor(private readonly dialogs: DialogSet) {}

  /** Starts a task (a new stack: any open one was cancelled first). */
  async begin(
    turn: DialogTurn,
    stack: TaskStack,
    dialogId: string,
    options: TaskOptions,
  ): Promise<TaskResult | undefined> {
    return finished(await this.context(turn, stack).beginDialog(dialogId, options));
  }

  /** The message is the open prompt's answer. */
  async continue(turn: DialogTurn, stack: TaskStack): Promise<TaskResult | undefined> {
    return finished(await this.context(turn, stack).continueDialog());
  }

  /** Asks the open prompt's question again (after an interruption, in the turn's language). */
  async reprompt(turn: DialogTurn, stack: TaskStack): Promise<void> {
    await this.context(turn, stack).repromptDialog();
  }

  /** Ends every open dialog. */
  async cancel(turn: DialogTurn, stack: TaskStack): Promise<void> {
    await this.context(turn, stack).cancelAllDialogs();
  }

  private context(turn: DialogTurn, stack: TaskStack): DialogContext {
    stack.dialogStack ??= [];
    const context = new DialogTurnContext(turn);
    if (this.stateConfiguration) context.turnState.set(STATE_CONFIGURATION, this.stateConfiguration);
    const dc = new DialogContext(this.dialogs, context, stack as DialogState);
    this.stateConfiguration ??= context.turnState.get(STATE_CONFIGURATION);
    return dc;
  }
}

/** A completed task's result, when it reports one (a receipt to show again). */
function finished(result: DialogTurnResult): TaskResult | undefined {
  if (result.status !== DialogTurnStatus.complete) return undefined;
  const value = result.result as Partial<TaskResult> | undefined;
  return value?.done && value.repeatedBy && value.receipt ? (value as TaskResult) : undefined;
}
