import { describe, expect, it } from 'vitest';
import { DEMO } from '../../src/backend/embedded/demo-school.js';
import type { Locale } from '../../src/nlu/types.js';
import { type DialogWorld, type Exchange, chatAs, play, said, text, worldsAt } from './harness.js';

/** Wednesday 25 November 2026, 09:00 in Stockholm: Friday is the 27th, week 9 is 1–5 March 2027. */
const WEDNESDAY = '2026-11-25T08:00:00Z';

const open = worldsAt(WEDNESDAY);
const omar = DEMO.guardians.omar.id;
const anna = DEMO.guardians.anna.id;
const { yusuf, elsa } = DEMO.children;

interface Case {
  user: string;
  locale: Locale;
  say: string;
  /** What the first reply must say: the task's introduction and its first question. */
  expect: (w: DialogWorld) => (string | RegExp)[];
}

const intro = (w: DialogWorld, locale: Locale, task: string) => text(w, locale, `task.intro.${task}`);

describe('a task said in everyday words starts that task for a demo guardian', () => {
  it.each<Case>([
    { user: 'demo-omar', locale: 'sv', say: 'frånvaro', expect: (w) => [intro(w, 'sv', 'reportAbsence')] },
    {
      user: 'demo-omar',
      locale: 'sv',
      say: 'Yusuf är magsjuk',
      expect: (w) => [intro(w, 'sv', 'reportAbsence'), 'i dag eller i morgon för Yusuf'],
    },
    {
      user: 'demo-anna',
      locale: 'sv',
      say: 'vi vabbar idag',
      expect: (w) => [intro(w, 'sv', 'reportAbsence'), text(w, 'sv', 'absence.askChild')],
    },
    {
      user: 'demo-anna',
      locale: 'sv',
      say: 'Elsa mår dåligt',
      expect: (w) => [intro(w, 'sv', 'reportAbsence'), 'i dag eller i morgon för Elsa'],
    },
    {
      user: 'demo-anna',
      locale: 'sv',
      say: 'jag är hemma med Nils i dag',
      expect: (w) => [intro(w, 'sv', 'reportAbsence'), /Skolan för Nils har inte sitt schema/],
    },
    {
      user: 'demo-omar',
      locale: 'en',
      say: "we're keeping him at home today",
      expect: (w) => [intro(w, 'en', 'reportAbsence'), /whole day or part of it/],
    },
    {
      user: 'demo-anna',
      locale: 'en',
      say: 'Elsa is under the weather',
      expect: (w) => [intro(w, 'en', 'reportAbsence'), 'today or tomorrow for Elsa'],
    },
    {
      user: 'demo-omar',
      locale: 'en',
      say: 'Yusuf is running late',
      expect: (w) => [intro(w, 'en', 'reportAbsence'), 'today or tomorrow for Yusuf'],
    },
    {
      user: 'demo-anna',
      locale: 'sv',
      say: 'innebandyläger vecka 9',
      expect: (w) => [intro(w, 'sv', 'applyLeave'), text(w, 'sv', 'leave.askChild')],
    },
    {
      user: 'demo-omar',
      locale: 'sv',
      say: 'vi åker till Spanien i februari, kan barnen vara lediga?',
      expect: (w) => [intro(w, 'sv', 'applyLeave'), 'Vilka dagar gäller ledigheten för Yusuf?'],
    },
    {
      user: 'demo-anna',
      locale: 'en',
      say: 'a family wedding in Poland',
      expect: (w) => [intro(w, 'en', 'applyLeave'), text(w, 'en', 'leave.askChild')],
    },
    {
      user: 'demo-lena',
      locale: 'en',
      say: "we can't make it to the parent meeting",
      expect: (w) => [intro(w, 'en', 'cancelMeeting'), text(w, 'en', 'meeting.confirmCancel', { name: 'Maja' })],
    },
    {
      user: 'demo-lena',
      locale: 'sv',
      say: 'vi kan inte komma på utvecklingssamtalet',
      expect: (w) => [intro(w, 'sv', 'cancelMeeting'), text(w, 'sv', 'meeting.confirmCancel', { name: 'Maja' })],
    },
    { user: 'demo-omar', locale: 'sv', say: 'utvecklingssamtal', expect: (w) => [intro(w, 'sv', 'bookMeeting')] },
  ])('$user ($locale): "$say"', async ({ user, locale, say, expect: expected }) => {
    const w = open();
    await play(chatAs(w, user, locale), [{ say, expect: expected(w) }]);
  });

  it('a trip with its dates is applied for with those dates, asking only for the child and the reason', async () => {
    const w = open();
    const chat = chatAs(w, 'demo-anna', 'sv');
    await play(chat, [
      { say: 'innebandyläger vecka 9', expect: [text(w, 'sv', 'leave.askChild')] },
      { say: 'Elsa', expect: [text(w, 'sv', 'leave.askReason')] },
      { say: 'innebandyläger', expect: [text(w, 'sv', 'leave.summary'), '1–5 mars 2027'] },
      { say: 'ja', expect: [text(w, 'sv', 'leave.receiptTitle')] },
    ]);
    const applications = await w.backend.leaveApplications(anna, elsa.id);
    expect(applications.map(({ from, to, status }) => ({ from, to, status }))).toEqual([
      { from: '2027-03-01', to: '2027-03-05', status: 'pending' },
    ]);
  });

  it('a question about a rule is answered, not taken for a report', async () => {
    const w = open();
    const reply = said(
      await chatAs(w, 'demo-anna', 'sv').send('måste jag anmäla till fritids också när barnet är sjukt?'),
    );
    expect(reply).toContain(w.assistant.knowledge.answer('absence.fritids', 'sv'));
    expect(reply).not.toContain(intro(w, 'sv', 'reportAbsence'));
  });

  it('an account the school does not know is told how to do it in InfoMentor Hub', async () => {
    const w = open();
    const reply = said(await chatAs(w, 'someone-else', 'sv').send('vi vabbar idag'));
    expect(reply).toContain(w.assistant.knowledge.answer('absence.report', 'sv'));
    expect(reply).toContain(text(w, 'sv', 'task.noAccess'));
  });
});

describe('a day other than today or tomorrow is explained inside the absence task', () => {
  const cases: { locale: Locale; say: string; exchanges: (w: DialogWorld) => Exchange[] }[] = [
    {
      locale: 'sv',
      say: 'Yusuf har feber på fredag',
      exchanges: (w) => [
        { say: 'i dag', expect: [/Hela dagen eller en del av dagen/] },
        { say: 'hela dagen', expect: [text(w, 'sv', 'absence.summary'), 'Sjuk'] },
        { say: 'ja', expect: ['Frånvaron för Yusuf är registrerad'] },
      ],
    },
    {
      locale: 'en',
      say: "Yusuf won't make it to school on Friday",
      exchanges: (w) => [
        { say: 'tomorrow', expect: [/whole day or part of it/] },
        { say: 'whole day', expect: [text(w, 'en', 'absence.askReason')] },
        { say: 'ill', expect: [text(w, 'en', 'absence.summary')] },
        { say: 'yes', expect: ['The absence for Yusuf is registered'] },
      ],
    },
  ];

  it.each(cases)('$locale: "$say" → why not, then "today or tomorrow?"', async ({ locale, say, exchanges }) => {
    const w = open();
    const chat = chatAs(w, 'demo-omar', locale);
    const first = said(await chat.send(say));
    expect(first).toContain(intro(w, locale, 'reportAbsence'));
    expect(first).toContain(text(w, locale, 'absence.onlyTodayOrTomorrow'));
    expect(first).toContain(locale === 'sv' ? 'i dag eller i morgon för Yusuf' : 'today or tomorrow for Yusuf');
    // Not a refusal: nothing was registered yet, and the task goes on.
    expect(await w.backend.absences(omar, yusuf.id)).toEqual([]);
    await play(chat, exchanges(w));
    const registered = await w.backend.absences(omar, yusuf.id);
    expect(registered.map(({ date }) => date)).toEqual([locale === 'sv' ? '2026-11-25' : '2026-11-26']);
  });
});
