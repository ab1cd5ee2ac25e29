import { beforeAll, describe, expect, it } from 'vitest';
import { Keywords } from '../../dialogs/keywords.js';
import { promptReader } from '../../dialogs/prompt-reader.js';
import { TASK_TABLE } from '../../dialogs/task-table.js';
import { NONE_OF_THESE, type OfferedChoice } from '../../src/bot/responder.js';
import type { Route, RouterMessage } from '../../src/bot/route.js';
import { createRouter, type Router, type RouterParts } from '../../src/bot/router.js';
import { buildMatcher } from '../../src/bot/understanding.js';
import { loadSettings } from '../../src/config.js';
import { loadTranslations } from '../../src/i18n.js';
import { loadKnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import type { Classification, Locale } from '../../src/nlu/types.js';

/**
 * The router as a table: a guardian's message and what the conversation knows → what the assistant does, in which
 * language. Built from the real knowledge base, matcher, task table and word lists; no botbuilder.
 */

/** Wednesday 25 November 2026, 09:00 in Stockholm. */
const NOW = new Date('2026-11-25T08:00:00Z');

let parts: RouterParts;
let router: Router;

beforeAll(() => {
  const knowledge = loadKnowledgeBase('faq');
  const matcher = buildMatcher(knowledge, loadSettings({}));
  const translations = loadTranslations();
  const keywords = new Keywords(translations);
  parts = {
    matcher,
    guessLanguage: (text) => matcher.messageLanguage(text),
    tasks: TASK_TABLE,
    keywords,
    kindOf: (intent) => knowledge.kind(intent),
    defaultLocale: 'sv',
    prompts: promptReader(translations, keywords),
  };
  router = createRouter(parts);
});

const route = (message: Partial<RouterMessage> & { text: string }, r: Router = router): Route =>
  r({ inTask: false, ...message }, NOW);

/** The intent a route acts on (the first of a "did you mean"), or null. */
function intentOf(r: Route): string | null {
  if ('intent' in r) return r.intent;
  if (r.kind === 'didYouMean') return r.intents[0];
  return null;
}

interface Row {
  text: string;
  /** The conversation's language so far; absent: a new conversation on a channel that gives none (SMS). */
  conversation?: Locale;
  kind: Route['kind'];
  intent?: string | null;
  locale: Locale;
}

const expectRoute = (r: Route, row: Row) => {
  expect({ kind: r.kind, locale: r.locale }).toEqual({ kind: row.kind, locale: row.locale });
  if (row.intent !== undefined) expect(intentOf(r)).toBe(row.intent);
};

describe('the first message of a conversation with no language from the channel is answered in its own', () => {
  it.each<Row>([
    { text: 'absence', kind: 'task', intent: 'absence.report', locale: 'en' },
    { text: 'password', kind: 'answer', intent: 'login.forgot_password', locale: 'en' },
    { text: 'help', kind: 'starters', intent: 'help', locale: 'en' },
    { text: 'leave', kind: 'task', intent: 'leave.apply', locale: 'en' },
    { text: 'frånvaro', kind: 'task', intent: 'absence.report', locale: 'sv' },
    { text: 'lösenord', kind: 'answer', intent: 'login.forgot_password', locale: 'sv' },
    { text: 'hjälp', kind: 'starters', intent: 'help', locale: 'sv' },
    // A word of no language: HUB_DEFAULT_LOCALE (sv here).
    { text: 'ok', kind: 'answer', locale: 'sv' },
  ])('$text → $kind $intent in $locale', (row) => expectRoute(route({ text: row.text }), row));

  it.each(['ok', 'Elsa', '12'])(
    '"%s" says nothing about its language: HUB_DEFAULT_LOCALE=en answers in English',
    (text) => {
      const english = createRouter({ ...parts, defaultLocale: 'en' });
      expect(route({ text }, english).locale).toBe('en');
    },
  );

  it('a conversation that has a language keeps it for a one-word message in the other ("password" in Swedish)', () => {
    expectRoute(route({ text: 'password', conversationLocale: 'sv' }), {
      text: 'password',
      kind: 'answer',
      intent: 'login.forgot_password',
      locale: 'sv',
    });
  });
});

describe('tasks said in everyday words start the task', () => {
  it.each<Row>([
    { text: 'frånvaro', conversation: 'sv', kind: 'task', intent: 'absence.report', locale: 'sv' },
    { text: 'ledighet', conversation: 'sv', kind: 'task', intent: 'leave.apply', locale: 'sv' },
    { text: 'utvecklingssamtal', conversation: 'sv', kind: 'task', intent: 'meeting.book', locale: 'sv' },
    { text: 'Elsa har VAB idag', conversation: 'sv', kind: 'task', intent: 'absence.report', locale: 'sv' },
    { text: 'vi vabbar', conversation: 'sv', kind: 'task', intent: 'absence.report', locale: 'sv' },
    { text: 'Elsa stannar hemma', conversation: 'sv', kind: 'task', intent: 'absence.report', locale: 'sv' },
    { text: 'Yusuf är hemma idag', conversation: 'sv', kind: 'task', intent: 'absence.report', locale: 'sv' },
    { text: 'jag är hemma med Elsa', conversation: 'sv', kind: 'task', intent: 'absence.report', locale: 'sv' },
    { text: 'Elsa mår dåligt', conversation: 'sv', kind: 'task', intent: 'absence.report', locale: 'sv' },
    { text: 'Elsa är förkyld', conversation: 'sv', kind: 'task', intent: 'absence.report', locale: 'sv' },
    { text: 'Yusuf är magsjuk i dag', conversation: 'sv', kind: 'task', intent: 'absence.report', locale: 'sv' },
    { text: 'Elsa kräktes i natt', conversation: 'sv', kind: 'task', intent: 'absence.report', locale: 'sv' },
    { text: 'Nils har feber', conversation: 'sv', kind: 'task', intent: 'absence.report', locale: 'sv' },
    {
      text: 'Elsa har tandläkartid i morgon',
      conversation: 'sv',
      kind: 'task',
      intent: 'absence.report',
      locale: 'sv',
    },
    { text: 'Yusuf kommer efter lunch', conversation: 'sv', kind: 'task', intent: 'absence.report', locale: 'sv' },
    // A day the absence cannot be reported for still starts the task, which explains it.
    { text: 'Yusuf har feber på fredag', conversation: 'sv', kind: 'task', intent: 'absence.report', locale: 'sv' },
    {
      text: 'vi åker till Spanien i februari, kan barnen vara lediga?',
      conversation: 'sv',
      kind: 'task',
      intent: 'leave.apply',
      locale: 'sv',
    },
    { text: 'innebandyläger vecka 9', conversation: 'sv', kind: 'task', intent: 'leave.apply', locale: 'sv' },
    { text: 'vi ska på bröllop i Polen', conversation: 'sv', kind: 'task', intent: 'leave.apply', locale: 'sv' },
    {
      text: 'vi kan inte komma på utvecklingssamtalet',
      conversation: 'sv',
      kind: 'task',
      intent: 'meeting.cancel',
      locale: 'sv',
    },
    { text: 'absence', conversation: 'en', kind: 'task', intent: 'absence.report', locale: 'en' },
    { text: 'leave', conversation: 'en', kind: 'task', intent: 'leave.apply', locale: 'en' },
    {
      text: "Yusuf won't make it to school today",
      conversation: 'en',
      kind: 'task',
      intent: 'absence.report',
      locale: 'en',
    },
    { text: "we're keeping her at home", conversation: 'en', kind: 'task', intent: 'absence.report', locale: 'en' },
    { text: 'Elsa is under the weather', conversation: 'en', kind: 'task', intent: 'absence.report', locale: 'en' },
    { text: 'Yusuf is running late', conversation: 'en', kind: 'task', intent: 'absence.report', locale: 'en' },
    {
      text: 'Elsa has a dentist appointment on Thursday',
      conversation: 'en',
      kind: 'task',
      intent: 'absence.report',
      locale: 'en',
    },
    {
      text: "Yusuf won't make it to school on Friday",
      conversation: 'en',
      kind: 'task',
      intent: 'absence.report',
      locale: 'en',
    },
    { text: 'a family wedding in Poland', conversation: 'en', kind: 'task', intent: 'leave.apply', locale: 'en' },
    {
      text: "we can't make it to the parent meeting",
      conversation: 'en',
      kind: 'task',
      intent: 'meeting.cancel',
      locale: 'en',
    },
    { text: 'Elsa kommer 9 idag', conversation: 'sv', kind: 'task', intent: 'absence.report', locale: 'sv' },
    { text: 'Hon går hem kl 13', conversation: 'sv', kind: 'task', intent: 'absence.report', locale: 'sv' },
    { text: "He'll be in at 10", conversation: 'en', kind: 'task', intent: 'absence.report', locale: 'en' },
    // A new time is the booking's, which changes a booking; the cancel dialog would lose the slot.
    { text: 'Flytta utvecklingssamtalet', conversation: 'sv', kind: 'task', intent: 'meeting.book', locale: 'sv' },
    {
      text: 'Kan vi byta tid för utvecklingssamtalet?',
      conversation: 'sv',
      kind: 'task',
      intent: 'meeting.book',
      locale: 'sv',
    },
    {
      text: 'I need to reschedule the parent meeting',
      conversation: 'en',
      kind: 'task',
      intent: 'meeting.book',
      locale: 'en',
    },
  ])('$conversation: $text → $intent', (row) =>
    expectRoute(route({ text: row.text, conversationLocale: row.conversation }), row),
  );

  it.each([
    { text: 'Bussen kommer 8.15', conversation: 'sv' as const },
    { text: 'Skolan slutar kl 12 på fredag', conversation: 'sv' as const },
    { text: 'Fritids börjar kl 7', conversation: 'sv' as const },
    { text: 'Theresa har en fråga om schemat', conversation: 'sv' as const },
    { text: 'Teresa är på skolan', conversation: 'sv' as const },
    { text: 'Vi kan inte komma på mötet ikväll', conversation: 'sv' as const },
    { text: 'I will leave the form at the office tomorrow', conversation: 'en' as const },
  ])('$conversation: "$text" states no task', ({ text, conversation }) => {
    expect(route({ text, conversationLocale: conversation }).kind).not.toBe('task');
  });

  it('says the task it acts on in its classification, with the matcher’s own reading among the alternatives', () => {
    const r = route({ text: 'innebandyläger vecka 9', conversationLocale: 'sv' });
    const matched = parts.matcher.classify('innebandyläger vecka 9', 'sv');
    expect(r.understood.intent).toBe('leave.apply');
    expect(r.understood.ambiguous).toBe(false);
    if (matched.intent !== null && matched.intent !== 'leave.apply') {
      expect(r.understood.alternatives.map((a) => a.intent)).toContain(matched.intent);
    }
  });
});

describe('a question about a rule keeps its FAQ answer, whatever words of a task it has', () => {
  it.each<Row>([
    {
      text: 'måste jag anmäla till fritids också när barnet är sjukt?',
      conversation: 'sv',
      kind: 'answer',
      intent: 'absence.fritids',
      locale: 'sv',
    },
    {
      text: 'Do I have to report absence to after-school care too when my child is ill?',
      conversation: 'en',
      kind: 'answer',
      intent: 'absence.fritids',
      locale: 'en',
    },
    { text: "I can't log in at home", conversation: 'en', kind: 'answer', intent: 'login.troubleshoot', locale: 'en' },
  ])('$text → $kind $intent', (row) =>
    expectRoute(route({ text: row.text, conversationLocale: row.conversation }), row),
  );

  it.each([
    { text: 'Vad gör jag om mitt barn mår dåligt i skolan?', conversation: 'sv' as const },
    { text: 'Good morning', conversation: 'en' as const },
    { text: 'God eftermiddag', conversation: 'sv' as const },
  ])('$text does not start a task', ({ text, conversation }) => {
    expect(route({ text, conversationLocale: conversation }).kind).not.toBe('task');
  });
});

describe('language', () => {
  it.each<Row & { target: Locale }>([
    // The language named.
    { text: 'svara på engelska', conversation: 'sv', kind: 'switchLanguage', target: 'en', locale: 'en' },
    { text: 'kan vi byta till svenska?', conversation: 'en', kind: 'switchLanguage', target: 'sv', locale: 'sv' },
    { text: 'English please', conversation: 'sv', kind: 'switchLanguage', target: 'en', locale: 'en' },
    { text: 'can you write in Swedish', conversation: 'en', kind: 'switchLanguage', target: 'sv', locale: 'sv' },
    { text: "I don't speak Swedish", conversation: 'sv', kind: 'switchLanguage', target: 'en', locale: 'en' },
    // Else the message's own language, when it is not the conversation's.
    { text: 'change language', conversation: 'sv', kind: 'switchLanguage', target: 'en', locale: 'en' },
    { text: 'Kan du byta språk?', conversation: 'en', kind: 'switchLanguage', target: 'sv', locale: 'sv' },
    // An English guardian on SMS (the conversation would start in Swedish) is not switched to Swedish.
    { text: 'change language please', kind: 'switchLanguage', target: 'en', locale: 'en' },
    // Else the other one.
    { text: 'ändra språk', conversation: 'sv', kind: 'switchLanguage', target: 'en', locale: 'en' },
    { text: 'change language', conversation: 'en', kind: 'switchLanguage', target: 'sv', locale: 'sv' },
    // The verb joined to the language, or a message that is nothing but the request.
    { text: 'kan du skriva på svenska', conversation: 'en', kind: 'switchLanguage', target: 'sv', locale: 'sv' },
    { text: 'byt till engelska', conversation: 'sv', kind: 'switchLanguage', target: 'en', locale: 'en' },
    { text: 'prata engelska med mig', conversation: 'sv', kind: 'switchLanguage', target: 'en', locale: 'en' },
    { text: 'engelska tack', conversation: 'sv', kind: 'switchLanguage', target: 'en', locale: 'en' },
    { text: 'in English please', conversation: 'sv', kind: 'switchLanguage', target: 'en', locale: 'en' },
    { text: 'can you answer in Swedish', conversation: 'en', kind: 'switchLanguage', target: 'sv', locale: 'sv' },
    { text: 'switch to English', conversation: 'sv', kind: 'switchLanguage', target: 'en', locale: 'en' },
    { text: 'English?', conversation: 'sv', kind: 'switchLanguage', target: 'en', locale: 'en' },
  ])('$conversation: $text → switch to $target', (row) => {
    const r = route({ text: row.text, conversationLocale: row.conversation });
    expectRoute(r, row);
    expect(r.kind === 'switchLanguage' && r.target).toBe(row.target);
    expect(r.understood.intent).toBe('language.switch');
  });

  it.each<Row>([
    { text: 'hur byter jag språk i appen till engelska?', conversation: 'sv', kind: 'unknown', locale: 'sv' },
    { text: 'how do I change the language in the app?', conversation: 'en', kind: 'unknown', locale: 'en' },
    { text: 'How do I set the app to Swedish?', conversation: 'en', kind: 'unknown', locale: 'en' },
    { text: 'Hur säger man frånvaro på engelska?', conversation: 'sv', kind: 'unknown', locale: 'sv' },
    { text: "Can you correct my daughter's English essay?", conversation: 'en', kind: 'unknown', locale: 'en' },
  ])('$conversation: "$text" asks nothing of the assistant’s language: no switch', (row) => {
    const r = route({ text: row.text, conversationLocale: row.conversation });
    expectRoute(r, row);
    expect(r.understood.intent).not.toBe('language.switch');
  });

  it.each([
    { text: 'Min son vill byta från tyska till engelska', conversation: 'sv' as const },
    { text: 'Eleverna ska svara på frågorna på engelska', conversation: 'sv' as const },
    { text: 'Elsa kan inte gå på engelska idag', conversation: 'sv' as const },
    { text: 'Min dotter har engelska prov, kan du svara på det?', conversation: 'sv' as const },
    { text: 'Hur byter jag språk i InfoMentor?', conversation: 'sv' as const },
    { text: 'Kan man byta språk på veckobrevet?', conversation: 'sv' as const },
    { text: 'How do I change the language in Hub?', conversation: 'en' as const },
  ])('$conversation: "$text" names a language but asks nothing of the assistant’s: no switch', (row) => {
    const r = route({ text: row.text, conversationLocale: row.conversation });
    expect(r.kind).not.toBe('switchLanguage');
    expect(r.locale).toBe(row.conversation);
    expect(r.understood.intent).not.toBe('language.switch');
  });

  it('a chosen language stays for a question in the other one', () => {
    const r = route({ text: 'Var ser jag mitt barns betyg?', conversationLocale: 'en', localeChosen: true });
    expectRoute(r, { text: '', kind: 'answer', intent: 'grades', locale: 'en' });
  });

  it('without a chosen language, a clear question in the other language is answered in it', () => {
    const r = route({ text: 'Var ser jag mitt barns betyg?', conversationLocale: 'en' });
    expectRoute(r, { text: '', kind: 'answer', intent: 'grades', locale: 'sv' });
  });
});

describe('offered choices (a tapped button or a typed number)', () => {
  const offered: OfferedChoice[] = [
    { title: 'Anmäla frånvaro', value: 'Anmäla frånvaro', intent: 'absence.report' },
    { title: 'Frånvaro på fritids', value: 'Frånvaro på fritids', intent: 'absence.fritids' },
    { title: 'Prata med en människa', value: 'Prata med en människa', intent: 'handoff.human' },
    { title: 'Inget av dessa', value: 'Inget av dessa', intent: NONE_OF_THESE },
  ];
  it.each<Row>([
    { text: 'Anmäla frånvaro', kind: 'task', intent: 'absence.report', locale: 'sv' },
    { text: '1', kind: 'task', intent: 'absence.report', locale: 'sv' },
    { text: '2', kind: 'answer', intent: 'absence.fritids', locale: 'sv' },
    { text: 'Prata med en människa', kind: 'handOff', intent: 'handoff.human', locale: 'sv' },
    { text: 'Inget av dessa', kind: 'noneOfThese', intent: null, locale: 'sv' },
  ])('$text → $kind $intent', (row) => expectRoute(route({ text: row.text, conversationLocale: 'sv', offered }), row));

  it('are not picked while a task waits for its answer ("2" is the task’s)', () => {
    expect(route({ text: '2', conversationLocale: 'sv', offered, inTask: true }).kind).toBe('continueTask');
  });
});

describe('inside a task: the message goes to the task, with what it would mean outside it', () => {
  it.each([
    { text: 'Jag har glömt mitt lösenord', outside: 'answer', intent: 'login.forgot_password' },
    { text: 'kan vi byta till svenska?', outside: 'switchLanguage', intent: 'language.switch' },
    { text: 'how do I change the language in the app?', outside: 'unknown', intent: null },
    { text: 'vi vabbar idag', outside: 'task', intent: 'absence.report' },
    { text: 'jag vill prata med en människa', outside: 'handOff', intent: 'handoff.human' },
  ])('$text → continue the task; outside it: $outside', ({ text, outside, intent }) => {
    const r = route({ text, conversationLocale: 'en', inTask: true });
    if (r.kind !== 'continueTask') throw new Error(`expected continueTask, got ${r.kind}`);
    expect(r.outside.kind).toBe(outside);
    expect(r.understood.intent).toBe(intent);
  });
});

describe('two readings too close to choose', () => {
  const close = (intents: [string, string]): RouterParts['matcher'] => ({
    classify: (_text, locale): Classification => ({
      intent: intents[0],
      confidence: 0.45,
      locale: locale ?? 'sv',
      alternatives: [{ intent: intents[1], confidence: 0.44 }],
      ambiguous: true,
    }),
  });

  it('asks "did you mean …?" with both', () => {
    const r = route(
      { text: 'appen', conversationLocale: 'sv' },
      createRouter({ ...parts, matcher: close(['login.app', 'about']) }),
    );
    expect(r.kind === 'didYouMean' && r.intents).toEqual(['login.app', 'about']);
  });

  it('does not offer a language switch the message does not ask for: the other reading is answered', () => {
    const r = route(
      { text: 'hur byter jag språk i appen?', conversationLocale: 'sv' },
      createRouter({ ...parts, matcher: close(['login.app', 'language.switch']) }),
    );
    expectRoute(r, { text: '', kind: 'answer', intent: 'login.app', locale: 'sv' });
  });
});
