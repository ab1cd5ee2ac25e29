import { Dialog, type DialogContext, type DialogInstance, type DialogTurnResult } from './sdk.js';
import type { TurnContext } from 'botbuilder';
import { ASK, type AskOptions } from './ask-options.js';
import { turnOf } from './dialog-turn.js';
import type { Recognized } from './recognize.js';
import type { DialogEnvironment } from './environment.js';
import { msg } from './message.js';

interface AskState {
  options: AskOptions;
  retries: number;
}

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

  override beginDialog(dc: DialogContext, options?: AskOptions): Promise<DialogTurnResult> {
    if (!options) throw new Error('Ask needs options');
    const state: AskState = { options, retries: 0 };
    if (dc.activeDialog) Object.assign(dc.activeDialog.state, state);
    this.env.say(dc.context, options.prompt);
    return Promise.resolve(Dialog.EndOfTurn);
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
      this.env.say(dc.context, { parts: [msg('dialog.gaveUp')] });
      return dc.cancelAllDialogs();
    }
    this.env.say(dc.context, {
      ...state.options.prompt,
      parts: [result.retry ?? msg('dialog.notUnderstood'), ...state.options.prompt.parts],
    });
    return Dialog.EndOfTurn;
  }

  override repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const state = instance.state as AskState;
    this.env.say(context, state.options.prompt);
    return Promise.resolve();
  }

  /** What the prompt makes of the turn's message: the router's reading when it read this prompt, else its own. */
  private recognize(context: TurnContext, options: AskOptions, text: string): Recognized {
    const { answer } = turnOf(context);
    if (answer?.prompt === options) return answer.recognized;
    return this.env.reader.recognize(options, text, this.env.moment(context));
  }
}
