import { type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from './sdk.js';
import { CANCEL_MEETING } from './ids.js';
import type { Booking, Child } from '../src/backend/types.js';
import { ASK, type AskOptions } from './ask-options.js';
import { bookingCard } from './booking-card.js';
import type { DialogEnvironment } from './environment.js';
import { type Message, msg } from './message.js';
import { loadChildren, valuesOf } from './child-step.js';
import { mentionedChildren, yesNo } from './choices.js';
import { newKey, problemMessage } from './problems.js';
import { type TaskOptions, type TaskResult } from './task-options.js';

export { CANCEL_MEETING };

interface CancelValues {
  guardianId: string;
  /** The children with an upcoming booking, and their bookings. */
  booked: { child: Child; booking: Booking }[];
  chosen: { child: Child; booking: Booking };
  key: string;
}

type CancelOptions = TaskOptions & { childId?: string };

/** Cancel a booked parent meeting: show the booking, confirm, cancel. */
export class CancelMeetingDialog extends WaterfallDialog {
  constructor(private readonly env: DialogEnvironment) {
    super(CANCEL_MEETING);
    this.addStep((step) => this.start(step));
    this.addStep((step) => this.confirm(step));
    this.addStep((step) => this.submit(step));
  }

  private values(step: WaterfallStepContext): Partial<CancelValues> {
    return valuesOf<CancelValues>(step);
  }

  private async start(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as CancelOptions;
    const values = this.values(step);
    values.guardianId = options.guardianId;
    const children = await loadChildren(this.env, step, options.guardianId);
    if (!children) return step.endDialog();
    const booked: CancelValues['booked'] = [];
    try {
      for (const child of children) {
        const booking = await this.env.backend.booking(options.guardianId, child.id);
        if (booking) booked.push({ child, booking });
      }
    } catch (error) {
      this.env.say(step.context, { parts: [problemMessage(error), msg('task.tryLater')] });
      return step.endDialog();
    }
    if (booked.length === 0) {
      this.env.say(step.context, { parts: [msg('meeting.noBooking')] });
      return step.endDialog();
    }
    values.booked = booked;
    this.env.say(step.context, { parts: [msg(`task.intro.${CANCEL_MEETING}`)] });
    const named = mentionedChildren(options.text ?? '', children, this.env.keywords).map((child) => child.id);
    const wanted = booked.filter(
      ({ child }) => child.id === options.childId || (named.length === 1 && named[0] === child.id),
    );
    if (wanted.length === 1 || booked.length === 1) return step.next((wanted[0] ?? booked[0])?.child.id);
    return step.beginDialog(ASK, {
      kind: 'choice',
      prompt: {
        parts: [msg('meeting.askWhichBooking')],
        choices: booked.map(({ child }) => ({ value: child.id, label: child.name })),
      },
      help: msg('meeting.help.whichBooking'),
    } satisfies AskOptions);
  }

  private async confirm(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = this.values(step);
    const chosen = values.booked?.find(({ child }) => child.id === step.result);
    if (!chosen) return step.endDialog();
    values.chosen = chosen;
    values.key ??= newKey();
    return step.beginDialog(ASK, {
      kind: 'confirm',
      prompt: {
        parts: [msg('meeting.confirmCancel', { name: chosen.child.name })],
        card: bookingCard(chosen.booking, chosen.child, 'meeting.bookingTitle'),
        choices: yesNo(),
      },
      help: msg('meeting.help.confirmCancel'),
    } satisfies AskOptions);
  }

  private async submit(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = this.values(step);
    const chosen = values.chosen;
    if (!chosen) return step.endDialog();
    if (step.result !== true) {
      this.env.say(step.context, { parts: [msg('meeting.kept')] });
      return step.endDialog();
    }
    try {
      await this.env.backend.cancelBooking(values.guardianId ?? '', chosen.booking.id, values.key ?? newKey());
    } catch (error) {
      this.env.logger.warn({ err: error }, 'meeting not cancelled');
      this.env.say(step.context, { parts: [problemMessage(error), msg('meeting.notCancelled')] });
      return step.endDialog();
    }
    const receipt: Message[] = [msg('meeting.cancelled', { name: chosen.child.name })];
    this.env.say(step.context, { parts: receipt });
    return step.endDialog({ done: true, repeatedBy: [msg('choice.yes')], receipt } satisfies TaskResult);
  }
}
