import { type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from './sdk.js';
import { BOOK_MEETING } from './ids.js';
import { BackendError, type Booking, type MeetingSlot } from '../src/backend/types.js';
import { ASK, type AskOptions } from './ask-options.js';
import { CANCEL_MEETING } from './cancel-meeting.js';
import type { DialogEnvironment } from './environment.js';
import { bookingCard, slotLabel } from './booking-card.js';
import { type ChoiceSpec, type Message, msg } from './message.js';
import { type ChildValues, chosenAfterPrompt, startWithChild, valuesOf } from './child-step.js';
import { MORE } from './choices.js';
import { newKey, problemMessage } from './problems.js';
import { type TaskOptions, type TaskResult } from './task-options.js';

export { BOOK_MEETING };

/** How many times are shown at once; "fler tider"/"more" shows the next ones. */
const PAGE_SIZE = 4;

interface MeetingValues extends ChildValues {
  /** What to do: book a first time, or change the booking already made. */
  mode: 'book' | 'change';
  booking?: Booking;
  page: number;
  key: string;
}

type MeetingOptions = TaskOptions & Partial<MeetingValues>;

/**
 * Book a parent meeting: the child's free times a few at a time, book, show the booking. With a booking already
 * made it offers to change or cancel it; with no free times it says booking is not open.
 */
export class BookMeetingDialog extends WaterfallDialog {
  constructor(private readonly env: DialogEnvironment) {
    super(BOOK_MEETING);
    this.addStep((step) => this.start(step));
    this.addStep((step) => this.existing(step));
    this.addStep((step) => this.askSlot(step));
    this.addStep((step) => this.book(step));
  }

  private values(step: WaterfallStepContext): Partial<MeetingValues> {
    return valuesOf<MeetingValues>(step);
  }

  private start(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return startWithChild(this.env, step, {
      allowAll: false,
      intro: msg(`task.intro.${BOOK_MEETING}`),
      prompt: msg('meeting.askChild'),
      help: msg('meeting.help.child'),
      read: () => Promise.resolve([]),
    });
  }

  private async existing(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = this.values(step);
    const child = chosenAfterPrompt(step)[0];
    if (values.mode) return step.next(values.mode);
    if (!child) return step.endDialog();
    let booking: Booking | undefined;
    try {
      booking = await this.env.backend.booking(values.guardianId ?? '', child.id);
    } catch (error) {
      this.env.say(step.context, { parts: [problemMessage(error), msg('task.tryLater')] });
      return step.endDialog();
    }
    if (!booking) return step.next('book');
    values.booking = booking;
    return step.beginDialog(ASK, {
      kind: 'choice',
      prompt: {
        parts: [msg('meeting.alreadyBooked', { name: child.name })],
        card: bookingCard(booking, child, 'meeting.bookingTitle'),
        choices: [
          { value: 'change', label: msg('meeting.change') },
          { value: 'cancel', label: msg('meeting.cancel') },
          { value: 'keep', label: msg('meeting.keep') },
        ],
      },
      help: msg('meeting.help.existing'),
    } satisfies AskOptions);
  }

  private async askSlot(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = this.values(step);
    const choice = step.result as string;
    if (choice === 'cancel') {
      return step.replaceDialog(CANCEL_MEETING, {
        guardianId: values.guardianId ?? '',
        childId: values.chosen?.[0]?.id,
      });
    }
    if (choice === 'keep') {
      this.env.say(step.context, { parts: [msg('meeting.kept')] });
      return step.endDialog();
    }
    values.mode = choice === 'change' ? 'change' : 'book';
    values.key ??= newKey();
    const child = values.chosen?.[0];
    if (!child) return step.endDialog();
    let slots: MeetingSlot[];
    try {
      slots = await this.env.backend.meetingSlots(values.guardianId ?? '', child.id);
    } catch (error) {
      this.env.say(step.context, { parts: [problemMessage(error), msg('task.tryLater')] });
      return step.endDialog();
    }
    if (slots.length === 0) {
      const key = values.mode === 'change' ? 'meeting.noOtherTimes' : 'meeting.notOpen';
      this.env.say(step.context, { parts: [msg(key, { name: child.name })] });
      return step.endDialog();
    }
    const page = (values.page ?? 0) * PAGE_SIZE < slots.length ? (values.page ?? 0) : 0;
    values.page = page;
    const shown = slots.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
    const choices: ChoiceSpec[] = shown.map((slot) => ({ value: slot.id, label: slotLabel(slot) }));
    if ((page + 1) * PAGE_SIZE < slots.length) choices.push({ value: MORE, label: msg('meeting.more') });
    return step.beginDialog(ASK, {
      kind: 'choice',
      prompt: {
        parts: [msg(page === 0 ? 'meeting.askSlot' : 'meeting.askSlotMore', { name: child.name })],
        choices,
      },
      help: msg('meeting.help.slot'),
    } satisfies AskOptions);
  }

  private async book(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = this.values(step);
    const slotId = step.result as string;
    const next: MeetingOptions = { ...values, guardianId: values.guardianId ?? '' };
    if (slotId === MORE) return step.replaceDialog(BOOK_MEETING, { ...next, page: (values.page ?? 0) + 1 });
    const child = values.chosen?.[0];
    if (!child) return step.endDialog();
    const guardianId = values.guardianId ?? '';
    const key = `${values.key ?? newKey()}:${slotId}`;
    let booking: Booking;
    try {
      booking =
        values.mode === 'change' && values.booking
          ? await this.env.backend.changeBooking(guardianId, values.booking.id, slotId, key)
          : await this.env.backend.book(guardianId, child.id, slotId, key);
    } catch (error) {
      this.env.logger.warn({ err: error }, 'meeting not booked');
      this.env.say(step.context, { parts: [problemMessage(error), msg('meeting.notBooked')] });
      if (error instanceof BackendError && error.code === 'slot_not_available') {
        return step.replaceDialog(BOOK_MEETING, { ...next, page: 0, key: newKey() });
      }
      return step.endDialog();
    }
    const receipt: Message[] = [msg(values.mode === 'change' ? 'meeting.changed' : 'meeting.booked')];
    this.env.say(step.context, { parts: receipt, card: bookingCard(booking, child, 'meeting.bookingTitle') });
    return step.endDialog({ done: true, repeatedBy: [slotLabel(booking.slot)], receipt } satisfies TaskResult);
  }
}
