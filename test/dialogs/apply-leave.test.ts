import { describe, expect, it } from 'vitest';
import { DEMO } from '../../src/backend/embedded/demo-school.js';
import type { LeaveStatus } from '../../src/backend/types.js';
import type { Locale } from '../../src/nlu/types.js';
import { type DialogWorld, type Exchange, buttons, chatAs, worldsAt, play, said, text } from './harness.js';

/** Wednesday 25 November 2026, 09:00 in Stockholm. "10–14 mars" is next March; "vecka 7" is 15–19 February 2027. */
const WEDNESDAY = '2026-11-25T08:00:00Z';

const anna = DEMO.guardians.anna.id;
const omar = DEMO.guardians.omar.id;
const { elsa, nils, yusuf } = DEMO.children;

const MARCH = { from: '2027-03-10', to: '2027-03-14' };
const WEEK_7 = { from: '2027-02-15', to: '2027-02-19' };

const open = worldsAt(WEDNESDAY);

/** A fact of the summary or receipt card, as it appears in the card's JSON. */
function fact(w: DialogWorld, locale: Locale, label: 'child' | 'dates' | 'reason', value: string): string {
  return JSON.stringify({ title: text(w, locale, `leave.fact.${label}`), value });
}

interface Application {
  guardian: string;
  child: string;
  from: string;
  to: string;
  reason: string;
  status: LeaveStatus;
}

/** Every leave application the school system holds for Anna's and Omar's children. */
async function applications(w: DialogWorld): Promise<Application[]> {
  const found = new Map<string, Application & { id: string }>();
  for (const guardian of [anna, omar]) {
    for (const child of await w.backend.children(guardian)) {
      for (const application of await w.backend.leaveApplications(guardian, child.id)) {
        const { id, appliedBy, childId, from, to, reason, status } = application;
        found.set(id, { id, guardian: appliedBy, child: childId, from, to, reason, status });
      }
    }
  }
  return [...found.values()]
    .map(({ id: _id, ...application }) => application)
    .sort((a, b) => a.child.localeCompare(b.child) || a.from.localeCompare(b.from));
}

interface Case {
  name: string;
  locale: Locale;
  user: string;
  exchanges: (w: DialogWorld) => Exchange[];
  /** Guardian messages the whole application may take, when that is the point of the case. */
  within?: number;
  /** The applications the school system must hold at the end. */
  expected: Application[];
}

const pending = (guardian: string, child: string, range: { from: string; to: string }, reason: string) => ({
  guardian,
  child,
  ...range,
  reason,
  status: 'pending' as const,
});

const cases: Case[] = [
  {
    name: 'everything asked, "båda", "10–14 mars", "ja" (sv)',
    locale: 'sv',
    user: 'demo-anna',
    exchanges: (w) => [
      { say: 'Jag vill ansöka om ledighet', expect: [text(w, 'sv', 'leave.askChild'), '[Elsa] [Nils] [Båda]'] },
      { say: 'båda', expect: ['Vilka dagar gäller ledigheten för Elsa och Nils?'] },
      { say: '10–14 mars', expect: [text(w, 'sv', 'leave.askReason')] },
      {
        say: 'resa till mormor',
        expect: [
          text(w, 'sv', 'leave.summary'),
          text(w, 'sv', 'leave.summaryTitle'),
          fact(w, 'sv', 'child', 'Elsa och Nils'),
          fact(w, 'sv', 'dates', '10–14 mars 2027'),
          fact(w, 'sv', 'reason', 'resa till mormor'),
          '[Ja] [Nej]',
        ],
      },
      {
        say: 'ja',
        expect: [
          'Ansökan för Elsa och Nils är skickad. Den väntar nu på skolans beslut',
          text(w, 'sv', 'leave.receiptTitle'),
          fact(w, 'sv', 'dates', '10–14 mars 2027'),
        ],
      },
    ],
    expected: [pending(anna, elsa.id, MARCH, 'resa till mormor'), pending(anna, nils.id, MARCH, 'resa till mormor')],
  },
  {
    name: 'everything asked, "both", "10–14 March", "yes" (en)',
    locale: 'en',
    user: 'demo-anna',
    exchanges: (w) => [
      { say: 'I want to apply for leave', expect: [text(w, 'en', 'leave.askChild'), '[Elsa] [Nils] [Both]'] },
      { say: 'both', expect: ['Which days is the leave for Elsa and Nils?'] },
      { say: '10–14 March', expect: [text(w, 'en', 'leave.askReason')] },
      {
        say: 'visiting family abroad',
        expect: [
          text(w, 'en', 'leave.summary'),
          fact(w, 'en', 'child', 'Elsa and Nils'),
          fact(w, 'en', 'dates', '10–14 March 2027'),
          fact(w, 'en', 'reason', 'visiting family abroad'),
          '[Yes] [No]',
        ],
      },
      {
        say: 'yes',
        expect: ['The application for Elsa and Nils has been sent', text(w, 'en', 'leave.receiptTitle')],
      },
    ],
    expected: [
      pending(anna, elsa.id, MARCH, 'visiting family abroad'),
      pending(anna, nils.id, MARCH, 'visiting family abroad'),
    ],
  },
  {
    name: 'one child from the list, "vecka 7", "japp" (sv)',
    locale: 'sv',
    user: 'demo-anna',
    exchanges: (w) => [
      { say: 'Jag vill ansöka om ledighet', expect: [text(w, 'sv', 'leave.askChild')] },
      { say: 'Nils', expect: ['Vilka dagar gäller ledigheten för Nils?'], not: ['Elsa'] },
      { say: 'vecka 7', expect: [text(w, 'sv', 'leave.askReason')] },
      { say: 'släktbesök', expect: [fact(w, 'sv', 'child', 'Nils'), fact(w, 'sv', 'dates', '15–19 februari 2027')] },
      { say: 'japp', expect: ['Ansökan för Nils är skickad'] },
    ],
    expected: [pending(anna, nils.id, WEEK_7, 'släktbesök')],
  },
  {
    name: 'the child by its number, "week 7" (en)',
    locale: 'en',
    user: 'demo-anna',
    exchanges: (w) => [
      { say: 'I want to apply for leave', expect: [text(w, 'en', 'leave.askChild')] },
      { say: '1', expect: ['Which days is the leave for Elsa?'] },
      { say: 'week 7', expect: [text(w, 'en', 'leave.askReason')] },
      { say: 'ski trip', expect: [fact(w, 'en', 'dates', '15–19 February 2027'), fact(w, 'en', 'reason', 'ski trip')] },
      { say: 'yes', expect: ['The application for Elsa has been sent'] },
    ],
    expected: [pending(anna, elsa.id, WEEK_7, 'ski trip')],
  },
  {
    name: '"från 10 till 14 mars" (sv)',
    locale: 'sv',
    user: 'demo-omar',
    exchanges: (w) => [
      { say: 'Jag vill ansöka om ledighet', expect: ['Vilka dagar gäller ledigheten för Yusuf?'] },
      { say: 'från 10 till 14 mars', expect: [text(w, 'sv', 'leave.askReason')] },
      { say: 'bröllop i släkten', expect: [fact(w, 'sv', 'dates', '10–14 mars 2027')] },
      { say: 'ja', expect: ['Ansökan för Yusuf är skickad'] },
    ],
    expected: [pending(omar, yusuf.id, MARCH, 'bröllop i släkten')],
  },
  {
    name: '"from 10 to 14 March" (en)',
    locale: 'en',
    user: 'demo-omar',
    exchanges: (w) => [
      { say: 'I want to apply for leave', expect: ['Which days is the leave for Yusuf?'] },
      { say: 'from 10 to 14 March', expect: [text(w, 'en', 'leave.askReason')] },
      { say: 'family wedding', expect: [fact(w, 'en', 'dates', '10–14 March 2027')] },
      { say: 'yes', expect: ['The application for Yusuf has been sent'] },
    ],
    expected: [pending(omar, yusuf.id, MARCH, 'family wedding')],
  },
  {
    name: 'child and dates in the first message are not asked again (sv)',
    locale: 'sv',
    user: 'demo-anna',
    within: 3,
    exchanges: (w) => [
      {
        say: 'Elsa behöver vara ledig 10-14 mars',
        expect: [text(w, 'sv', 'leave.askReason')],
        not: [text(w, 'sv', 'leave.askChild'), 'Vilka dagar'],
      },
      { say: 'resa', expect: [fact(w, 'sv', 'child', 'Elsa'), fact(w, 'sv', 'dates', '10–14 mars 2027')] },
      { say: 'ja', expect: ['Ansökan för Elsa är skickad'] },
    ],
    expected: [pending(anna, elsa.id, MARCH, 'resa')],
  },
  {
    name: 'child and dates in the first message are not asked again (en)',
    locale: 'en',
    user: 'demo-anna',
    within: 3,
    exchanges: (w) => [
      {
        say: 'Elsa needs to be off from 10 to 14 March',
        expect: [text(w, 'en', 'leave.askReason')],
        not: [text(w, 'en', 'leave.askChild'), 'Which days'],
      },
      { say: 'visiting grandma', expect: [fact(w, 'en', 'child', 'Elsa'), fact(w, 'en', 'dates', '10–14 March 2027')] },
      { say: 'yes', expect: ['The application for Elsa has been sent'] },
    ],
    expected: [pending(anna, elsa.id, MARCH, 'visiting grandma')],
  },
  {
    name: '"båda barnen" and "vecka 7" in the first message (sv)',
    locale: 'sv',
    user: 'demo-anna',
    within: 3,
    exchanges: (w) => [
      {
        say: 'båda barnen behöver vara lediga vecka 7',
        expect: [text(w, 'sv', 'leave.askReason')],
        not: [text(w, 'sv', 'leave.askChild'), 'Vilka dagar'],
      },
      { say: 'sportlov hos farmor', expect: [fact(w, 'sv', 'child', 'Elsa och Nils')] },
      { say: 'ja', expect: ['Ansökan för Elsa och Nils är skickad'] },
    ],
    expected: [
      pending(anna, elsa.id, WEEK_7, 'sportlov hos farmor'),
      pending(anna, nils.id, WEEK_7, 'sportlov hos farmor'),
    ],
  },
  {
    name: '"both children" and "week 7" in the first message (en)',
    locale: 'en',
    user: 'demo-anna',
    within: 3,
    exchanges: (w) => [
      {
        say: 'Both children need time off week 7',
        expect: [text(w, 'en', 'leave.askReason')],
        not: [text(w, 'en', 'leave.askChild'), 'Which days'],
      },
      {
        say: 'skiing',
        expect: [fact(w, 'en', 'child', 'Elsa and Nils'), fact(w, 'en', 'dates', '15–19 February 2027')],
      },
      { say: 'yes', expect: ['The application for Elsa and Nils has been sent'] },
    ],
    expected: [pending(anna, elsa.id, WEEK_7, 'skiing'), pending(anna, nils.id, WEEK_7, 'skiing')],
  },
  {
    name: '"nej" at the summary: nothing is sent (sv)',
    locale: 'sv',
    user: 'demo-anna',
    exchanges: (w) => [
      { say: 'Elsa behöver vara ledig 10-14 mars', expect: [text(w, 'sv', 'leave.askReason')] },
      { say: 'resa', expect: [text(w, 'sv', 'leave.summary')] },
      { say: 'nej', expect: [text(w, 'sv', 'leave.notSent')], not: ['är skickad'] },
    ],
    expected: [],
  },
  {
    name: '"no" at the summary: nothing is sent (en)',
    locale: 'en',
    user: 'demo-omar',
    exchanges: (w) => [
      { say: 'I want to apply for leave', expect: ['Which days is the leave for Yusuf?'] },
      { say: 'week 7', expect: [text(w, 'en', 'leave.askReason')] },
      { say: 'trip', expect: [text(w, 'en', 'leave.summary')] },
      { say: 'no', expect: [text(w, 'en', 'leave.notSent')], not: ['has been sent'] },
    ],
    expected: [],
  },
  {
    name: 'days that have passed are explained and the dates asked again (sv)',
    locale: 'sv',
    user: 'demo-anna',
    exchanges: (w) => [
      { say: 'Jag vill ansöka om ledighet', expect: [text(w, 'sv', 'leave.askChild')] },
      { say: 'Nils', expect: ['Vilka dagar gäller ledigheten för Nils?'] },
      { say: 'i går', expect: [text(w, 'sv', 'leave.inPast'), 'Vilka dagar gäller ledigheten för Nils?'] },
      { say: '16–20 november 2026', expect: [text(w, 'sv', 'leave.inPast')], not: [text(w, 'sv', 'leave.askReason')] },
      {
        say: '14 mars–10 mars',
        expect: [text(w, 'sv', 'leave.endsBeforeStart')],
        not: [text(w, 'sv', 'leave.askReason')],
      },
      { say: 'från 10 till 14 mars', expect: [text(w, 'sv', 'leave.askReason')] },
      { say: 'resa', expect: [fact(w, 'sv', 'dates', '10–14 mars 2027')] },
      { say: 'ja', expect: ['Ansökan för Nils är skickad'] },
    ],
    expected: [pending(anna, nils.id, MARCH, 'resa')],
  },
  {
    name: 'days that have passed are explained and the dates asked again (en)',
    locale: 'en',
    user: 'demo-omar',
    exchanges: (w) => [
      { say: 'I want to apply for leave', expect: ['Which days is the leave for Yusuf?'] },
      { say: 'yesterday', expect: [text(w, 'en', 'leave.inPast'), 'Which days is the leave for Yusuf?'] },
      { say: '1-5 November 2026', expect: [text(w, 'en', 'leave.inPast')], not: [text(w, 'en', 'leave.askReason')] },
      { say: '10–14 March', expect: [text(w, 'en', 'leave.askReason')] },
      { say: 'trip', expect: [fact(w, 'en', 'dates', '10–14 March 2027')] },
      { say: 'yes', expect: ['The application for Yusuf has been sent'] },
    ],
    expected: [pending(omar, yusuf.id, MARCH, 'trip')],
  },
  {
    name: 'past days in the first message are explained, not silently dropped (sv)',
    locale: 'sv',
    user: 'demo-anna',
    exchanges: (w) => [
      {
        say: 'Nils behöver vara ledig 1–5 november 2026',
        expect: [text(w, 'sv', 'leave.inPast'), 'Vilka dagar gäller ledigheten för Nils?'],
        not: [text(w, 'sv', 'leave.askReason')],
      },
      { say: 'vecka 7', expect: [text(w, 'sv', 'leave.askReason')], not: [text(w, 'sv', 'leave.inPast')] },
      { say: 'resa', expect: [fact(w, 'sv', 'dates', '15–19 februari 2027')] },
      { say: 'ja', expect: ['Ansökan för Nils är skickad'] },
    ],
    expected: [pending(anna, nils.id, WEEK_7, 'resa')],
  },
  {
    name: 'past days in the first message are explained, not silently dropped (en)',
    locale: 'en',
    user: 'demo-anna',
    exchanges: (w) => [
      {
        say: 'Elsa needs leave yesterday',
        expect: [text(w, 'en', 'leave.inPast'), 'Which days is the leave for Elsa?'],
        not: [text(w, 'en', 'leave.askReason')],
      },
      { say: 'week 7', expect: [text(w, 'en', 'leave.askReason')] },
      { say: 'trip', expect: [fact(w, 'en', 'dates', '15–19 February 2027')] },
      { say: 'yes', expect: ['The application for Elsa has been sent'] },
    ],
    expected: [pending(anna, elsa.id, WEEK_7, 'trip')],
  },
  {
    name: "another guardian's child cannot be chosen (sv)",
    locale: 'sv',
    user: 'demo-anna',
    exchanges: (w) => [
      { say: 'Jag vill ansöka om ledighet', expect: [text(w, 'sv', 'leave.askChild')] },
      {
        say: 'Yusuf',
        expect: [text(w, 'sv', 'dialog.notUnderstood'), text(w, 'sv', 'leave.askChild'), '[Elsa] [Nils] [Båda]'],
      },
      { say: 'Elsa', expect: ['Vilka dagar gäller ledigheten för Elsa?'], not: ['Yusuf'] },
      { say: 'vecka 7', expect: [text(w, 'sv', 'leave.askReason')] },
      { say: 'resa', expect: [fact(w, 'sv', 'child', 'Elsa')] },
      { say: 'ja', expect: ['Ansökan för Elsa är skickad'] },
    ],
    expected: [pending(anna, elsa.id, WEEK_7, 'resa')],
  },
  {
    name: "another guardian's child named in the first message: only his own child is used (sv)",
    locale: 'sv',
    user: 'demo-omar',
    exchanges: (w) => [
      { say: 'Elsa behöver vara ledig 10-14 mars', expect: [text(w, 'sv', 'leave.askReason')] },
      { say: 'resa', expect: [fact(w, 'sv', 'child', 'Yusuf')], not: [fact(w, 'sv', 'child', 'Elsa')] },
      { say: 'ja', expect: ['Ansökan för Yusuf är skickad'], not: ['Elsa'] },
    ],
    expected: [pending(omar, yusuf.id, MARCH, 'resa')],
  },
];

describe('apply for leave', () => {
  it.each(cases)('$name', async (testCase) => {
    const w = open();
    const chat = chatAs(w, testCase.user, testCase.locale);
    const messages = await play(chat, testCase.exchanges(w));
    if (testCase.within !== undefined) expect(messages).toBeLessThanOrEqual(testCase.within);
    expect(await applications(w)).toEqual(testCase.expected);
  });

  it('the child prompt offers each child and "Båda" as buttons', async () => {
    const w = open();
    const chat = chatAs(w, 'demo-anna', 'sv');
    expect(buttons(await chat.send('Jag vill ansöka om ledighet'))).toEqual(['Elsa', 'Nils', 'Båda']);
  });
});

interface StatusCase {
  locale: Locale;
  decision: 'approved' | 'rejected';
  apply: string[];
  ask: string;
  pendingLine: string;
  decidedLine: string;
}

const statusCases: StatusCase[] = [
  {
    locale: 'sv',
    decision: 'approved',
    apply: ['Elsa behöver vara ledig 10-14 mars', 'resa', 'ja'],
    ask: 'status ledighet',
    pendingLine: 'Elsa, 10–14 mars 2027: väntar på beslut',
    decidedLine: 'Elsa, 10–14 mars 2027: beviljad',
  },
  {
    locale: 'sv',
    decision: 'rejected',
    apply: ['Elsa behöver vara ledig 10-14 mars', 'resa', 'ja'],
    ask: 'status ledighet',
    pendingLine: 'Elsa, 10–14 mars 2027: väntar på beslut',
    decidedLine: 'Elsa, 10–14 mars 2027: inte beviljad',
  },
  {
    locale: 'en',
    decision: 'approved',
    apply: ['Elsa needs to be off from 10 to 14 March', 'trip', 'yes'],
    ask: 'leave status',
    pendingLine: 'Elsa, 10–14 March 2027: waiting for a decision',
    decidedLine: 'Elsa, 10–14 March 2027: approved',
  },
  {
    locale: 'en',
    decision: 'rejected',
    apply: ['Elsa needs to be off from 10 to 14 March', 'trip', 'yes'],
    ask: 'leave status',
    pendingLine: 'Elsa, 10–14 March 2027: waiting for a decision',
    decidedLine: 'Elsa, 10–14 March 2027: not approved',
  },
];

describe('leave status', () => {
  it.each(statusCases)('pending, then $decision by the school ($locale)', async (testCase) => {
    const w = open();
    const { locale } = testCase;
    const chat = chatAs(w, 'demo-anna', locale);
    for (const line of testCase.apply) await chat.send(line);

    const before = said(await chat.send(testCase.ask));
    expect(before).toContain(text(w, locale, 'leave.statusIntro'));
    expect(before).toContain(testCase.pendingLine);
    // Asking for the status does not start a new application.
    expect(before).not.toContain(text(w, locale, 'leave.askChild'));

    const [application] = await w.backend.leaveApplications(anna, elsa.id);
    expect(application?.status).toBe('pending');
    await w.backend.decideLeave(application?.id ?? '', testCase.decision);

    const after = said(await chat.send(testCase.ask));
    expect(after).toContain(testCase.decidedLine);
    expect(after).not.toContain(testCase.pendingLine);
    expect((await applications(w)).map((a) => a.status)).toEqual([testCase.decision]);
  });

  it('with no applications says so (sv and en)', async () => {
    const w = open();
    expect(said(await chatAs(w, 'demo-omar', 'sv').send('status ledighet'))).toContain(
      text(w, 'sv', 'leave.noApplications'),
    );
    expect(said(await chatAs(w, 'demo-omar', 'en').send('leave status'))).toContain(
      text(w, 'en', 'leave.noApplications'),
    );
    expect(await applications(w)).toEqual([]);
  });

  it("a child named in the status question shows only that child's applications", async () => {
    const w = open();
    const chat = chatAs(w, 'demo-anna', 'sv');
    await play(chat, [
      { say: 'Elsa behöver vara ledig 10-14 mars', expect: [text(w, 'sv', 'leave.askReason')] },
      { say: 'resa', expect: [text(w, 'sv', 'leave.summary')] },
      { say: 'ja', expect: ['Ansökan för Elsa är skickad'] },
      { say: 'Nils behöver vara ledig vecka 7', expect: [text(w, 'sv', 'leave.askReason')] },
      { say: 'sportlov', expect: [text(w, 'sv', 'leave.summary')] },
      { say: 'ja', expect: ['Ansökan för Nils är skickad'] },
      {
        say: 'status ledighet för Nils',
        expect: ['Nils, 15–19 februari 2027: väntar på beslut'],
        not: ['Elsa, 10–14 mars 2027'],
      },
      {
        say: 'status ledighet',
        expect: ['Elsa, 10–14 mars 2027: väntar på beslut', 'Nils, 15–19 februari 2027: väntar på beslut'],
      },
    ]);
  });
});
