import { describe, expect, it } from 'vitest';
import { IntentMatcher } from '../../src/nlu/matcher.js';
import type { Classification, LabelledExample, Locale } from '../../src/nlu/types.js';

const sv = (text: string, intent: string | null): LabelledExample => ({ text, intent, locale: 'sv' });
const en = (text: string, intent: string | null): LabelledExample => ({ text, intent, locale: 'en' });

const EXAMPLES: LabelledExample[] = [
  sv('Jag har glömt mitt lösenord', 'password'),
  sv('Hur får jag ett nytt lösenord?', 'password'),
  sv('Lösenordet fungerar inte', 'password'),
  en('I forgot my password', 'password'),
  en('How do I reset my password?', 'password'),
  en('My password does not work', 'password'),

  sv('Hur anmäler jag frånvaro?', 'absence'),
  sv('Mitt barn är sjukt idag', 'absence'),
  sv('Var kan jag anmäla frånvaro för mitt barn?', 'absence'),
  en('How do I report an absence?', 'absence'),
  en('My child is sick today', 'absence'),
  en('Where do I report my child absent?', 'absence'),

  sv('Hur bokar jag utvecklingssamtal?', 'meeting'),
  sv('Var väljer jag tid för utvecklingssamtalet?', 'meeting'),
  sv('boka möte med läraren', 'meeting'),
  en('How do I book a parent-teacher meeting?', 'meeting'),
  en('Where do I choose a time for the development talk?', 'meeting'),
  en('book a meeting with the teacher', 'meeting'),

  sv('Vad blir det för lunch i skolan idag?', null),
  sv('När börjar sommarlovet?', null),
  en("What's for school lunch today?", null),
  en('When does the summer holiday start?', null),
];

const matcher = IntentMatcher.build(EXAMPLES);

describe('IntentMatcher.classify', () => {
  it.each([
    // Paraphrases
    ['jag kommer inte ihåg mitt lösenord', 'password'],
    ['new password please', 'password'],
    ['min son är sjuk idag', 'absence'],
    ['my daughter is sick', 'absence'],
    ['report absence', 'absence'],
    ['bokning av utvecklingssamtal', 'meeting'],
    ['how can I book a meeting with the teacher', 'meeting'],
    // Keywords alone
    ['lösenord', 'password'],
    ['password', 'password'],
    ['utvecklingssamtal', 'meeting'],
    // Misspellings
    ['losenrod glömt', 'password'],
    ['i forgot my pasword', 'password'],
    ['absense', 'absence'],
    ['boka utvecklingsamtal', 'meeting'],
    // Missing diacritics
    ['glomt losenord', 'password'],
    ['mitt barn ar sjukt', 'absence'],
    // A compound of words the examples use apart ("anmäla frånvaro")
    ['frånvaroanmälan', 'absence'],
    ['franvaroanmalan', 'absence'],
    // Greetings, thanks and sign-offs around the question
    ['Hej! Jag har glömt mitt lösenord. Tack på förhand! Mvh Anna', 'password'],
    [
      'Hej, vi har precis flyttat hit och min dotter börjar i trean nästa vecka. Hur anmäler jag frånvaro för henne? ' +
        'Tack så mycket för hjälpen! Mvh pappa',
      'absence',
    ],
    [
      'Hi there! My son is sick today and will stay home, where do I report that? Thanks a lot, kind regards',
      'absence',
    ],
  ])('%j → %s', (text, intent) => {
    const result = matcher.classify(text);
    expect(result.intent).toBe(intent);
    expect(result.ambiguous).toBe(false);
  });

  it.each([
    // Near an out-of-scope example
    'vad blir det för lunch imorgon?',
    'what is for lunch tomorrow',
    'när börjar sommarlovet i år?',
    // Nothing it knows
    'vad kostar en pizza',
    'what is the weather',
    // Gibberish
    'xkcd qwpz zzkj',
    'asdfgh',
    '???',
  ])('%j → null', (text) => {
    const result = matcher.classify(text);
    expect(result.intent).toBeNull();
    expect(result.ambiguous).toBe(false);
  });

  it.each<[string, Locale | undefined, Locale]>([
    ['jag har glömt mitt lösenord', undefined, 'sv'],
    ['I forgot my password', undefined, 'en'],
    ['ok', undefined, 'sv'],
    ['ok', 'en', 'en'],
    ['tack', 'en', 'en'],
    ['password', 'sv', 'sv'],
    ['I forgot my password', 'sv', 'en'],
    ['jag har glömt mitt lösenord', 'en', 'sv'],
  ])('%j in a %s conversation is answered in %s', (text, conversation, expected) => {
    expect(matcher.classify(text, conversation).locale).toBe(expected);
  });

  it('finds the intent whichever language the conversation is in', () => {
    expect(matcher.classify('lösenord', 'en').intent).toBe('password');
    expect(matcher.classify('password', 'sv').intent).toBe('password');
  });
});

/** Eight intents sharing words, so a vague question has many candidates. */
const BOXES = ['kalender', 'schema', 'blogg', 'portfolio', 'betyg', 'kontakter', 'information', 'veckoplan'];
const boxMatcher = IntentMatcher.build(
  BOXES.flatMap((box) => [sv(`Hur fungerar boxen ${box}?`, `box.${box}`), sv(`Var hittar jag ${box}?`, `box.${box}`)]),
);

const classifications: [string, Classification][] = [
  ...['glömt lösenord', 'frånvaroanmälan', 'book meeting', 'ok', 'vad kostar en pizza', 'xkcd qwpz'].map(
    (text): [string, Classification] => [text, matcher.classify(text)],
  ),
  ...['hur fungerar boxen', 'hur fungerar boxen kalender', 'boxen'].map((text): [string, Classification] => [
    text,
    boxMatcher.classify(text),
  ]),
];

describe('confidence and alternatives', () => {
  it.each(classifications)('%j: confidences in [0, 1]', (_text, result) => {
    for (const confidence of [result.confidence, ...result.alternatives.map((a) => a.confidence)]) {
      expect(confidence).toBeGreaterThanOrEqual(0);
      expect(confidence).toBeLessThanOrEqual(1);
    }
  });

  it.each(classifications)('%j: at most 5 alternatives, best first, never the chosen intent', (_text, result) => {
    expect(result.alternatives.length).toBeLessThanOrEqual(5);
    const confidences = result.alternatives.map((a) => a.confidence);
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
    expect(result.alternatives.map((a) => a.intent)).not.toContain(result.intent);
    expect(new Set(result.alternatives.map((a) => a.intent)).size).toBe(result.alternatives.length);
  });

  it('offers the five best of eight candidates for a vague question', () => {
    const result = boxMatcher.classify('hur fungerar boxen');
    expect(result.alternatives).toHaveLength(5);
  });

  it('is confident for a clear question and less so for a vague one', () => {
    const clear = boxMatcher.classify('hur fungerar boxen kalender');
    expect(clear.intent).toBe('box.kalender');
    expect(clear.confidence).toBeGreaterThan(0.9);
    expect(boxMatcher.classify('hur fungerar boxen').confidence).toBeLessThan(0.5);
  });
});

describe('ambiguity', () => {
  const twins = IntentMatcher.build([
    ...EXAMPLES,
    ...EXAMPLES.filter((e) => e.intent === 'password').map((e) => ({ ...e, intent: 'password.twin' })),
  ]);

  it.each(['jag har glömt mitt lösenord', 'I forgot my password'])(
    '%j is ambiguous between two intents with the same examples',
    (text) => {
      const result = twins.classify(text);
      expect(result.ambiguous).toBe(true);
      expect([result.intent, result.alternatives[0]?.intent].sort()).toEqual(['password', 'password.twin']);
      expect(result.confidence).toBeCloseTo(result.alternatives[0]?.confidence ?? 0, 2);
    },
  );

  it('is not ambiguous for a question about another intent', () => {
    const result = twins.classify('boka möte');
    expect(result.intent).toBe('meeting');
    expect(result.ambiguous).toBe(false);
  });
});

describe('with greetings and thanks as small talk', () => {
  const talk = IntentMatcher.build(
    [
      ...EXAMPLES,
      sv('Hej', 'greeting'),
      sv('Hej hej', 'greeting'),
      sv('God morgon', 'greeting'),
      en('Hello', 'greeting'),
      en('Hi there', 'greeting'),
      en('Good morning', 'greeting'),
      sv('Tack', 'thanks'),
      sv('Tack så mycket', 'thanks'),
      sv('Tack för hjälpen', 'thanks'),
      en('Thanks', 'thanks'),
      en('Thank you very much', 'thanks'),
      en('Thanks for the help', 'thanks'),
    ],
    { smallTalk: ['greeting', 'thanks'] },
  );

  it.each([
    ['Hej! Jag har glömt mitt lösenord. Tack på förhand! Mvh Anna', 'password'],
    ['Hello! I would like to book a meeting with my daughters teacher. Thank you!', 'meeting'],
    ['hej, glömt lösenord, tack', 'password'],
    [
      'Hi there! My son is sick today and will stay home, where do I report that? Thanks a lot, kind regards',
      'absence',
    ],
    ['hi i forgot my password thanks', 'password'],
    ['hej mitt barn är sjukt idag tack så mycket', 'absence'],
    ['tack', 'thanks'],
    ['tackk', 'thanks'],
    ['thanks!', 'thanks'],
    ['hej', 'greeting'],
    ['hejjj', 'greeting'],
    // A word the matcher does not know beside thanks leaves the thanks.
    ['Toppen, tack!', 'thanks'],
    ['Perfekt, tack', 'thanks'],
    // A question out of scope stays out of scope when it opens with a greeting or ends with thanks.
    ['hej vad blir det för lunch i skolan idag', null],
    ["what's for school lunch today thanks", null],
    ['Hi there', 'greeting'],
  ])('%j → %s', (text, intent) => {
    expect(talk.classify(text).intent).toBe(intent);
  });
});

describe('a matcher that has read many messages', () => {
  const MESSAGES = [
    ['losenrod glömt', 'sv'],
    ['i forgot my pasword', 'en'],
    ['frånvaroanmälan', 'sv'],
    ['Hej! Min son är sjuk idag. Tack!', 'sv'],
  ] as const;

  it('decides as it did at first after 25,000 other words', () => {
    const fresh = IntentMatcher.build(EXAMPLES);
    const first = MESSAGES.map(([text, locale]) => fresh.classify(text, locale));
    // More distinct words than the matcher remembers how it read: it starts over and reads them anew.
    // Letters only (hexadecimal digits written as the letters g–p): words with digits are never remembered.
    const word = (i: number) => i.toString(16).replace(/\d/g, (digit) => 'ghijklmnop'.charAt(Number(digit)));
    for (let i = 0; i < 25_000; i++) fresh.classify(`ord${word(i)} lösenord`, 'sv');
    expect(MESSAGES.map(([text, locale]) => fresh.classify(text, locale))).toEqual(first);
    expect(first.map((decision) => decision.intent)).toEqual(['password', 'password', 'absence', 'absence']);
  });
});

describe('IntentMatcher.nearestExamples', () => {
  it('lists the closest examples first, with their intent', () => {
    const nearest = matcher.nearestExamples('glömt lösenord', 'sv', 3);
    expect(nearest).toHaveLength(3);
    expect(nearest[0]).toMatchObject({ text: 'Jag har glömt mitt lösenord', intent: 'password' });
    expect(nearest[0]?.similarity).toBeGreaterThan(nearest[1]?.similarity ?? 1);
    const similarities = nearest.map((n) => n.similarity);
    expect(similarities).toEqual([...similarities].sort((a, b) => b - a));
  });

  it('shows out-of-scope examples as intent null', () => {
    expect(matcher.nearestExamples('lunch idag', 'sv', 1)[0]?.intent).toBeNull();
  });
});

describe('IntentMatcher.knownIntents', () => {
  it('lists the labelled intents, not the out-of-scope label', () => {
    expect([...matcher.knownIntents].sort()).toEqual(['absence', 'meeting', 'password']);
  });
});

describe('words that tell intents apart', () => {
  // Booking and cancelling share most words; "avboka" / "cancel" decide.
  const meetings = IntentMatcher.build([
    sv('Hur bokar jag utvecklingssamtal?', 'meeting.book'),
    sv('Jag vill boka en tid för utvecklingssamtalet', 'meeting.book'),
    sv('Var bokar man tid för utvecklingssamtal i appen?', 'meeting.book'),
    sv('boka utvecklingssamtal', 'meeting.book'),
    sv('Hur avbokar jag utvecklingssamtalet?', 'meeting.cancel'),
    sv('Jag vill avboka vår tid', 'meeting.cancel'),
    sv('avboka utvecklingssamtal', 'meeting.cancel'),
    en('How do I book a parent meeting?', 'meeting.book'),
    en('I want to book a time for the parent meeting', 'meeting.book'),
    en('How do I cancel the parent meeting?', 'meeting.cancel'),
    en('I want to cancel our time', 'meeting.cancel'),
    sv('Vad blir det för lunch i skolan idag?', null),
  ]);

  it.each([
    ['Kan jag avboka utvecklingssamtalet i appen?', 'meeting.cancel'],
    ['Kan jag boka utvecklingssamtalet i appen?', 'meeting.book'],
    ['can I cancel the parent meeting time in the app', 'meeting.cancel'],
    ['can I book the parent meeting time in the app', 'meeting.book'],
  ])('%j → %s', (text, intent) => {
    expect(meetings.classify(text).intent).toBe(intent);
  });
});

describe('Swedish word forms the examples do not have', () => {
  const forms = IntentMatcher.build([
    sv('Var hittar jag kontakter till andra föräldrar?', 'contacts'),
    sv('Var ser jag klassens telefonlista?', 'contacts'),
    sv('Vad är InfoMentor?', 'about'),
    sv('Vad är Hub?', 'about'),
    sv('Var hittar jag veckans läxor?', 'homework'),
    sv('Vilka läxor har mitt barn?', 'homework'),
    sv('Vad blir det för lunch i skolan idag?', null),
  ]);

  it.each([
    // A compound whose first part is cut short ("föräldra-") and whose last part is inflected ("-kontakter").
    ['föräldrakontakter', 'contacts'],
    // Definite forms the stemmer leaves.
    ['vad är infomentorn', 'about'],
    ['vad är hubben', 'about'],
    // One typing slip in a short word.
    ['vilka lxäor har hon', 'homework'],
  ])('%j → %s', (text, intent) => {
    expect(forms.classify(text, 'sv').intent).toBe(intent);
  });
});
