import { beforeAll, describe, expect, it } from 'vitest';
import type { AskOptions } from '../../dialogs/ask-options.js';
import { yesNo } from '../../dialogs/choices.js';
import { REPORT_ABSENCE } from '../../dialogs/ids.js';
import { msg } from '../../dialogs/message.js';
import type { PromptReader } from '../../dialogs/prompt-reader.js';
import { pickChoice } from '../../dialogs/recognize.js';
import { pickChoice as pickOffered } from '../../src/bot/responder.js';
import type { Route, RouterMessage, TaskStep } from '../../src/bot/route.js';
import type { Router } from '../../src/bot/router.js';
import { buildMatcher, buildRouter, wordsOf } from '../../src/bot/understanding.js';
import { loadSettings } from '../../src/config.js';
import { loadTranslations } from '../../src/i18n.js';
import { loadKnowledgeBase } from '../../src/knowledge/knowledge-base.js';

/**
 * What a message does to an open task, decided by the router alone (no dialog runs): the prompt's answer, "avbryt",
 * "hjälp", a question in between, a language switch, another task, a yes or no to "leave this one?". Tables in both
 * languages, on the real knowledge base, matcher and word lists.
 */

/** Wednesday 25 November 2026, 09:00 in Stockholm. */
const NOW = new Date('2026-11-25T08:00:00Z');

let router: Router;
let prompts: PromptReader;

beforeAll(() => {
  const knowledge = loadKnowledgeBase('faq');
  const translations = loadTranslations();
  const words = wordsOf(translations);
  prompts = words.prompts;
  router = buildRouter(
    knowledge,
    buildMatcher(knowledge, loadSettings({})),
    translations,
    { HUB_DEFAULT_LOCALE: 'sv' },
    words,
  );
});

/** The prompts a guardian meets while reporting an absence. */
const PROMPTS = {
  day: {
    kind: 'absenceDay',
    prompt: {
      parts: [msg('absence.askDay', { names: 'Elsa' })],
      choices: [
        { value: '2026-11-25', label: msg('absence.today') },
        { value: '2026-11-26', label: msg('absence.tomorrow') },
      ],
    },
    help: msg('absence.help.day'),
  },
  confirm: {
    kind: 'confirm',
    prompt: { parts: [msg('absence.summary')], choices: yesNo() },
    help: msg('absence.help.confirm'),
  },
  reason: { kind: 'text', prompt: { parts: [msg('leave.askReason')] }, help: msg('leave.help.reason') },
} satisfies Record<string, AskOptions>;

type PromptName = keyof typeof PROMPTS;

const inTask = (text: string, prompt: PromptName, extra: Partial<RouterMessage> = {}): Route =>
  router(
    {
      text,
      conversationLocale: extra.conversationLocale ?? 'sv',
      inTask: true,
      task: { dialog: REPORT_ABSENCE, prompt: PROMPTS[prompt] },
      ...extra,
    },
    NOW,
  );

const stepOf = (r: Route): TaskStep => {
  if (r.kind !== 'continueTask') throw new Error(`expected continueTask, got ${r.kind}`);
  return r.step;
};

describe('at a prompt, a message the prompt can use is its answer, read once', () => {
  it.each<{ text: string; prompt: PromptName; value: unknown }>([
    { text: 'i dag', prompt: 'day', value: '2026-11-25' },
    { text: 'imorgon', prompt: 'day', value: '2026-11-26' },
    { text: 'tomorrow', prompt: 'day', value: '2026-11-26' },
    { text: '2', prompt: 'day', value: '2026-11-26' },
    { text: 'ja', prompt: 'confirm', value: true },
    { text: 'Yes', prompt: 'confirm', value: true },
    { text: 'nej tack', prompt: 'confirm', value: false },
    { text: 'no', prompt: 'confirm', value: false },
    { text: 'Vi ska hälsa på mormor i Umeå', prompt: 'reason', value: 'Vi ska hälsa på mormor i Umeå' },
  ])('"$text" at the $prompt prompt → answer $value', ({ text, prompt, value }) => {
    const step = stepOf(inTask(text, prompt));
    expect(step.kind).toBe('answer');
    expect(step.kind === 'answer' && step.recognized).toEqual({ value });
  });

  it('an answer the prompt understood but cannot use is still its answer ("på måndag" for an absence)', () => {
    const step = stepOf(inTask('på måndag', 'day'));
    expect(step.kind === 'answer' && step.recognized).toEqual({ retry: msg('absence.onlyTodayOrTomorrow') });
  });
});

describe('at a prompt, what is not an answer', () => {
  it.each<{ text: string; prompt: PromptName; locale?: 'sv' | 'en'; step: TaskStep['kind']; outside?: Route['kind'] }>([
    { text: 'avbryt', prompt: 'day', step: 'cancel' },
    { text: 'cancel', prompt: 'confirm', locale: 'en', step: 'cancel' },
    { text: 'hjälp', prompt: 'day', step: 'help' },
    { text: 'help', prompt: 'confirm', locale: 'en', step: 'help' },
    { text: 'Jag har glömt mitt lösenord', prompt: 'day', step: 'interrupt', outside: 'answer' },
    { text: 'How do I log in with BankID?', prompt: 'confirm', locale: 'en', step: 'interrupt', outside: 'answer' },
    { text: 'kan vi byta till engelska?', prompt: 'day', step: 'interrupt', outside: 'switchLanguage' },
    { text: 'jag vill prata med en människa', prompt: 'confirm', step: 'interrupt', outside: 'handOff' },
    { text: 'jag vill boka utvecklingssamtal', prompt: 'day', step: 'offerSwitch' },
    { text: 'I want to book a parent meeting', prompt: 'confirm', locale: 'en', step: 'offerSwitch' },
    // The task already open, asked for again: its question again.
    { text: 'jag vill anmäla frånvaro', prompt: 'day', step: 'reprompt' },
  ])('"$text" at the $prompt prompt → $step $outside', ({ text, prompt, locale, step, outside }) => {
    const r = inTask(text, prompt, { conversationLocale: locale ?? 'sv' });
    const decided = stepOf(r);
    expect(decided.kind).toBe(step);
    if (outside) expect(decided.kind === 'interrupt' && decided.outside.kind).toBe(outside);
  });

  it('at a free-text prompt only a confident question interrupts: a reason that sounds like one is the answer', () => {
    expect(stepOf(inTask('Vi ska hälsa på mormor i Umeå', 'reason')).kind).toBe('answer');
  });
});

describe('"leave this task for the other one?"', () => {
  const pendingSwitch = { intent: 'meeting.book', text: 'jag vill boka utvecklingssamtal' };
  it.each<{ text: string; step: TaskStep['kind'] }>([
    { text: 'ja', step: 'switchTask' },
    { text: 'yes', step: 'switchTask' },
    { text: '1', step: 'switchTask' },
    { text: 'nej', step: 'reprompt' },
    { text: 'No', step: 'reprompt' },
    { text: '2', step: 'reprompt' },
  ])('"$text" → $step', ({ text, step }) => {
    const decided = stepOf(inTask(text, 'day', { pendingSwitch }));
    expect(decided.kind).toBe(step);
    if (decided.kind === 'switchTask') expect(decided).toMatchObject(pendingSwitch);
  });

  it('neither yes nor no: the message goes to the open prompt', () => {
    expect(stepOf(inTask('i morgon', 'day', { pendingSwitch })).kind).toBe('answer');
  });
});

describe('a repeated tap right after a submission shows the receipt again', () => {
  it.each<{ text: string; repeats: boolean }>([
    { text: 'Ja', repeats: true },
    { text: 'ja', repeats: true },
    { text: 'Yes', repeats: true },
    { text: 'Nej', repeats: false },
    { text: 'Hur loggar jag in?', repeats: false },
  ])('"$text" → repeat $repeats', ({ text, repeats }) => {
    const r = router({ text, conversationLocale: 'sv', inTask: false, repeatable: [msg('choice.yes')] }, NOW);
    expect(r.kind === 'repeatReceipt').toBe(repeats);
  });
});

describe('yes or no, in either language, however it is written', () => {
  it.each<{ text: string; answer: boolean | undefined }>([
    { text: 'ja', answer: true },
    { text: 'Ja!', answer: true },
    { text: 'japp', answer: true },
    { text: 'yes please', answer: true },
    { text: '1', answer: true },
    { text: 'nej', answer: false },
    { text: 'no', answer: false },
    { text: '2', answer: false },
    { text: 'kanske', answer: undefined },
    { text: 'när är utvecklingssamtalet?', answer: undefined },
  ])('"$text" → $answer', ({ text, answer }) => {
    expect(prompts.yesOrNo(text, NOW)).toBe(answer);
  });
});

describe('one picker for offered choices: a prompt’s and the follow-ups under an answer', () => {
  const children = [
    { value: 'c1', label: 'Elsa' },
    { value: 'c2', label: 'Olle' },
    { value: '*', label: msg('choice.both') },
  ];
  it.each<{ text: string; picked: string | undefined }>([
    { text: 'Elsa', picked: 'c1' },
    { text: 'olle', picked: 'c2' },
    { text: '2', picked: 'c2' },
    { text: '3', picked: '*' },
    { text: 'båda', picked: '*' },
    { text: 'both', picked: '*' },
    { text: 'det är Elsa', picked: 'c1' },
    { text: 'Elsa och Olle', picked: undefined },
    { text: '4', picked: undefined },
  ])('at a prompt, "$text" → $picked', ({ text, picked }) => {
    expect(pickChoice(text, children, (label) => prompts.labels(label, NOW))).toBe(picked);
  });

  const offered = [
    { title: 'Anmäla frånvaro', value: 'Anmäla frånvaro', intent: 'absence.report' },
    { title: 'Glömt lösenord', value: 'Glömt lösenord', intent: 'login.forgot_password' },
  ];
  it.each<{ text: string; intent: string | undefined }>([
    { text: 'Anmäla frånvaro', intent: 'absence.report' },
    { text: 'anmäla frånvaro!', intent: 'absence.report' },
    { text: '2', intent: 'login.forgot_password' },
    { text: '2.', intent: 'login.forgot_password' },
    // Under an answer only the whole title or its number picks: a new question that mentions one is a question.
    { text: 'hur gör jag för att anmäla frånvaro för två barn?', intent: undefined },
    { text: '3', intent: undefined },
  ])('under an answer, "$text" → $intent', ({ text, intent }) => {
    expect(pickOffered(text, offered)?.intent).toBe(intent);
  });
});
