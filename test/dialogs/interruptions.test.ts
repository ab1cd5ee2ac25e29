import { describe, expect, it } from 'vitest';
import { DEMO } from '../../src/backend/embedded/demo-school.js';
import type { Locale } from '../../src/nlu/types.js';
import { buttons, chatAs, worldsAt, play, said, text } from './harness.js';

/** Wednesday 25 November 2026, 09:00 in Stockholm. */
const NOW = '2026-11-25T08:00:00Z';
const omar = DEMO.guardians.omar.id;
const { yusuf } = DEMO.children;

const open = worldsAt(NOW);

/** Omar's first message, and his answer at the part-of-day prompt, per language. */
const start: Record<Locale, { first: string; partPrompt: RegExp; whole: string; reasonPrompt: string }> = {
  sv: {
    first: 'Yusuf är sjuk i dag',
    partPrompt: /Hela dagen eller en del av dagen/,
    whole: 'hela dagen',
    reasonPrompt: '',
  },
  en: { first: 'Yusuf is ill today', partPrompt: /whole day or part of it/, whole: 'whole day', reasonPrompt: '' },
};

describe.each(['sv', 'en'] as const)('at a prompt (%s)', (locale) => {
  const s = start[locale];

  it('"hjälp"/"help" explains the step and asks the same question again', async () => {
    const w = open();
    const chat = chatAs(w, 'demo-omar', locale);
    await play(chat, [{ say: s.first, expect: [s.partPrompt] }]);
    const reply = said(await chat.send(locale === 'sv' ? 'hjälp' : 'help'));
    expect(reply).toContain(text(w, locale, 'absence.help.part'));
    expect(reply).toMatch(s.partPrompt);
    // The dialog goes on where it was.
    await play(chat, [
      { say: s.whole, expect: [text(w, locale, 'absence.summary')] },
      { say: locale === 'sv' ? 'ja' : 'yes', expect: [text(w, locale, 'absence.receiptTitle')] },
    ]);
    expect(await w.backend.absences(omar, yusuf.id)).toHaveLength(1);
  });

  it('"avbryt"/"cancel" ends the dialog and sends nothing', async () => {
    const w = open();
    const chat = chatAs(w, 'demo-omar', locale);
    await play(chat, [
      { say: s.first, expect: [s.partPrompt] },
      { say: s.whole, expect: [text(w, locale, 'absence.summary')] },
      { say: locale === 'sv' ? 'avbryt' : 'cancel', expect: [text(w, locale, 'task.cancelled')] },
    ]);
    // "ja" now is not a confirmation of anything.
    const after = said(await chat.send(locale === 'sv' ? 'ja' : 'yes'));
    expect(after).not.toContain(text(w, locale, 'absence.receiptTitle'));
    expect(await w.backend.absences(omar, yusuf.id)).toEqual([]);
  });

  it('an FAQ question is answered and the same prompt comes back', async () => {
    const w = open();
    const chat = chatAs(w, 'demo-omar', locale);
    await play(chat, [{ say: s.first, expect: [s.partPrompt] }]);
    const question = locale === 'sv' ? 'Jag har glömt mitt lösenord' : 'I forgot my password';
    const reply = said(await chat.send(question));
    expect(reply).toContain(w.assistant.knowledge.answer('login.forgot_password', locale));
    expect(reply).toMatch(s.partPrompt);
    await play(chat, [{ say: s.whole, expect: [text(w, locale, 'absence.summary')] }]);
  });

  it('a switch of language is honoured and the prompt is asked again in the new language', async () => {
    const w = open();
    const chat = chatAs(w, 'demo-omar', locale);
    await play(chat, [{ say: s.first, expect: [s.partPrompt] }]);
    const target: Locale = locale === 'sv' ? 'en' : 'sv';
    const reply = said(
      await chat.send(locale === 'sv' ? 'Kan du skriva på engelska?' : 'Can you answer in Swedish please'),
    );
    expect(reply).toContain(text(w, target, 'languageSwitched'));
    expect(reply).toMatch(start[target].partPrompt);
    await play(chat, [
      { say: start[target].whole, expect: [text(w, target, 'absence.summary')] },
      { say: target === 'sv' ? 'ja' : 'yes', expect: [text(w, target, 'absence.receiptTitle')] },
    ]);
  });

  it('starting another task asks whether to leave this one; "no" keeps the current one', async () => {
    const w = open();
    const chat = chatAs(w, 'demo-omar', locale);
    await play(chat, [{ say: s.first, expect: [s.partPrompt] }]);
    const other = locale === 'sv' ? 'Jag vill boka utvecklingssamtal' : 'I want to book the parent meeting now';
    const question = said(await chat.send(other));
    expect(question).toContain(
      text(w, locale, 'task.leaveCurrent', { task: text(w, locale, 'task.name.bookMeeting') }),
    );
    expect(buttons(await chat.send(locale === 'sv' ? 'nej' : 'no')).length).toBeGreaterThan(0);
    await play(chat, [{ say: s.whole, expect: [text(w, locale, 'absence.summary')] }]);
  });

  it('starting another task and answering "yes" leaves this one and starts the other', async () => {
    const w = open();
    const chat = chatAs(w, 'demo-omar', locale);
    await play(chat, [{ say: s.first, expect: [s.partPrompt] }]);
    const other = locale === 'sv' ? 'Jag vill boka utvecklingssamtal' : 'I want to book the parent meeting now';
    await chat.send(other);
    const reply = said(await chat.send(locale === 'sv' ? 'ja' : 'yes'));
    expect(reply).toContain(text(w, locale, 'task.intro.bookMeeting'));
    expect(reply).toContain(text(w, locale, 'meeting.askSlot', { name: 'Yusuf' }));
    expect(await w.backend.absences(omar, yusuf.id)).toEqual([]);
  });

  it('something the prompt cannot use gets an explanation and the question again; three times ends the dialog', async () => {
    const w = open();
    const chat = chatAs(w, 'demo-omar', locale);
    await play(chat, [{ say: s.first, expect: [s.partPrompt] }]);
    await play(chat, [
      { say: 'xyzzy', expect: [text(w, locale, 'dialog.notUnderstood'), s.partPrompt] },
      { say: 'qwerty', expect: [text(w, locale, 'dialog.notUnderstood'), s.partPrompt] },
      { say: 'asdf', expect: [text(w, locale, 'dialog.gaveUp')] },
    ]);
    expect(await w.backend.absences(omar, yusuf.id)).toEqual([]);
  });
});

describe('who may start a task', () => {
  it('an account the school does not know gets the how-to answer and how to get access, in both languages', async () => {
    const w = open();
    for (const locale of ['sv', 'en'] as const) {
      const chat = chatAs(w, 'someone-else', locale);
      const reply = said(await chat.send(locale === 'sv' ? 'Mitt barn är sjukt idag' : 'My child is ill today'));
      expect(reply).toContain(w.assistant.knowledge.answer('absence.report', locale));
      expect(reply).toContain(text(w, locale, 'task.noAccess'));
    }
  });

  it('an account without verified identity may not act, and is told why', async () => {
    const w = open();
    const chat = chatAs(w, 'demo-unverified', 'sv');
    const reply = said(await chat.send('Leo är sjuk idag'));
    expect(reply).toContain(text(w, 'sv', 'task.notVerified'));
    expect(await w.backend.absences(DEMO.guardians.karim.id, DEMO.children.leo.id)).toEqual([]);
  });
});
