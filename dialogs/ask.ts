import { Dialog, type DialogContext, type DialogInstance, type DialogTurnResult } from './sdk.js';
import type { TurnContext } from 'botbuilder';
import type { Lesson } from '../src/backend/types.js';
import { type Recognized, recognize } from './recognize.js';
import type { DialogEnvironment } from './environment.js';
import { type Message, type ReplySpec, msg } from './message.js';

/** The id of the one prompt dialog every task dialog uses. */
export const ASK = 'ask';

/** What a prompt understands: yes/no, one of its choices, a day for an absence, part of a day, dates, free text. */
export type AskKind = 'confirm' | 'choice' | 'absenceDay' | 'partOfDay' | 'dateRange' | 'text';

/** Everything about a prompt, kept in the dialog state as data so a restart or a language switch can ask it again. */
export interface AskOptions {
  kind: AskKind;
  /** The question, with its choices and card. */
  prompt: ReplySpec;
  /** What "hjälp"/"help" explains at this step. */
  help: Message;
  /** partOfDay: the child's lessons that day, to turn "kommer efter lunch" into times. */
  lessons?: Lesson[];
}

interface AskState {
  options: AskOptions;
  retries: number;
}

/** Where a turn keeps what its message meant to the open prompt. */
const RECOGNIZED = Symbol('hub.recognized');

/** After this many answers the prompt could not understand, the dialog stops and says how to go on. */
const MAX_RETRIES = 3;

/**
 * A prompt that understands Swedish and English (botbuilder's built-in prompts fall back to English). The answer
 * ends the prompt with the recognised value; anything else gets a short explanation and the question again.
 */
export class Ask extends Dialog<AskOptions> {
  constructor(private readonly env: DialogEnvironment) {
    super(ASK);
  }

  override async beginDialog(dc: DialogContext, options?: AskOptions): Promise<DialogTurnResult> {
    if (!options) throw new Error('Ask needs options');
    const state: AskState = { options, retries: 0 };
    if (dc.activeDialog) Object.assign(dc.activeDialog.state, state);
    await this.env.send(dc.context, options.prompt);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog?.state as AskState | undefined;
    if (!state) return dc.endDialog();
    const text = this.env.text(dc.context);
    const result = this.recognize(dc.context, state.options, text);
    if ('value' in result) return dc.endDialog(result.value);
    // An answer that was understood but refused ("i går" for leave) says why; only answers not understood at all
    // count towards giving up.
    if (!result.retry) state.retries += 1;
    if (state.retries >= MAX_RETRIES) {
      await this.env.send(dc.context, { parts: [msg('dialog.gaveUp')] });
      return dc.cancelAllDialogs();
    }
    await this.env.send(dc.context, {
      ...state.options.prompt,
      parts: [result.retry ?? msg('dialog.notUnderstood'), ...state.options.prompt.parts],
    });
    return Dialog.EndOfTurn;
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const state = instance.state as AskState;
    await this.env.send(context, state.options.prompt);
  }

  /** What the prompt would make of a message, without answering it (the bot uses this to spot interruptions). */
  recognize(context: TurnContext, options: AskOptions, text: string): Recognized {
    // The bot asks first (to tell an answer from an interruption), then the prompt itself: read the message once.
    const memo = context.turnState.get<{ options: AskOptions; text: string; result: Recognized } | undefined>(
      RECOGNIZED,
    );
    if (memo?.options === options && memo.text === text) return memo.result;
    const result = recognize(options, text, this.env.moment(context), this.env.keywords, (label) =>
      this.env.labels(context, label),
    );
    context.turnState.set(RECOGNIZED, { options, text, result });
    return result;
  }
}

/** The active prompt's options, when the conversation is waiting for an answer to one. */
export function activeAsk(dc: DialogContext): AskOptions | undefined {
  const active = dc.activeDialog;
  if (active?.id !== ASK) return undefined;
  return (active.state as Partial<AskState>).options;
}
