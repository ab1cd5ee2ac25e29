import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Assistant } from '../../src/assistant.js';
import { Responder } from '../../src/bot/responder.js';
import type { Locale } from '../../src/nlu/types.js';
import {
  BotConversation,
  type ConversationOptions,
  knownTexts,
  languageOf,
  suggestedTitles,
} from '../support/bot-driver.js';
import {
  removeTempDirs,
  required,
  tempDir,
  testAssistant,
  TWIN_QUESTION,
  twinKnowledgeBase,
} from '../support/fixtures.js';

const CHANNEL_LOCALE: Record<Locale, string> = { sv: 'sv-SE', en: 'en-US' };
const other = (locale: Locale): Locale => (locale === 'sv' ? 'en' : 'sv');

let assistant: Assistant;
let texts: Record<Locale, Set<string>>;
let conversations = 0;

beforeAll(() => {
  assistant = testAssistant();
  texts = knownTexts(assistant);
});

afterAll(() => {
  assistant.db.close();
});

beforeEach(() => {
  assistant.db.exec('DELETE FROM unanswered');
});

afterEach(() => {
  removeTempDirs();
});

/** A new conversation (own id, so its state starts empty) with the shared assistant's bot. */
function conversation(options: ConversationOptions = {}, bot = assistant.bot): BotConversation {
  conversations++;
  return new BotConversation(bot, { id: `conversation-${conversations}`, ...options });
}

const say = (locale: Locale, key: string, a: Assistant = assistant): string => a.translations[locale](key);
const answerOf = (intent: string, locale: Locale, a: Assistant = assistant): string =>
  required(a.knowledge.answer(intent, locale), `answer of ${intent} (${locale})`);
const titleOf = (intent: string, locale: Locale, a: Assistant = assistant): string =>
  required(a.knowledge.title(intent, locale), `title of ${intent} (${locale})`);
const followUpTitles = (intent: string, locale: Locale): string[] =>
  assistant.knowledge.followUps(intent).map((id) => titleOf(id, locale));
/** The conversation starters, as the welcome offers them. */
const starterTitles = (locale: Locale): string[] =>
  new Responder(assistant.knowledge, assistant.translations).welcome(locale).offered.map((choice) => choice.title);

describe('FAQ questions', () => {
  const cases: { how: string; locale: Locale; text: string; intent: string }[] = [
    { how: 'clean', locale: 'sv', text: 'Jag har glömt mitt lösenord', intent: 'login.forgot_password' },
    { how: 'misspelled', locale: 'sv', text: 'jag har glömt mitt lösenrod', intent: 'login.forgot_password' },
    { how: 'without å/ä/ö', locale: 'sv', text: 'jag har glomt mitt losenord', intent: 'login.forgot_password' },
    { how: 'clean', locale: 'sv', text: 'Hur anmäler jag frånvaro?', intent: 'absence.report' },
    { how: 'misspelled', locale: 'sv', text: 'hur anmeler jag frånvaro', intent: 'absence.report' },
    { how: 'without å/ä/ö', locale: 'sv', text: 'hur anmaler jag franvaro', intent: 'absence.report' },
    { how: 'clean', locale: 'sv', text: 'Var ser jag mitt barns betyg?', intent: 'grades' },
    { how: 'clean', locale: 'en', text: 'I forgot my password', intent: 'login.forgot_password' },
    { how: 'clean', locale: 'en', text: 'How do I report absence?', intent: 'absence.report' },
    { how: 'misspelled', locale: 'en', text: 'how do i report absense', intent: 'absence.report' },
    { how: 'clean', locale: 'en', text: "Where can I see my child's grades?", intent: 'grades' },
    { how: 'misspelled', locale: 'en', text: 'Where can I se my kids grades', intent: 'grades' },
  ];

  it.each(cases)(
    '$how $locale $text → the $locale answer of $intent with its follow-ups',
    async ({ locale, text, intent }) => {
      // The channel reports the other language: the language written decides.
      const chat = conversation({ locale: CHANNEL_LOCALE[other(locale)] });
      const reply = await chat.ask(text);
      expect(reply.type).toBe('message');
      // A task the assistant cannot do for an unknown account: how to do it yourself, and how to get access.
      const expected =
        assistant.knowledge.kind(intent) === 'task'
          ? `${answerOf(intent, locale)}\n\n${say(locale, 'task.noAccess')}`
          : answerOf(intent, locale);
      expect(reply.text).toBe(expected);
      expect(reply.locale).toBe(locale);
      expect(reply.suggestedActions?.to).toEqual([chat.userAccount.id]);
      expect(reply.suggestedActions?.actions).toEqual(
        followUpTitles(intent, locale).map((title) => ({ type: 'imBack', title, value: title })),
      );
    },
  );
});

describe('the conversation language', () => {
  it.each([
    {
      locale: 'sv' as const,
      question: 'Var ser jag mitt barns betyg?',
      small: ['ok', 'tack'],
      switchQuestion: "Where can I see my child's grades?",
    },
    {
      locale: 'en' as const,
      question: "Where can I see my child's grades?",
      small: ['ok', 'thanks'],
      switchQuestion: 'Var ser jag mitt barns betyg?',
    },
  ])(
    'after a $locale question, short replies stay $locale; a clear question in the other language switches',
    async ({ locale, question, small, switchQuestion }) => {
      const chat = conversation({ locale: CHANNEL_LOCALE[other(locale)] });
      expect((await chat.ask(question)).text).toBe(answerOf('grades', locale));
      for (const text of small) {
        const reply = await chat.ask(text);
        expect(languageOf(reply, texts), `reply to "${text}": ${reply.text ?? ''}`).toBe(locale);
      }
      const switched = await chat.ask(switchQuestion);
      expect(switched.text).toBe(answerOf('grades', other(locale)));
      expect(switched.locale).toBe(other(locale));
    },
  );

  it.each([
    {
      from: 'sv' as const,
      to: 'en' as const,
      question: 'Var ser jag mitt barns betyg?',
      request: 'kan du svara på engelska',
      back: 'answer in Swedish please',
    },
    {
      from: 'en' as const,
      to: 'sv' as const,
      question: "Where can I see my child's grades?",
      request: 'Please answer in Swedish',
      back: 'kan du svara på engelska',
    },
  ])(
    '$request switches to $to, kept for $from questions until $back',
    async ({ from, to, question, request, back }) => {
      const chat = conversation({ locale: CHANNEL_LOCALE[from] });
      expect((await chat.ask(question)).locale).toBe(from);

      const switched = await chat.ask(request);
      expect(switched.text).toBe(answerOf('language.switch', to));
      expect(switched.locale).toBe(to);
      expect(suggestedTitles(switched)).toEqual(starterTitles(to));

      // Questions in the old language are answered in the chosen one.
      expect((await chat.ask(question)).text).toBe(answerOf('grades', to));
      expect(languageOf(await chat.ask('ok'), texts)).toBe(to);

      const back1 = await chat.ask(back);
      expect(back1.text).toBe(answerOf('language.switch', from));
      expect(back1.locale).toBe(from);
      // A chosen language is not changed by the language of a question, only by another request.
      const questionInTo = to === 'en' ? "Where can I see my child's grades?" : 'Var ser jag mitt barns betyg?';
      expect((await chat.ask(questionInTo)).text).toBe(answerOf('grades', from));
    },
  );
});

describe('questions the assistant cannot answer', () => {
  it.each([
    { locale: 'sv' as const, text: 'vad blir det för lunch idag' },
    { locale: 'en' as const, text: "what's the weather tomorrow" },
  ])('$locale $text → unknown, recorded as abstained', async ({ locale, text }) => {
    const chat = conversation({ locale: CHANNEL_LOCALE[other(locale)] });
    const reply = await chat.ask(text);
    expect(reply.text).toBe(say(locale, 'unknown'));
    expect(reply.locale).toBe(locale);
    expect(reply.suggestedActions).toBeUndefined();
    expect(assistant.unanswered.list()).toMatchObject([{ text, reason: 'abstained', locale, channel: 'test' }]);
  });

  it.each([
    {
      locale: 'sv' as const,
      text: 'Vad blir det för lunch idag? Mitt barn har personnummer 20120315-1234, ring mig på 070-123 45 67',
    },
    {
      locale: 'en' as const,
      text: "What's the weather tomorrow? My son is 20120315-1234, call me on 070-123 45 67",
    },
  ])('stores a $locale question without personnummer or phone number', async ({ locale, text }) => {
    const chat = conversation({ locale: CHANNEL_LOCALE[locale] });
    expect((await chat.ask(text)).text).toBe(say(locale, 'unknown'));
    const [entry, ...rest] = assistant.unanswered.list();
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({ reason: 'abstained', locale, channel: 'test' });
    const stored = required(entry, 'stored question').text;
    expect(stored).not.toContain('20120315');
    expect(stored).not.toContain('1234');
    expect(stored).not.toContain('070');
    expect(stored).not.toContain('45 67');
    expect(stored).toMatch(/lunch|weather/);
    // The conversation state (kept for a later hand-off) is stored too, and must be just as clean.
    const state = assistant.db.prepare('SELECT value FROM conversation_state').all() as { value: string }[];
    expect(state.length).toBeGreaterThan(0);
    for (const { value } of state) {
      expect(value).not.toContain('20120315');
      expect(value).not.toContain('45 67');
    }
  });
});

describe('follow-ups', () => {
  it.each([
    { locale: 'sv' as const, question: 'Var ser jag mitt barns betyg?', pick: 'title' },
    { locale: 'sv' as const, question: 'Var ser jag mitt barns betyg?', pick: 'number' },
    { locale: 'en' as const, question: "Where can I see my child's grades?", pick: 'title' },
    { locale: 'en' as const, question: "Where can I see my child's grades?", pick: 'number' },
  ])('$locale: choosing the second follow-up by its $pick answers it', async ({ locale, question, pick }) => {
    const chat = conversation({ locale: CHANNEL_LOCALE[locale] });
    const first = await chat.ask(question);
    const second = required(assistant.knowledge.followUps('grades')[1], 'second follow-up');
    expect(suggestedTitles(first)[1]).toBe(titleOf(second, locale));

    const reply = await chat.ask(pick === 'title' ? titleOf(second, locale) : '2');
    expect(reply.text).toBe(answerOf(second, locale));
    expect(reply.locale).toBe(locale);
    expect(suggestedTitles(reply)).toEqual(followUpTitles(second, locale));
  });
});

describe('did you mean …?', () => {
  let twins: Assistant;

  beforeAll(() => {
    twins = testAssistant({ HUB_FAQ_DIR: twinKnowledgeBase(tempDir()) });
  });

  afterAll(() => {
    twins.db.close();
  });

  beforeEach(() => {
    twins.db.exec('DELETE FROM unanswered');
  });

  async function askTwinQuestion(locale: Locale): Promise<{ chat: BotConversation; reply: Partial<Activity> }> {
    expect(twins.matcher.classify(TWIN_QUESTION[locale], locale)).toMatchObject({ ambiguous: true, locale });
    const chat = conversation({ locale: CHANNEL_LOCALE[locale] }, twins.bot);
    return { chat, reply: await chat.ask(TWIN_QUESTION[locale]) };
  }

  it.each(['sv', 'en'] as const)('%s: asks with both titles and "none of these"', async (locale) => {
    const { reply } = await askTwinQuestion(locale);
    expect(reply.text).toBe(say(locale, 'didYouMean', twins));
    expect(reply.locale).toBe(locale);
    const titles = suggestedTitles(reply);
    expect(titles).toHaveLength(3);
    expect(titles.slice(0, 2).sort()).toEqual(
      [titleOf('laundry.alfa', locale, twins), titleOf('laundry.beta', locale, twins)].sort(),
    );
    expect(titles[2]).toBe(say(locale, 'noneOfThese', twins));
  });

  it.each(['sv', 'en'] as const)('%s: choosing a title answers that intent', async (locale) => {
    const { chat } = await askTwinQuestion(locale);
    const reply = await chat.ask(titleOf('laundry.beta', locale, twins));
    expect(reply.text).toBe(answerOf('laundry.beta', locale, twins));
    expect(reply.locale).toBe(locale);
    expect(twins.unanswered.list()).toEqual([]);
  });

  it.each(['sv', 'en'] as const)(
    '%s: "none of these" records the question as a rejected suggestion',
    async (locale) => {
      const { chat } = await askTwinQuestion(locale);
      const reply = await chat.ask(say(locale, 'noneOfThese', twins));
      expect(reply.text).toBe(say(locale, 'unknownAfterRejection', twins));
      expect(reply.suggestedActions).toBeUndefined();
      expect(twins.unanswered.list()).toMatchObject([
        { text: TWIN_QUESTION[locale], reason: 'rejected_suggestion', locale, channel: 'test' },
      ]);
    },
  );

  it('a typed number picks from the choices too ("3" = none of these)', async () => {
    const { chat } = await askTwinQuestion('sv');
    expect((await chat.ask('3')).text).toBe(say('sv', 'unknownAfterRejection', twins));
    expect(twins.unanswered.list()).toHaveLength(1);
  });
});

describe('small talk and hand-off', () => {
  it.each([
    { locale: 'sv' as const, text: 'Hejsan' },
    { locale: 'en' as const, text: 'Hello' },
  ])('$locale greeting $text → the greeting answer with the starters', async ({ locale, text }) => {
    const reply = await conversation({ locale: CHANNEL_LOCALE[locale] }).ask(text);
    expect(reply.text).toBe(answerOf('greeting', locale));
    expect(reply.locale).toBe(locale);
    expect(suggestedTitles(reply)).toEqual(starterTitles(locale));
  });

  it.each([
    { locale: 'sv' as const, question: 'Var ser jag mitt barns betyg?', handoff: 'jag vill prata med en människa' },
    { locale: 'en' as const, question: "Where can I see my child's grades?", handoff: 'I want to talk to a human' },
  ])('$locale $handoff → hand-off answer and note, previous question recorded', async (c) => {
    const chat = conversation({ locale: CHANNEL_LOCALE[c.locale] });
    await chat.ask(c.question);
    const reply = await chat.ask(c.handoff);
    expect(reply.text).toBe(`${answerOf('handoff.human', c.locale)}\n\n${say(c.locale, 'handoffNoted')}`);
    expect(reply.locale).toBe(c.locale);
    expect(suggestedTitles(reply)).toEqual(followUpTitles('handoff.human', c.locale));
    expect(assistant.unanswered.list()).toMatchObject([
      { text: c.question, reason: 'handoff', locale: c.locale, channel: 'test' },
    ]);
  });
});

describe('conversation start and unusual messages', () => {
  it.each([
    { channelLocale: 'sv-SE', locale: 'sv' as const },
    { channelLocale: 'en-US', locale: 'en' as const },
  ])('a new member in $channelLocale gets the $locale welcome', async ({ channelLocale, locale }) => {
    const chat = conversation({ locale: channelLocale });
    const replies = await chat.join();
    expect(replies).toHaveLength(1);
    const [welcome] = replies;
    expect(welcome?.text).toBe(say(locale, 'welcome'));
    expect(welcome?.locale).toBe(locale);
    const titles = suggestedTitles(required(welcome, 'welcome'));
    expect(titles.length).toBeGreaterThan(0);
    for (const title of titles) {
      expect(assistant.knowledge.ids.some((id) => assistant.knowledge.title(id, locale) === title)).toBe(true);
    }
  });

  it('in Teams, greets when the app is installed for one guardian (the bot joins a personal chat), not in a team', async () => {
    const personal = conversation({ channelId: 'msteams', conversationType: 'personal', locale: 'sv-SE' });
    const [welcome] = await personal.send({
      type: 'conversationUpdate',
      text: undefined,
      membersAdded: [personal.botAccount],
    });
    expect(welcome?.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(welcome?.attachments?.[0]?.content)).toContain(say('sv', 'welcome').split('\n')[0]);
    const team = conversation({ channelId: 'msteams', conversationType: 'channel', locale: 'sv-SE' });
    expect(await team.send({ type: 'conversationUpdate', text: undefined, membersAdded: [team.botAccount] })).toEqual(
      [],
    );
  });

  it('says nothing when only the bot itself joins', async () => {
    const chat = conversation();
    expect(await chat.send({ type: 'conversationUpdate', text: undefined, membersAdded: [chat.botAccount] })).toEqual(
      [],
    );
  });

  it.each([
    { channelLocale: 'sv-SE', locale: 'sv' as const },
    { channelLocale: 'en-US', locale: 'en' as const },
  ])('an attachment without text → notText ($locale)', async ({ channelLocale, locale }) => {
    const reply = await conversation({ locale: channelLocale }).ask({
      text: undefined,
      attachments: [{ contentType: 'image/png', contentUrl: 'https://example.com/photo.png' }],
    });
    expect(reply.text).toBe(say(locale, 'notText'));
    expect(reply.locale).toBe(locale);
  });

  it.each([
    { locale: 'sv' as const, sentence: 'Var ser jag mitt barns betyg? ' },
    { locale: 'en' as const, sentence: "Where can I see my child's grades? " },
  ])('a 5,000-character $locale message → the tooLong note, then an answer', async ({ locale, sentence }) => {
    const text = sentence.repeat(Math.ceil(5000 / sentence.length)).slice(0, 5000);
    expect(text).toHaveLength(5000);
    const replies = await conversation({ locale: CHANNEL_LOCALE[locale] }).send(text);
    expect(replies).toHaveLength(2);
    expect(replies[0]?.text).toBe(say(locale, 'tooLong'));
    expect(languageOf(required(replies[1], 'answer'), texts)).toBe(locale);
  });
});

describe('Microsoft Teams', () => {
  const mentioned = (chat: BotConversation): Partial<Activity> => ({
    channelId: 'msteams',
    text: '<at>hub-assistant</at> glömt lösenord',
    entities: [{ type: 'mention', mentioned: chat.botAccount, text: '<at>hub-assistant</at>' }],
  });

  /** The text blocks of a Teams answer card, one per line of the answer. */
  const cardLines = (reply: Partial<Activity>): string =>
    (reply.attachments?.[0]?.content as { body: { type: string; text?: string }[] }).body
      .filter((block) => block.type === 'TextBlock')
      .map((block) => block.text)
      .join('\n');
  const cardButtons = (reply: Partial<Activity>) =>
    (reply.attachments?.[0]?.content as { actions: { title: string; data: unknown }[] }).actions;
  const followUpButtons = (intent: string) =>
    followUpTitles(intent, 'sv').map((title) => ({
      type: 'Action.Submit',
      title,
      data: { msteams: { type: 'imBack', value: title } },
    }));

  it('reads "<at>hub-assistant</at> glömt lösenord" as "glömt lösenord" (personal chat): the answer is a card', async () => {
    const chat = conversation({ channelId: 'msteams', conversationType: 'personal' });
    const reply = await chat.ask(mentioned(chat));
    expect(cardLines(reply)).toContain(answerOf('login.forgot_password', 'sv').split('\n')[0]);
    expect(reply.locale).toBe('sv');
    expect(reply.suggestedActions).toBeUndefined();
    expect(cardButtons(reply)).toEqual(followUpButtons('login.forgot_password'));
  });

  it('a bare @mention is a message without text', async () => {
    const chat = conversation({ channelId: 'msteams', conversationType: 'channel', locale: 'sv-SE' });
    const reply = await chat.ask({ ...mentioned(chat), text: '<at>hub-assistant</at>' });
    expect(reply.text).toBe(say('sv', 'notText'));
  });

  it('an @mention with an attachment and no text at all gets the polite "text only" reply', async () => {
    const chat = conversation({ channelId: 'msteams', conversationType: 'channel', locale: 'sv-SE' });
    const { text: _text, ...withoutText } = mentioned(chat);
    const reply = await chat.ask({
      ...withoutText,
      attachments: [{ contentType: 'image/png', contentUrl: 'https://example.invalid/picture.png' }],
    });
    expect(reply.text).toBe(say('sv', 'notText'));
  });

  it('offers the follow-ups as card buttons in a channel', async () => {
    const chat = conversation({ channelId: 'msteams', conversationType: 'channel' });
    const reply = await chat.ask(mentioned(chat));
    expect(cardLines(reply)).toContain(answerOf('login.forgot_password', 'sv').split('\n')[0]);
    expect(reply.suggestedActions).toBeUndefined();
    expect(cardButtons(reply)).toEqual(followUpButtons('login.forgot_password'));
  });

  it('runs no task in a channel, where others would read the summary: it points to a private chat', async () => {
    const chat = conversation({ channelId: 'msteams', conversationType: 'channel', locale: 'sv-SE' });
    const reply = await chat.ask({ ...mentioned(chat), text: '<at>hub-assistant</at> jag vill anmäla frånvaro' });
    expect(cardLines(reply)).toContain(say('sv', 'task.privateOnly'));
  });
});

describe('state across a restart', () => {
  it('keeps the chosen language and the offered follow-ups in the database file', async () => {
    const file = join(tempDir(), 'state', 'hub.db');
    const before = testAssistant({ HUB_DB_PATH: file });
    try {
      const chat = new BotConversation(before.bot, { id: 'restart-conversation', locale: 'sv-SE' });
      expect((await chat.ask('kan du svara på engelska')).locale).toBe('en');
      const answer = await chat.ask('Var ser jag mitt barns betyg?');
      expect(answer.text).toBe(answerOf('grades', 'en'));
    } finally {
      before.db.close();
    }

    const after = testAssistant({ HUB_DB_PATH: file });
    try {
      const chat = new BotConversation(after.bot, { id: 'restart-conversation', locale: 'sv-SE' });
      const second = required(after.knowledge.followUps('grades')[1], 'second follow-up');
      const picked = await chat.ask('2');
      expect(picked.text).toBe(answerOf(second, 'en', after));
      const ok = await chat.ask('ok');
      expect(languageOf(ok, knownTexts(after))).toBe('en');
      expect((await chat.ask('Var ser jag mitt barns betyg?')).text).toBe(answerOf('grades', 'en', after));
    } finally {
      after.db.close();
    }
  });
});
