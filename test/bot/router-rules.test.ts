import { describe, expect, it } from 'vitest';
import { Keywords } from '../../dialogs/keywords.js';
import { promptReader } from '../../dialogs/prompt-reader.js';
import { TASK_TABLE } from '../../dialogs/task-table.js';
import type { Route } from '../../src/bot/route.js';
import { createRouter } from '../../src/bot/router.js';
import { loadTranslations } from '../../src/i18n.js';
import type { EntryKind } from '../../src/knowledge/schema.js';
import type { Classification, Locale, ScoredIntent } from '../../src/nlu/types.js';

/**
 * The router's own rules, seen apart from the matcher: each row gives the matcher's reading of the message (a
 * stub), and the route the router must take. Wednesday 25 November 2026, 09:00 in Stockholm.
 */
const NOW = new Date('2026-11-25T08:00:00Z');
const translations = loadTranslations();
const keywords = new Keywords(translations);
const prompts = promptReader(translations, keywords);

const KINDS: Record<string, EntryKind> = {
  'absence.report': 'task',
  'leave.apply': 'task',
  'meeting.book': 'task',
  'meeting.cancel': 'task',
  'absence.fritids': 'faq',
  'login.app': 'faq',
  'language.switch': 'talk',
  greeting: 'talk',
};

/** What the stub matcher says: nothing, or an intent at a confidence with its runners-up. */
interface Reading {
  intent: string | null;
  confidence: number;
  ambiguous?: boolean;
  alternatives?: ScoredIntent[];
}

interface Row {
  text: string;
  locale: Locale;
  matcher: Reading;
  kind: Route['kind'];
  intent?: string | null;
}

function routeOf(row: Row): Route {
  const reading = row.matcher;
  const router = createRouter({
    matcher: {
      classify: (): Classification => ({
        intent: reading.intent,
        confidence: reading.confidence,
        locale: row.locale,
        alternatives: reading.alternatives ?? [],
        ambiguous: reading.ambiguous ?? false,
      }),
    },
    guessLanguage: () => row.locale,
    tasks: TASK_TABLE,
    keywords,
    prompts,
    kindOf: (intent) => KINDS[intent],
    defaultLocale: 'sv',
  });
  return router({ text: row.text, conversationLocale: row.locale, inTask: false }, NOW);
}

const expectRoute = (row: Row) => {
  const r = routeOf(row);
  expect(r.kind).toBe(row.kind);
  if (row.intent !== undefined) {
    const intent = 'intent' in r ? r.intent : r.kind === 'didYouMean' ? r.intents[0] : null;
    expect(intent).toBe(row.intent);
  }
};

const nothing: Reading = { intent: null, confidence: 0.6 };

describe('a sentence with a language in it that asks nothing of the assistant is no switch', () => {
  it.each<Row>([
    { text: 'Min son vill byta från tyska till engelska', locale: 'sv', matcher: nothing, kind: 'unknown' },
    { text: 'Eleverna ska svara på frågorna på engelska', locale: 'sv', matcher: nothing, kind: 'unknown' },
    { text: 'Min dotter har engelska prov, kan du svara på det?', locale: 'sv', matcher: nothing, kind: 'unknown' },
    { text: 'Hur byter jag språk i InfoMentor?', locale: 'sv', matcher: nothing, kind: 'unknown' },
    { text: 'Kan man byta språk på veckobrevet?', locale: 'sv', matcher: nothing, kind: 'unknown' },
    { text: 'How do I change the language in Hub?', locale: 'en', matcher: nothing, kind: 'unknown' },
    { text: 'My son wants to switch from German to English', locale: 'en', matcher: nothing, kind: 'unknown' },
    { text: 'The pupils should answer the questions in English', locale: 'en', matcher: nothing, kind: 'unknown' },
    // An absence that names a lesson stays the absence the matcher read.
    {
      text: 'Elsa kan inte gå på engelska idag',
      locale: 'sv',
      matcher: { intent: 'absence.report', confidence: 0.45 },
      kind: 'task',
      intent: 'absence.report',
    },
  ])('$locale: "$text" → $kind', expectRoute);
});

describe('a request to the assistant to write in a language is a switch, whatever the matcher says', () => {
  it.each<Row>([
    { text: 'svara på engelska', locale: 'sv', matcher: nothing, kind: 'switchLanguage' },
    { text: 'kan du skriva på svenska', locale: 'en', matcher: nothing, kind: 'switchLanguage' },
    { text: 'byt till engelska', locale: 'sv', matcher: nothing, kind: 'switchLanguage' },
    { text: 'prata engelska med mig', locale: 'sv', matcher: nothing, kind: 'switchLanguage' },
    { text: 'Hej! Kan du svara mig på engelska?', locale: 'sv', matcher: nothing, kind: 'switchLanguage' },
    { text: 'engelska tack', locale: 'sv', matcher: nothing, kind: 'switchLanguage' },
    { text: 'in English please', locale: 'sv', matcher: nothing, kind: 'switchLanguage' },
    { text: 'can you answer in Swedish', locale: 'en', matcher: nothing, kind: 'switchLanguage' },
    { text: 'switch to English', locale: 'sv', matcher: nothing, kind: 'switchLanguage' },
    { text: 'English?', locale: 'sv', matcher: nothing, kind: 'switchLanguage' },
    { text: "I don't speak Swedish", locale: 'sv', matcher: nothing, kind: 'switchLanguage' },
  ])('$locale: "$text" → $kind', expectRoute);
});

describe('a task the matcher chose with confidence is not overruled by the cue of another', () => {
  it.each<Row>([
    {
      text: 'Vi kan inte komma på utvecklingssamtalet på torsdag',
      locale: 'sv',
      matcher: { intent: 'meeting.book', confidence: 0.75 },
      kind: 'task',
      intent: 'meeting.book',
    },
    {
      text: 'He has to leave at 2 pm tomorrow',
      locale: 'en',
      matcher: { intent: 'absence.report', confidence: 0.7 },
      kind: 'task',
      intent: 'absence.report',
    },
    // A matcher unsure of its task leaves it to the cue.
    {
      text: 'vi kan inte komma på utvecklingssamtalet',
      locale: 'sv',
      matcher: { intent: 'meeting.book', confidence: 0.4 },
      kind: 'task',
      intent: 'meeting.cancel',
    },
  ])('$locale: "$text" (matcher $matcher.intent $matcher.confidence) → $intent', expectRoute);
});

describe('a statement that begins with a modal verb is not a question: the task cue holds', () => {
  const faq: Reading = { intent: 'absence.fritids', confidence: 0.6 };
  it.each<Row>([
    { text: 'Kan inte komma idag, Elsa är sjuk', locale: 'sv', matcher: faq, kind: 'task', intent: 'absence.report' },
    { text: 'Måste hämta Elsa kl 13 idag', locale: 'sv', matcher: faq, kind: 'task', intent: 'absence.report' },
    { text: 'Will be late tomorrow', locale: 'en', matcher: faq, kind: 'task', intent: 'absence.report' },
    { text: 'Can’t come today, she is ill', locale: 'en', matcher: faq, kind: 'task', intent: 'absence.report' },
    // A verb and its subject, a question word or a question mark still ask: the FAQ answer stands.
    { text: 'Måste jag anmäla till fritids när barnet är sjukt', locale: 'sv', matcher: faq, kind: 'answer' },
    { text: 'Kan hon vara hemma när hon är sjuk', locale: 'sv', matcher: faq, kind: 'answer' },
    { text: 'Hur anmäler jag att barnet är sjukt', locale: 'sv', matcher: faq, kind: 'answer' },
    { text: 'Vilka regler gäller när barnet är sjukt', locale: 'sv', matcher: faq, kind: 'answer' },
    { text: 'Will she need a note when she is ill', locale: 'en', matcher: faq, kind: 'answer' },
    { text: 'What do I do when my child is ill', locale: 'en', matcher: faq, kind: 'answer' },
    { text: 'Elsa är sjuk, måste jag ringa?', locale: 'sv', matcher: faq, kind: 'answer' },
  ])('$locale: "$text" → $kind', expectRoute);
});

describe('a language switch the router does not honour gives way to the runner-up when it was too close', () => {
  it('"Hur ändrar jag språket i appen?" read as a switch or the app, too close: the app’s answer', () => {
    const row: Row = {
      text: 'Hur ändrar jag språket i appen?',
      locale: 'sv',
      matcher: {
        intent: 'language.switch',
        confidence: 0.55,
        ambiguous: true,
        alternatives: [{ intent: 'login.app', confidence: 0.5 }],
      },
      kind: 'answer',
      intent: 'login.app',
    };
    expectRoute(row);
    expect(routeOf(row).understood).toMatchObject({ intent: 'login.app', confidence: 0.5, ambiguous: false });
  });

  it('a clear switch reading of a question about the app is unknown, at the chance that reading was wrong', () => {
    const r = routeOf({
      text: 'Hur ändrar jag språket i appen?',
      locale: 'sv',
      matcher: { intent: 'language.switch', confidence: 0.8, alternatives: [{ intent: 'login.app', confidence: 0.1 }] },
      kind: 'unknown',
    });
    expect(r.kind).toBe('unknown');
    expect(r.understood.intent).toBeNull();
    expect(r.understood.confidence).toBeCloseTo(0.2);
  });
});
