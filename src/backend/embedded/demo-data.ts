/**
 * The fictitious demo school's people and places. Every name, phone number and id is invented: phone numbers
 * are in 070-1740xxx, the range PTS reserves for fiction, and the Teams ids are made-up GUIDs. Tests and the
 * README refer to these keys, so change them together.
 */
import type { AccountKind, Verification } from '../types.js';

/** A demo class: its school, who holds the development talks (utvecklingssamtal) and where. */
export interface DemoClass {
  readonly school: 'ekbacken' | 'sjovik';
  readonly className: string;
  readonly teacher: string;
  readonly room: string;
  /** Whether the teacher has opened meeting slots for booking. */
  readonly meetingSlots: boolean;
}

/** A demo channel account and how strongly it is tied to its guardian. */
export interface DemoAccount {
  readonly kind: AccountKind;
  readonly accountId: string;
  readonly guardian: DemoGuardianKey;
  readonly verification: Verification;
}

const schools = {
  ekbacken: { id: 'school-ekbacken', name: 'Ekbackens skola', timetableInInfoMentor: true },
  sjovik: { id: 'school-sjovik', name: 'Sjöviksskolan', timetableInInfoMentor: false },
} as const;

const classes = {
  ekbacken3B: {
    school: 'ekbacken',
    className: '3B',
    teacher: 'Karin Exempelgren',
    room: 'Klassrum 3B',
    meetingSlots: true,
  },
  ekbacken5C: { school: 'ekbacken', className: '5C', teacher: 'Per Provlund', room: 'Klassrum 5C', meetingSlots: true },
  sjovik7A: { school: 'sjovik', className: '7A', teacher: 'Sofia Testdahl', room: 'Sal 12', meetingSlots: true },
  sjovik1A: { school: 'sjovik', className: '1A', teacher: 'Jonas Påhittsson', room: 'Sal 3', meetingSlots: false },
} as const satisfies Record<string, DemoClass>;

const children = {
  elsa: { id: 'child-elsa', name: 'Elsa', class: 'ekbacken3B', afterSchoolCare: true },
  nils: { id: 'child-nils', name: 'Nils', class: 'sjovik7A', afterSchoolCare: false },
  yusuf: { id: 'child-yusuf', name: 'Yusuf', class: 'ekbacken3B', afterSchoolCare: false },
  maja: { id: 'child-maja', name: 'Maja', class: 'ekbacken5C', afterSchoolCare: false },
  leo: { id: 'child-leo', name: 'Leo', class: 'sjovik1A', afterSchoolCare: true },
} as const satisfies Record<
  string,
  { id: string; name: string; class: keyof typeof classes; afterSchoolCare: boolean }
>;

const guardians = {
  anna: { id: 'guardian-anna', name: 'Anna Provsson', children: ['elsa', 'nils'] },
  omar: { id: 'guardian-omar', name: 'Omar Testberg', children: ['yusuf'] },
  leila: { id: 'guardian-leila', name: 'Leila Testberg', children: ['yusuf'] },
  lena: { id: 'guardian-lena', name: 'Lena Exempelsson', children: ['maja'] },
  karim: { id: 'guardian-karim', name: 'Karim Demoström', children: ['leo'] },
} as const satisfies Record<string, { id: string; name: string; children: readonly (keyof typeof children)[] }>;

/** A demo guardian's key in `DEMO.guardians`. */
export type DemoGuardianKey = keyof typeof guardians;

const accounts: readonly DemoAccount[] = [
  { kind: 'webchat', accountId: 'demo-anna', guardian: 'anna', verification: 'strong' },
  { kind: 'webchat', accountId: 'demo-omar', guardian: 'omar', verification: 'strong' },
  { kind: 'webchat', accountId: 'demo-leila', guardian: 'leila', verification: 'strong' },
  { kind: 'webchat', accountId: 'demo-lena', guardian: 'lena', verification: 'strong' },
  { kind: 'webchat', accountId: 'demo-karim', guardian: 'karim', verification: 'strong' },
  { kind: 'webchat', accountId: 'demo-unverified', guardian: 'karim', verification: 'none' },
  { kind: 'phone', accountId: '+46701740101', guardian: 'anna', verification: 'medium' },
  { kind: 'phone', accountId: '+46701740102', guardian: 'omar', verification: 'medium' },
  { kind: 'phone', accountId: '+46701740103', guardian: 'leila', verification: 'medium' },
  { kind: 'phone', accountId: '+46701740104', guardian: 'lena', verification: 'medium' },
  { kind: 'phone', accountId: '+46701740105', guardian: 'karim', verification: 'medium' },
  { kind: 'teams', accountId: '00000000-0000-4000-8000-00000000a001', guardian: 'anna', verification: 'medium' },
  { kind: 'teams', accountId: '00000000-0000-4000-8000-00000000a002', guardian: 'omar', verification: 'medium' },
  { kind: 'teams', accountId: '00000000-0000-4000-8000-00000000a004', guardian: 'lena', verification: 'medium' },
];

/**
 * What the demo seeding creates, by key, so tests and documentation can name "Anna" or "the school without a
 * timetable" instead of repeating ids. Highlights: Anna has two children at different schools (Nils's school
 * keeps no timetable in InfoMentor); Elsa and Leo attend after-school care; Omar and Leila share Yusuf, who is in
 * Elsa's class (so their slots compete); Lena already has a booking for Maja; Leo's class has no meeting slots.
 */
export const DEMO = {
  schools,
  classes,
  children,
  guardians,
  accounts,
  /** Lena's booking for Maja, made at seeding time: 14:00 on the second weekday after the seeding day. */
  booking: { id: 'booking-demo-maja', guardian: 'lena', child: 'maja', weekdayNumber: 2, time: '14:00' },
  /** Meeting slots run on the next 14 days' weekdays (from the day after seeding), 13:00–17:00, 20 minutes each. */
  slots: { days: 14, first: '13:00', last: '16:40', minutes: 20, onlineFrom: '16:00' },
} as const;

/**
 * A demo web chat account as the channels get it from the composition root (`Assistant.demoAccounts`), so the web
 * chat and Direct Line offer and accept the demo guardians without reading the demo school themselves: the account
 * id and who it is, as the page describes it ("Anna (Elsa 3B, Nils 7A)").
 */
export interface DemoWebChatAccount {
  /** The web chat account id (`demo-anna`), what the page sends as `demoUser`. */
  readonly id: string;
  /** The guardian's full name ("Anna Provsson"). */
  readonly guardianName: string;
  /** The guardian's children and their classes, in the demo school's order. */
  readonly children: readonly { readonly name: string; readonly className: string }[];
  /** How strongly the account is tied to its guardian (`none`: the page says the guardian is not verified). */
  readonly verification: Verification;
}

/**
 * The demo school's web chat accounts (`demo-anna`, …, `demo-unverified`), in `DEMO.accounts` order: what the
 * composition root hands the channels in demo mode, so the demo school's data stays in the backend.
 */
export function demoWebChatAccounts(): DemoWebChatAccount[] {
  return DEMO.accounts
    .filter((account) => account.kind === 'webchat')
    .map((account) => {
      const guardian = DEMO.guardians[account.guardian];
      return {
        id: account.accountId,
        guardianName: guardian.name,
        children: guardian.children.map((key) => {
          const child = DEMO.children[key];
          return { name: child.name, className: DEMO.classes[child.class].className };
        }),
        verification: account.verification,
      };
    });
}

/** A demo child's key in `DEMO.children`. */
export type DemoChildKey = keyof typeof children;

/** Lesson blocks of a school day (lunch 11:30–12:15 between the third and fourth); Friday has no fifth block. */
export const LESSON_BLOCKS = [
  ['08:10', '09:00'],
  ['09:10', '10:00'],
  ['10:20', '11:30'],
  ['12:15', '13:20'],
  ['13:30', '14:30'],
] as const;

/**
 * Weekly subjects per block, Monday to Friday, for the classes of the school that keeps its timetable in
 * InfoMentor. Classes at Sjöviksskolan have none: their lessons are not in InfoMentor.
 */
export const TIMETABLES: Readonly<Partial<Record<keyof typeof classes, readonly (readonly string[])[]>>> = {
  ekbacken3B: [
    ['Svenska', 'Matematik', 'NO', 'Bild', 'Idrott och hälsa'],
    ['Matematik', 'Svenska', 'Engelska', 'SO', 'Musik'],
    ['Svenska', 'Matematik', 'Slöjd', 'Engelska', 'Idrott och hälsa'],
    ['Matematik', 'Svenska', 'SO', 'Teknik', 'Musik'],
    ['Svenska', 'Engelska', 'Matematik', 'NO'],
  ],
  ekbacken5C: [
    ['Matematik', 'Svenska', 'Engelska', 'Slöjd', 'SO'],
    ['Svenska', 'Matematik', 'Idrott och hälsa', 'NO', 'Bild'],
    ['Engelska', 'Matematik', 'Svenska', 'Teknik', 'Musik'],
    ['Svenska', 'SO', 'Matematik', 'Idrott och hälsa', 'Engelska'],
    ['Matematik', 'Svenska', 'NO', 'Elevens val'],
  ],
};
