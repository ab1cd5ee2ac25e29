import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assistant } from '../../src/assistant.js';
import type { Locale } from '../../src/nlu/types.js';
import { BotConversation, knownTexts, languageOf } from '../support/bot-driver.js';
import { required, testAssistant } from '../support/fixtures.js';

/** The language rules of a conversation, driven through the real bot. */

let assistant: Assistant;
let conversations = 0;

beforeAll(() => {
  assistant = testAssistant();
});

afterAll(() => {
  assistant.db.close();
});

/** A new conversation; `locale: ''` is a channel that says nothing about the language (SMS, plain HTTP). */
function conversation(locale: string, a: Assistant = assistant): BotConversation {
  conversations++;
  return new BotConversation(a.bot, { id: `language-${conversations}`, locale });
}

const answerOf = (intent: string, locale: Locale, a: Assistant = assistant): string =>
  required(a.knowledge.answer(intent, locale), `answer of ${intent} (${locale})`);

describe('a new conversation on a channel that gives no language', () => {
  it.each<{ text: string; locale: Locale; intent: string }>([
    { text: 'password', locale: 'en', intent: 'login.forgot_password' },
    { text: 'help', locale: 'en', intent: 'help' },
    { text: 'absence', locale: 'en', intent: 'absence.report' },
    { text: 'lösenord', locale: 'sv', intent: 'login.forgot_password' },
    { text: 'hjälp', locale: 'sv', intent: 'help' },
  ])('"$text" is answered in $locale', async ({ text, locale, intent }) => {
    const reply = await conversation('').ask(text);
    expect(reply.locale).toBe(locale);
    // "absence" is a task: an account the school does not know gets how to do it, in the same language.
    expect(reply.text?.startsWith(answerOf(intent, locale))).toBe(true);
  });

  describe('with HUB_DEFAULT_LOCALE=en', () => {
    let english: Assistant;
    beforeAll(() => {
      english = testAssistant({ HUB_DEFAULT_LOCALE: 'en' });
    });
    afterAll(() => {
      english.db.close();
    });

    it('a message that tells no language is answered in HUB_DEFAULT_LOCALE', async () => {
      expect(languageOf(await conversation('', english).ask('ok'), knownTexts(english))).toBe('en');
      expect(languageOf(await conversation('').ask('ok'), knownTexts(assistant))).toBe('sv');
    });
  });

  it('the language of the first message stays for short replies after it', async () => {
    const chat = conversation('');
    expect((await chat.ask('password')).locale).toBe('en');
    expect(languageOf(await chat.ask('ok'), knownTexts(assistant))).toBe('en');
  });

  it('"change language please" from an English guardian keeps English (it is not switched to Swedish)', async () => {
    const chat = conversation('');
    const switched = await chat.ask('change language please');
    expect(switched.text).toBe(answerOf('language.switch', 'en'));
    expect((await chat.ask('Var ser jag mitt barns betyg?')).text).toBe(answerOf('grades', 'en'));
  });
});

describe('asking the assistant for a language', () => {
  it.each<{ channel: string; request: string; to: Locale }>([
    { channel: 'sv-SE', request: 'English please', to: 'en' },
    { channel: 'sv-SE', request: 'change language', to: 'en' },
    { channel: 'en-US', request: 'kan vi byta till svenska?', to: 'sv' },
    { channel: 'en-US', request: 'can you write in Swedish', to: 'sv' },
  ])('$channel: "$request" → $to for good', async ({ channel, request, to }) => {
    const chat = conversation(channel);
    const switched = await chat.ask(request);
    expect(switched.text).toBe(answerOf('language.switch', to));
    expect(switched.locale).toBe(to);
    const question = to === 'en' ? 'Var ser jag mitt barns betyg?' : "Where can I see my child's grades?";
    expect((await chat.ask(question)).text).toBe(answerOf('grades', to));
  });

  it.each<{ channel: string; locale: Locale; question: string; next: string }>([
    {
      channel: 'sv-SE',
      locale: 'sv',
      question: 'hur byter jag språk i appen till engelska?',
      next: 'Var ser jag mitt barns betyg?',
    },
    {
      channel: 'en-US',
      locale: 'en',
      question: 'How do I set the app to Swedish?',
      next: "Where can I see my child's grades?",
    },
  ])('$channel: a question about the app’s language setting changes nothing', async (c) => {
    const chat = conversation(c.channel);
    const reply = await chat.ask(c.question);
    expect(reply.locale).toBe(c.locale);
    expect(reply.text).not.toBe(answerOf('language.switch', c.locale));
    expect(reply.text).not.toBe(answerOf('language.switch', c.locale === 'sv' ? 'en' : 'sv'));
    expect((await chat.ask(c.next)).text).toBe(answerOf('grades', c.locale));
    expect(languageOf(await chat.ask('ok'), knownTexts(assistant))).toBe(c.locale);
  });
});
