import type { Booking, Child, MeetingSlot } from '../src/backend/types.js';
import { type CardSpec, type Message, msg } from './message.js';

/** "tisdag 1 december kl. 14.30, Karin Lund (sal 12)" as a button label. */
export function slotLabel(slot: MeetingSlot): Message {
  return msg('meeting.slotLabel', {
    when: { instant: slot.start },
    teacher: slot.teacher,
    where: slot.online || !slot.place ? { key: 'meeting.online' } : slot.place,
  });
}

/** The booking as a card: child, time, teacher, place. */
export function bookingCard(booking: Booking, child: Child, title: string): CardSpec {
  return {
    title: msg(title),
    facts: [
      { label: msg('meeting.fact.child'), value: child.name },
      { label: msg('meeting.fact.time'), value: { instant: booking.slot.start } },
      { label: msg('meeting.fact.length'), value: { key: 'meeting.minutes', args: { count: booking.slot.minutes } } },
      { label: msg('meeting.fact.teacher'), value: booking.slot.teacher },
      {
        label: msg('meeting.fact.place'),
        value: booking.slot.online || !booking.slot.place ? { key: 'meeting.online' } : booking.slot.place,
      },
    ],
  };
}
