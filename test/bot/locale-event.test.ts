import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assistant } from '../../src/assistant.js';
import { LOCALE_EVENT } from '../../src/bot/turn.js';
import type { Locale } from '../../src/nlu/types.js';
import { BotConversation, knownTexts, languageOf } from '../support/bot-driver.js';
import { testAssistant } from '../support/fixtures.js';
import { dialogWorld, TestClock } from '../dialogs/harness.js';

/** Wednesday 25 November 2026, 09:00 in Stockholm: absence may be reported for today and tomorrow. */
const WEDNESDAY = '2026-11-25T08:00:00Z';

let assistant: Assistant;
let conversations = 0;

beforeAll(() => {
  assistant = testAssistant();
});

afterAll(() => {
  assistant.db.close();
});

function conversation(locale: string, bot = assistant.bot, user?: string): BotConversation {
  conversations++;
  return new BotConversation(bot, {
    id: `locale-event-${conversations}`,
    channelId: 'webchat',
    locale,
    ...(user ? { user } : {}),
  });
}

/** The event the web chat page posts when a language button is pressed. */
const localeEvent = (value: unknown) => ({ type: 'event', name: LOCALE_EVENT, value, text: undefined });

describe('the hub/locale event (the web chat page’s language buttons)', () => {
  it.each<{ from: Locale; to: Locale; channel: string }>([
    { from: 'sv', to: 'en', channel: 'sv-SE' },
    { from: 'en', to: 'sv', channel: 'en-US' },
  ])('switches $from → $to for good, as if the guardian had asked', async ({ to, channel }) => {
    const chat = conversation(channel);
    const texts = knownTexts(assistant);
    const switched = await chat.ask(localeEvent(to));
    expect(switched.text).toBe(assistant.translations[to]('languageSwitched'));
    expect(switched.locale).toBe(to);

    // Short replies and even a clear question in the other language stay in the chosen language.
    expect(languageOf(await chat.ask('ok'), texts)).toBe(to);
    const question = to === 'en' ? 'Jag har glömt mitt lösenord' : 'I forgot my password';
    const answer = await chat.ask(question);
    expect(answer.text).toBe(assistant.knowledge.answer('login.forgot_password', to));
    expect(answer.locale).toBe(to);
  });

  it('takes the page’s locale tags too ("en-US")', async () => {
    const chat = conversation('sv-SE');
    const switched = await chat.ask(localeEvent('en-US'));
    expect(switched.text).toBe(assistant.translations.en('languageSwitched'));
  });

  it.each([
    ['an unknown language', localeEvent('de')],
    ['no value', localeEvent(undefined)],
    ['a value that is not text', localeEvent({ locale: 'en' })],
    ['another event', { type: 'event', name: 'webchat/join', value: 'en', text: undefined }],
  ])('ignores %s: nothing is sent, nothing changes', async (_what, event) => {
    const chat = conversation('sv-SE');
    expect(await chat.send(event)).toEqual([]);
    const answer = await chat.ask('ok tack');
    expect(answer.locale).toBe('sv');
  });

  it('in the middle of a task: the language changes and the open question is asked again in it', async () => {
    const world = dialogWorld(WEDNESDAY, { clock: new TestClock(WEDNESDAY) });
    try {
      const chat = conversation('sv-SE', world.assistant.bot, 'demo-anna');
      const asked = await chat.send('Jag vill anmäla frånvaro');
      expect(asked.at(-1)?.text).toBe(world.assistant.translations.sv('absence.askChild'));

      const replies = await chat.send(localeEvent('en'));
      expect(replies.map((reply) => reply.text)).toEqual([
        world.assistant.translations.en('languageSwitched'),
        world.assistant.translations.en('absence.askChild'),
      ]);
      expect(replies.every((reply) => reply.locale === 'en')).toBe(true);

      // The task goes on in English.
      const next = await chat.send('Elsa');
      expect(next.at(-1)?.text).toMatch(/today or tomorrow for Elsa/);
    } finally {
      world.close();
    }
  });
});
