import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEMO } from '../../src/backend/embedded/demo-school.js';
import type { Locale } from '../../src/nlu/types.js';
import { type DialogWorld, type Exchange, buttons, chatAs, worldsAt, play, text } from './harness.js';

/**
 * Wednesday 25 November 2026, 09:00 in Stockholm. The demo school's meeting slots start tomorrow, Thursday the
 * 26th, at 13:00, every 20 minutes until 16:40 (online from 16:00); four are shown at a time. Lena's booking for
 * Maja is on Friday the 27th at 14:00.
 */
const WEDNESDAY = '2026-11-25T08:00:00Z';

const anna = DEMO.guardians.anna.id;
const omar = DEMO.guardians.omar.id;
const leila = DEMO.guardians.leila.id;
const lena = DEMO.guardians.lena.id;
const karim = DEMO.guardians.karim.id;

type ChildKey = keyof typeof DEMO.children;
const CHILDREN = Object.keys(DEMO.children) as ChildKey[];
/** Whose account each child's booking is read through. */
const GUARDIAN_OF: Record<ChildKey, string> = { elsa: anna, nils: anna, yusuf: omar, maja: lena, leo: karim };

/** A demo slot's id, e.g. `slot('ekbacken3B', '26', '1300')`: Thursday 26 November at 13:00 in class 3B. */
const slot = (classKey: string, day: string, time: string) => `slot-${classKey.toLowerCase()}-2026-11-${day}-${time}`;
const class3B = (day: string, time: string) => slot('ekbacken3B', day, time);
const class5C = (day: string, time: string) => slot('ekbacken5C', day, time);
const class7A = (day: string, time: string) => slot('sjovik7A', day, time);
const LENAS_SLOT = class5C('27', '1400');

/** The buttons of Thursday's slots as shown in each language. */
const sv = (time: string, teacher = 'Karin Exempelgren', place = 'Klassrum 3B') =>
  `[torsdag 26 november kl. ${time}, ${teacher} (${place})]`;
const en = (time: string, teacher = 'Karin Exempelgren', place = 'Klassrum 3B') =>
  `[Thursday 26 November at ${time}, ${teacher} (${place})]`;
/** What a guardian types when tapping one of those buttons (the button's title). */
const tap = (button: string) => button.slice(1, -1);

const open = worldsAt(WEDNESDAY);

/** A fact of the booking card, as it appears in the card's JSON. */
function fact(
  w: DialogWorld,
  locale: Locale,
  label: 'child' | 'time' | 'length' | 'teacher' | 'place',
  value: string,
): string {
  return JSON.stringify({ title: text(w, locale, `meeting.fact.${label}`), value });
}

/** Another guardian books through the school system directly (in their own app, say). */
function bookDirectly(w: DialogWorld, guardian: string, child: ChildKey, slotId: string) {
  return w.backend.book(guardian, DEMO.children[child].id, slotId, randomUUID());
}

/** The slot each demo child has booked (null: none), as the school system holds it. */
async function bookings(w: DialogWorld): Promise<Record<ChildKey, string | null>> {
  const entries = await Promise.all(
    CHILDREN.map(
      async (child) =>
        [child, (await w.backend.booking(GUARDIAN_OF[child], DEMO.children[child].id))?.slot.id ?? null] as const,
    ),
  );
  return Object.fromEntries(entries) as Record<ChildKey, string | null>;
}

const INITIAL: Record<ChildKey, string | null> = { elsa: null, nils: null, yusuf: null, maja: LENAS_SLOT, leo: null };

/** What the guardian says, or something that happens at the school in the meantime. */
type Step = Exchange | { meanwhile: (w: DialogWorld) => Promise<unknown> };

interface Case {
  name: string;
  locale: Locale;
  user: string;
  /** Bookings made before the conversation starts. */
  setup?: (w: DialogWorld) => Promise<unknown>;
  steps: (w: DialogWorld) => Step[];
  /** The bookings that differ from the demo school's at the end (everything else must be unchanged). */
  changes: Partial<Record<ChildKey, string | null>>;
  /** Slots that must be free (bookable) for the child at the end: a moved or cancelled booking's old slot. */
  free?: { child: ChildKey; slots: string[] };
}

const cases: Case[] = [
  // Booking.
  {
    name: 'slots four at a time, "fler tider", picked by number (sv)',
    locale: 'sv',
    user: 'demo-omar',
    steps: (w) => [
      {
        say: 'Jag vill boka utvecklingssamtal',
        expect: [
          text(w, 'sv', 'meeting.askSlot', { name: 'Yusuf' }),
          [sv('13.00'), sv('13.20'), sv('13.40'), sv('14.00'), '[Fler tider]'].join(' '),
        ],
        not: [sv('14.20')],
      },
      {
        say: 'fler tider',
        expect: [
          text(w, 'sv', 'meeting.askSlotMore', { name: 'Yusuf' }),
          [sv('14.20'), sv('14.40'), sv('15.00'), sv('15.20'), '[Fler tider]'].join(' '),
        ],
        not: [sv('13.00'), sv('14.00')],
      },
      {
        say: '2',
        expect: [
          text(w, 'sv', 'meeting.booked'),
          text(w, 'sv', 'meeting.bookingTitle'),
          fact(w, 'sv', 'child', 'Yusuf'),
          fact(w, 'sv', 'time', 'torsdag 26 november kl. 14.40'),
          fact(w, 'sv', 'length', '20 minuter'),
          fact(w, 'sv', 'teacher', 'Karin Exempelgren'),
          fact(w, 'sv', 'place', 'Klassrum 3B'),
        ],
      },
    ],
    changes: { yusuf: class3B('26', '1440') },
  },
  {
    name: 'child asked (no "both"), "more" twice, an online slot picked by its button (en)',
    locale: 'en',
    user: 'demo-anna',
    steps: (w) => [
      {
        say: 'I want to book a parent meeting',
        expect: [text(w, 'en', 'meeting.askChild'), '[Elsa] [Nils]'],
        not: ['[Both]'],
      },
      { say: 'Elsa', expect: [text(w, 'en', 'meeting.askSlot', { name: 'Elsa' }), en('13:00'), '[More times]'] },
      { say: 'more', expect: [text(w, 'en', 'meeting.askSlotMore', { name: 'Elsa' }), en('14:20'), en('15:20')] },
      {
        say: 'more',
        expect: [[en('15:40'), en('16:00', undefined, 'online'), en('16:20', undefined, 'online')].join(' ')],
      },
      {
        say: tap(en('16:00', undefined, 'online')),
        expect: [
          text(w, 'en', 'meeting.booked'),
          fact(w, 'en', 'child', 'Elsa'),
          fact(w, 'en', 'time', 'Thursday 26 November at 16:00'),
          fact(w, 'en', 'place', 'online'),
        ],
      },
    ],
    changes: { elsa: class3B('26', '1600') },
  },
  {
    name: 'a slot picked by tapping its button; tapping it again books nothing twice (sv)',
    locale: 'sv',
    user: 'demo-anna',
    steps: (w) => [
      {
        say: 'boka utvecklingssamtal för Nils',
        expect: [text(w, 'sv', 'meeting.askSlot', { name: 'Nils' }), sv('13.20', 'Sofia Testdahl', 'Sal 12')],
        not: [text(w, 'sv', 'meeting.askChild')],
      },
      {
        say: tap(sv('13.20', 'Sofia Testdahl', 'Sal 12')),
        expect: [
          text(w, 'sv', 'meeting.booked'),
          fact(w, 'sv', 'child', 'Nils'),
          fact(w, 'sv', 'time', 'torsdag 26 november kl. 13.20'),
          fact(w, 'sv', 'teacher', 'Sofia Testdahl'),
          fact(w, 'sv', 'place', 'Sal 12'),
        ],
      },
      {
        say: tap(sv('13.20', 'Sofia Testdahl', 'Sal 12')),
        expect: [text(w, 'sv', 'task.alreadyDone'), text(w, 'sv', 'meeting.booked')],
      },
    ],
    changes: { nils: class7A('26', '1320') },
  },
  {
    name: 'booking not open: no slots for Leo (sv)',
    locale: 'sv',
    user: 'demo-karim',
    steps: (w) => [
      {
        say: 'Jag vill boka utvecklingssamtal',
        expect: [text(w, 'sv', 'meeting.notOpen', { name: 'Leo' })],
        not: ['['],
      },
    ],
    changes: {},
  },
  {
    name: 'booking not open: no slots for Leo (en)',
    locale: 'en',
    user: 'demo-karim',
    steps: (w) => [
      {
        say: 'I want to book a parent meeting',
        expect: [text(w, 'en', 'meeting.notOpen', { name: 'Leo' })],
        not: ['['],
      },
    ],
    changes: {},
  },

  // A booking already made: change, cancel or keep.
  {
    name: 'already booked: "ändra tid" moves the booking and frees the old slot (sv)',
    locale: 'sv',
    user: 'demo-lena',
    steps: (w) => [
      {
        say: 'boka utvecklingssamtal',
        expect: [
          text(w, 'sv', 'meeting.alreadyBooked', { name: 'Maja' }),
          fact(w, 'sv', 'time', 'fredag 27 november kl. 14.00'),
          fact(w, 'sv', 'teacher', 'Per Provlund'),
          '[Ändra tid] [Avboka] [Behåll tiden]',
        ],
      },
      {
        say: 'ändra tid',
        expect: [text(w, 'sv', 'meeting.askSlot', { name: 'Maja' }), sv('13.00', 'Per Provlund', 'Klassrum 5C')],
      },
      {
        say: '1',
        expect: [text(w, 'sv', 'meeting.changed'), fact(w, 'sv', 'time', 'torsdag 26 november kl. 13.00')],
        not: [text(w, 'sv', 'meeting.booked')],
      },
    ],
    changes: { maja: class5C('26', '1300') },
    free: { child: 'maja', slots: [LENAS_SLOT] },
  },
  {
    name: 'already booked: "Change time", "More times", a later slot (en)',
    locale: 'en',
    user: 'demo-lena',
    steps: (w) => [
      {
        say: 'I want to book a parent meeting',
        expect: [
          text(w, 'en', 'meeting.alreadyBooked', { name: 'Maja' }),
          fact(w, 'en', 'time', 'Friday 27 November at 14:00'),
          '[Change time] [Cancel it] [Keep the time]',
        ],
      },
      { say: 'Change time', expect: [text(w, 'en', 'meeting.askSlot', { name: 'Maja' })] },
      { say: 'More times', expect: [en('15:00', 'Per Provlund', 'Klassrum 5C')] },
      {
        say: tap(en('15:00', 'Per Provlund', 'Klassrum 5C')),
        expect: [text(w, 'en', 'meeting.changed'), fact(w, 'en', 'time', 'Thursday 26 November at 15:00')],
      },
    ],
    changes: { maja: class5C('26', '1500') },
    free: { child: 'maja', slots: [LENAS_SLOT] },
  },
  {
    name: 'already booked: "Behåll tiden" keeps it (sv)',
    locale: 'sv',
    user: 'demo-lena',
    steps: (w) => [
      { say: 'boka utvecklingssamtal', expect: [text(w, 'sv', 'meeting.alreadyBooked', { name: 'Maja' })] },
      {
        say: 'Behåll tiden',
        expect: [text(w, 'sv', 'meeting.kept')],
        not: [text(w, 'sv', 'meeting.askSlot', { name: 'Maja' })],
      },
    ],
    changes: {},
  },
  {
    name: 'already booked: "Keep the time" keeps it (en)',
    locale: 'en',
    user: 'demo-lena',
    steps: (w) => [
      { say: 'I want to book a parent meeting', expect: [text(w, 'en', 'meeting.alreadyBooked', { name: 'Maja' })] },
      { say: 'Keep the time', expect: [text(w, 'en', 'meeting.kept')] },
    ],
    changes: {},
  },
  {
    name: 'already booked: "Avboka" leads to the cancel dialog, "ja" cancels (sv)',
    locale: 'sv',
    user: 'demo-lena',
    steps: (w) => [
      { say: 'boka utvecklingssamtal', expect: [text(w, 'sv', 'meeting.alreadyBooked', { name: 'Maja' })] },
      {
        say: 'Avboka',
        expect: [
          text(w, 'sv', 'meeting.confirmCancel', { name: 'Maja' }),
          fact(w, 'sv', 'time', 'fredag 27 november kl. 14.00'),
          '[Ja] [Nej]',
        ],
      },
      { say: 'ja', expect: [text(w, 'sv', 'meeting.cancelled', { name: 'Maja' })] },
    ],
    changes: { maja: null },
    free: { child: 'maja', slots: [LENAS_SLOT] },
  },
  {
    name: 'already booked: "Cancel it", then "no" keeps it (en)',
    locale: 'en',
    user: 'demo-lena',
    steps: (w) => [
      { say: 'I want to book a parent meeting', expect: [text(w, 'en', 'meeting.alreadyBooked', { name: 'Maja' })] },
      { say: 'Cancel it', expect: [text(w, 'en', 'meeting.confirmCancel', { name: 'Maja' }), '[Yes] [No]'] },
      {
        say: 'no',
        expect: [text(w, 'en', 'meeting.kept')],
        not: [text(w, 'en', 'meeting.cancelled', { name: 'Maja' })],
      },
    ],
    changes: {},
  },

  // Cancelling.
  {
    name: 'cancel: the booking is shown, "ja" cancels it (sv)',
    locale: 'sv',
    user: 'demo-lena',
    steps: (w) => [
      {
        say: 'Jag vill avboka utvecklingssamtalet',
        expect: [
          text(w, 'sv', 'meeting.confirmCancel', { name: 'Maja' }),
          fact(w, 'sv', 'child', 'Maja'),
          fact(w, 'sv', 'time', 'fredag 27 november kl. 14.00'),
          fact(w, 'sv', 'place', 'Klassrum 5C'),
          '[Ja] [Nej]',
        ],
      },
      { say: 'ja', expect: [text(w, 'sv', 'meeting.cancelled', { name: 'Maja' })] },
    ],
    changes: { maja: null },
    free: { child: 'maja', slots: [LENAS_SLOT] },
  },
  {
    name: 'cancel: the booking is shown, "yes" cancels it (en)',
    locale: 'en',
    user: 'demo-lena',
    steps: (w) => [
      {
        say: 'cancel the parent meeting',
        expect: [
          text(w, 'en', 'meeting.confirmCancel', { name: 'Maja' }),
          fact(w, 'en', 'time', 'Friday 27 November at 14:00'),
          '[Yes] [No]',
        ],
      },
      { say: 'yes', expect: [text(w, 'en', 'meeting.cancelled', { name: 'Maja' })] },
    ],
    changes: { maja: null },
    free: { child: 'maja', slots: [LENAS_SLOT] },
  },
  {
    name: 'cancel: "nej" keeps the booking (sv)',
    locale: 'sv',
    user: 'demo-lena',
    steps: (w) => [
      {
        say: 'Jag vill avboka utvecklingssamtalet',
        expect: [text(w, 'sv', 'meeting.confirmCancel', { name: 'Maja' })],
      },
      { say: 'nej', expect: [text(w, 'sv', 'meeting.kept')], not: ['avbokat'] },
    ],
    changes: {},
  },
  {
    name: 'cancel: "no" keeps the booking (en)',
    locale: 'en',
    user: 'demo-lena',
    steps: (w) => [
      { say: 'cancel the parent meeting', expect: [text(w, 'en', 'meeting.confirmCancel', { name: 'Maja' })] },
      { say: 'no', expect: [text(w, 'en', 'meeting.kept')], not: ['is cancelled'] },
    ],
    changes: {},
  },
  {
    name: 'cancel without a booking says so (sv)',
    locale: 'sv',
    user: 'demo-karim',
    steps: (w) => [
      { say: 'Jag vill avboka utvecklingssamtalet', expect: [text(w, 'sv', 'meeting.noBooking')], not: ['[Ja]'] },
    ],
    changes: {},
  },
  {
    name: 'cancel without a booking says so (en)',
    locale: 'en',
    user: 'demo-anna',
    steps: (w) => [{ say: 'cancel the parent meeting', expect: [text(w, 'en', 'meeting.noBooking')], not: ['[Yes]'] }],
    changes: {},
  },
  {
    name: 'cancel with two children booked asks which one (sv)',
    locale: 'sv',
    user: 'demo-anna',
    setup: async (w) => {
      await bookDirectly(w, anna, 'elsa', class3B('26', '1300'));
      await bookDirectly(w, anna, 'nils', class7A('27', '1300'));
    },
    steps: (w) => [
      {
        say: 'Jag vill avboka utvecklingssamtalet',
        expect: [text(w, 'sv', 'meeting.askWhichBooking'), '[Elsa] [Nils]'],
      },
      {
        say: 'Nils',
        expect: [
          text(w, 'sv', 'meeting.confirmCancel', { name: 'Nils' }),
          fact(w, 'sv', 'time', 'fredag 27 november kl. 13.00'),
        ],
      },
      { say: 'ja', expect: [text(w, 'sv', 'meeting.cancelled', { name: 'Nils' })] },
    ],
    changes: { elsa: class3B('26', '1300') },
    free: { child: 'nils', slots: [class7A('27', '1300')] },
  },
  {
    name: 'cancel with two children booked and one named goes straight to it (en)',
    locale: 'en',
    user: 'demo-anna',
    setup: async (w) => {
      await bookDirectly(w, anna, 'elsa', class3B('26', '1300'));
      await bookDirectly(w, anna, 'nils', class7A('27', '1300'));
    },
    steps: (w) => [
      {
        say: 'I want to cancel the parent meeting for Elsa',
        expect: [text(w, 'en', 'meeting.confirmCancel', { name: 'Elsa' }), fact(w, 'en', 'child', 'Elsa')],
        not: [text(w, 'en', 'meeting.askWhichBooking')],
      },
      { say: 'yes', expect: [text(w, 'en', 'meeting.cancelled', { name: 'Elsa' })] },
    ],
    changes: { nils: class7A('27', '1300') },
    free: { child: 'elsa', slots: [class3B('26', '1300')] },
  },

  // Another guardian's child.
  {
    name: 'Omar asks to book for Elsa: only his own Yusuf is used (sv)',
    locale: 'sv',
    user: 'demo-omar',
    steps: (w) => [
      {
        say: 'boka utvecklingssamtal för Elsa',
        expect: [text(w, 'sv', 'meeting.askSlot', { name: 'Yusuf' })],
        not: ['Elsa'],
      },
      { say: '1', expect: [text(w, 'sv', 'meeting.booked'), fact(w, 'sv', 'child', 'Yusuf')], not: ['Elsa'] },
    ],
    changes: { yusuf: class3B('26', '1300') },
  },
  {
    name: 'Omar asks to book for Elsa: only his own Yusuf is used (en)',
    locale: 'en',
    user: 'demo-omar',
    steps: (w) => [
      {
        say: 'book a parent meeting for Elsa',
        expect: [text(w, 'en', 'meeting.askSlot', { name: 'Yusuf' })],
        not: ['Elsa'],
      },
      { say: '1', expect: [text(w, 'en', 'meeting.booked'), fact(w, 'en', 'child', 'Yusuf')], not: ['Elsa'] },
    ],
    changes: { yusuf: class3B('26', '1300') },
  },
  {
    name: "Anna cannot pick Omar's Yusuf at the child prompt (sv)",
    locale: 'sv',
    user: 'demo-anna',
    steps: (w) => [
      { say: 'Jag vill boka utvecklingssamtal', expect: [text(w, 'sv', 'meeting.askChild'), '[Elsa] [Nils]'] },
      {
        say: 'Yusuf',
        expect: [text(w, 'sv', 'dialog.notUnderstood'), text(w, 'sv', 'meeting.askChild'), '[Elsa] [Nils]'],
        not: [text(w, 'sv', 'meeting.askSlot', { name: 'Yusuf' })],
      },
      { say: 'avbryt', expect: [text(w, 'sv', 'task.cancelled')] },
    ],
    changes: {},
  },
  {
    name: "Omar cannot cancel Anna's booking for Elsa (sv)",
    locale: 'sv',
    user: 'demo-omar',
    setup: (w) => bookDirectly(w, anna, 'elsa', class3B('26', '1300')),
    steps: (w) => [
      {
        say: 'Jag vill avboka utvecklingssamtalet för Elsa',
        expect: [text(w, 'sv', 'meeting.noBooking')],
        not: ['[Ja]', 'Elsa'],
      },
    ],
    changes: { elsa: class3B('26', '1300') },
  },
  {
    name: "Omar cannot cancel Anna's booking for Elsa (en)",
    locale: 'en',
    user: 'demo-omar',
    setup: (w) => bookDirectly(w, anna, 'elsa', class3B('26', '1300')),
    steps: (w) => [
      {
        say: 'I want to cancel the parent meeting for Elsa',
        expect: [text(w, 'en', 'meeting.noBooking')],
        not: ['[Yes]', 'Elsa'],
      },
    ],
    changes: { elsa: class3B('26', '1300') },
  },

  // Someone else was quicker.
  {
    name: 'a slot taken by another guardian meanwhile is explained and the slots shown again (sv)',
    locale: 'sv',
    user: 'demo-anna',
    steps: (w) => [
      {
        say: 'boka utvecklingssamtal för Elsa',
        expect: [`${text(w, 'sv', 'meeting.askSlot', { name: 'Elsa' })} ${sv('13.00')}`],
      },
      { meanwhile: (ww) => bookDirectly(ww, omar, 'yusuf', class3B('26', '1300')) },
      {
        say: '1',
        expect: [
          text(w, 'sv', 'backend.slot_not_available'),
          text(w, 'sv', 'meeting.notBooked'),
          `${text(w, 'sv', 'meeting.askSlot', { name: 'Elsa' })} ${[sv('13.20'), sv('13.40'), sv('14.00'), sv('14.20')].join(' ')}`,
        ],
        not: [sv('13.00'), text(w, 'sv', 'meeting.booked')],
      },
      { say: '1', expect: [text(w, 'sv', 'meeting.booked'), fact(w, 'sv', 'time', 'torsdag 26 november kl. 13.20')] },
    ],
    changes: { elsa: class3B('26', '1320'), yusuf: class3B('26', '1300') },
  },
  {
    name: 'a tapped slot taken by another guardian meanwhile is explained and the slots shown again (en)',
    locale: 'en',
    user: 'demo-omar',
    steps: (w) => [
      { say: 'book a parent meeting', expect: [en('13:00')] },
      { meanwhile: (ww) => bookDirectly(ww, anna, 'elsa', class3B('26', '1300')) },
      {
        say: tap(en('13:00')),
        expect: [
          text(w, 'en', 'backend.slot_not_available'),
          text(w, 'en', 'meeting.notBooked'),
          text(w, 'en', 'meeting.askSlot', { name: 'Yusuf' }),
          en('13:20'),
        ],
        not: [en('13:00')],
      },
      { say: tap(en('13:20')), expect: [text(w, 'en', 'meeting.booked'), fact(w, 'en', 'child', 'Yusuf')] },
    ],
    changes: { yusuf: class3B('26', '1320'), elsa: class3B('26', '1300') },
  },
  {
    name: 'changing to a slot taken meanwhile: explained, slots again, then changed (sv)',
    locale: 'sv',
    user: 'demo-anna',
    setup: (w) => bookDirectly(w, anna, 'elsa', class3B('27', '1300')),
    steps: (w) => [
      {
        say: 'boka utvecklingssamtal för Elsa',
        expect: [
          text(w, 'sv', 'meeting.alreadyBooked', { name: 'Elsa' }),
          fact(w, 'sv', 'time', 'fredag 27 november kl. 13.00'),
        ],
      },
      { say: 'Ändra tid', expect: [sv('13.00')] },
      { meanwhile: (ww) => bookDirectly(ww, omar, 'yusuf', class3B('26', '1300')) },
      {
        say: '1',
        expect: [text(w, 'sv', 'backend.slot_not_available'), text(w, 'sv', 'meeting.askSlot', { name: 'Elsa' })],
        not: [sv('13.00')],
      },
      { say: '1', expect: [text(w, 'sv', 'meeting.changed'), fact(w, 'sv', 'time', 'torsdag 26 november kl. 13.20')] },
    ],
    changes: { elsa: class3B('26', '1320'), yusuf: class3B('26', '1300') },
    free: { child: 'elsa', slots: [class3B('27', '1300')] },
  },
  {
    name: 'the other guardian booked the same child meanwhile: explained, nothing booked twice (sv)',
    locale: 'sv',
    user: 'demo-omar',
    steps: (w) => [
      { say: 'boka utvecklingssamtal', expect: [text(w, 'sv', 'meeting.askSlot', { name: 'Yusuf' })] },
      { meanwhile: (ww) => bookDirectly(ww, leila, 'yusuf', class3B('26', '1400')) },
      {
        say: '1',
        expect: [text(w, 'sv', 'backend.already_booked'), text(w, 'sv', 'meeting.notBooked')],
        not: [text(w, 'sv', 'meeting.booked')],
      },
    ],
    changes: { yusuf: class3B('26', '1400') },
  },
];

describe('book, change and cancel a parent meeting', () => {
  it.each(cases)('$name', async (testCase) => {
    const w = open();
    await testCase.setup?.(w);
    const chat = chatAs(w, testCase.user, testCase.locale);
    for (const step of testCase.steps(w)) {
      if ('meanwhile' in step) await step.meanwhile(w);
      else await play(chat, [step]);
    }
    expect(await bookings(w)).toEqual({ ...INITIAL, ...testCase.changes });
    if (testCase.free) {
      const { child, slots } = testCase.free;
      const free = await w.backend.meetingSlots(GUARDIAN_OF[child], DEMO.children[child].id);
      expect(free.map((s) => s.id)).toEqual(expect.arrayContaining(slots));
    }
  });

  it('shows exactly four slots and "Fler tider" as buttons', async () => {
    const w = open();
    const chat = chatAs(w, 'demo-omar', 'sv');
    expect(buttons(await chat.send('Jag vill boka utvecklingssamtal'))).toEqual([
      ...['13.00', '13.20', '13.40', '14.00'].map((time) => tap(sv(time))),
      'Fler tider',
    ]);
  });
});
