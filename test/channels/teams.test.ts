/**
 * Microsoft Teams end to end: Teams-shaped activities are posted to `POST /api/messages` of the real server (no
 * app id, no expectReplies), and the replies the CloudAdapter sends back are captured by a stand-in Bot Connector
 * at the activity's `serviceUrl`, so the real outgoing path is what is tested.
 */
import { once } from 'node:events';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type restify from 'restify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAdapter } from '../../src/botframework/cloud-adapter.js';
import { type Assistant, createAssistant } from '../../src/assistant.js';
import type { Locale } from '../../src/nlu/types.js';
import { createServer } from '../../src/server.js';
import { required, silentLogger, testSettings } from '../support/fixtures.js';

/** Tuesday 10 March 2026, 08:00 in Stockholm: a school day, so "today" can be reported. */
const NOW = '2026-03-10T07:00:00Z';
const TENANT = '72f988bf-0000-4000-8000-000000000000';
const BOT = { id: '28:3f9a1c52-0000-4000-8000-0000000000b0', name: 'Hub' };
/** Teams accounts of the demo school (src/backend/embedded/demo-data.ts) and one the school does not know. */
const ANNA = { id: '29:1anna-teams-user', name: 'Anna Provsson', aadObjectId: '00000000-0000-4000-8000-00000000A001' };
const STRANGER = { id: '29:1stranger', name: 'Kim Okänd', aadObjectId: '00000000-0000-4000-8000-00000000ffff' };

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

interface SentActivity {
  type: string;
  text?: string;
  locale?: string;
  replyToId?: string;
  summary?: string;
  conversation?: { id: string };
  suggestedActions?: { actions: { type: string; title: string; value: string }[] };
  attachments?: { contentType: string; content: TeamsCard }[];
}

interface TeamsCard {
  type: string;
  version: string;
  body: { type: string; text?: string; facts?: { title: string; value: string }[] }[];
  actions: { type: string; title: string; data: { msteams: { type: string; value: string } } }[];
}

/** What the stand-in Bot Connector received: the URL path and the activity. */
interface Captured {
  path: string;
  activity: SentActivity;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}

/** A Bot Connector stand-in: accepts `POST /v3/conversations/:id/activities[/:replyToId]` and keeps each activity. */
async function startConnector(captured: Captured[]): Promise<{ server: Server; url: string }> {
  let replies = 0;
  const server = createHttpServer((req, res) => {
    void (async () => {
      if (req.method === 'POST' && req.url?.startsWith('/v3/conversations/')) {
        captured.push({ path: req.url, activity: (await readJson(req)) as SentActivity });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `reply-${++replies}` }));
        return;
      }
      res.writeHead(404);
      res.end();
    })();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

let assistant: Assistant;
let server: restify.Server;
let connector: Server;
let base: string;
let serviceUrl: string;
const captured: Captured[] = [];

beforeAll(async () => {
  const settings = testSettings();
  const logger = silentLogger();
  assistant = createAssistant(settings, logger, { clock: () => new Date(NOW) });
  server = createServer({
    adapter: createAdapter(settings, logger, assistant.translations),
    bot: assistant.bot,
    logger,
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  base = `http://127.0.0.1:${server.address().port}`;
  const started = await startConnector(captured);
  connector = started.server;
  serviceUrl = `${started.url}/`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  connector.close();
  assistant.db.close();
});

beforeEach(() => {
  captured.splice(0);
});

let sequence = 0;

interface Chat {
  conversationId: string;
  conversationType: 'personal' | 'channel' | 'groupChat';
  from: typeof ANNA;
  locale: string;
}

function personalChat(from: typeof ANNA, locale: string): Chat {
  return { conversationId: `a:1personal-${++sequence}`, conversationType: 'personal', from, locale };
}

function channelThread(from: typeof ANNA, locale: string): Chat {
  return {
    conversationId: `19:general-${++sequence}@thread.tacv2;messageid=17000000000${sequence}`,
    conversationType: 'channel',
    from,
    locale,
  };
}

/** A message as Teams posts it; in a channel the bot is @mentioned, as Teams requires there. */
function teamsMessage(chat: Chat, text: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  const mention = chat.conversationType === 'personal' ? '' : `<at>${BOT.name}</at> `;
  return {
    type: 'message',
    id: `17000000${++sequence}`,
    timestamp: new Date(NOW).toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: chat.from,
    recipient: BOT,
    conversation: {
      id: chat.conversationId,
      conversationType: chat.conversationType,
      tenantId: TENANT,
      ...(chat.conversationType === 'personal' ? {} : { isGroup: true }),
    },
    text: `${mention}${text}`,
    textFormat: 'plain',
    locale: chat.locale,
    entities: [
      ...(mention ? [{ type: 'mention', mentioned: BOT, text: `<at>${BOT.name}</at>` }] : []),
      { type: 'clientInfo', locale: chat.locale, country: 'SE', platform: 'Web', timezone: 'Europe/Stockholm' },
    ],
    channelData: {
      tenant: { id: TENANT },
      ...(chat.conversationType === 'channel'
        ? { teamsChannelId: '19:general@thread.tacv2', teamsTeamId: '19:team@thread.tacv2' }
        : {}),
    },
    ...fields,
  };
}

/** Posts an activity and returns the replies the adapter sent to the Bot Connector for it. */
async function post(activity: Record<string, unknown>): Promise<SentActivity[]> {
  const before = captured.length;
  const response = await fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  expect(response.status).toBe(200);
  await response.arrayBuffer();
  const sent = captured.slice(before);
  const conversation = encodeURIComponent((activity.conversation as { id: string }).id);
  for (const { path, activity: reply } of sent) {
    // Replies go to the conversation, threaded under the message they answer.
    expect(path).toBe(`/v3/conversations/${conversation}/activities/${String(activity.id)}`);
    expect(reply.replyToId).toBe(activity.id);
  }
  return sent.map((entry) => entry.activity);
}

const say = (chat: Chat, text: string) => post(teamsMessage(chat, text));

function cardOf(reply: SentActivity | undefined): TeamsCard {
  expect(reply?.attachments).toHaveLength(1);
  const attachment = required(reply?.attachments?.[0], 'card');
  expect(attachment.contentType).toBe(ADAPTIVE_CARD);
  expect(attachment.content.type).toBe('AdaptiveCard');
  expect(['1.4', '1.5']).toContain(attachment.content.version);
  return attachment.content;
}

const cardTexts = (card: TeamsCard) => card.body.flatMap((element) => (element.text ? [element.text] : []));
const buttons = (card: TeamsCard) => card.actions.map((action) => action.data.msteams.value);
const suggestions = (reply: SentActivity | undefined) => (reply?.suggestedActions?.actions ?? []).map((a) => a.title);

const answerOf = (intent: string, locale: Locale) =>
  required(assistant.knowledge.answer(intent, locale), `answer of ${intent}`);
const followUpTitles = (intent: string, locale: Locale) =>
  assistant.knowledge.followUps(intent).map((id) => required(assistant.knowledge.title(id, locale), id));
const t = (locale: Locale, key: string, args?: Record<string, unknown>) => assistant.translations[locale](key, args);

describe('Microsoft Teams through /api/messages and the Bot Connector', () => {
  it('an FAQ answer is one Adaptive Card: the answer, and the follow-ups as buttons that send their text back', async () => {
    const chat = personalChat(ANNA, 'sv-SE');
    const replies = await say(chat, 'glömt lösenord');
    expect(replies).toHaveLength(1);
    const [reply] = replies;
    expect(reply).toMatchObject({ type: 'message', text: '', locale: 'sv' });
    // The notification text: the start of the answer.
    expect(answerOf('login.forgot_password', 'sv').startsWith(required(reply?.summary, 'summary').slice(0, -1))).toBe(
      true,
    );
    expect(reply?.suggestedActions).toBeUndefined();
    const card = cardOf(reply);
    expect(cardTexts(card)).toEqual([answerOf('login.forgot_password', 'sv'), t('sv', 'followUpsIntro')]);
    const titles = followUpTitles('login.forgot_password', 'sv');
    expect(titles.length).toBeGreaterThanOrEqual(2);
    expect(card.actions).toEqual(
      titles.map((title) => ({ type: 'Action.Submit', title, data: { msteams: { type: 'imBack', value: title } } })),
    );

    // Tapping a button sends its title as the guardian's message: the follow-up is answered.
    const [tapped] = await say(chat, required(titles[0], 'first follow-up'));
    const followUp = required(assistant.knowledge.followUps('login.forgot_password')[0], 'follow-up id');
    expect(cardTexts(cardOf(tapped))[0]).toBe(answerOf(followUp, 'sv'));
  });

  it('"<at>Hub</at> …" in a channel: the mention is removed and the question answered, with card buttons', async () => {
    const chat = channelThread(STRANGER, 'en-US');
    const replies = await say(chat, "where can I see my child's grades?");
    expect(replies).toHaveLength(1);
    const card = cardOf(replies[0]);
    expect(cardTexts(card)[0]).toBe(answerOf('grades', 'en'));
    expect(buttons(card)).toEqual(followUpTitles('grades', 'en'));
    expect(replies[0]?.suggestedActions).toBeUndefined();
  });

  it('"<at>Hub</at> how do I report absence" in a channel: how, and that tasks are done in a private chat (others read here)', async () => {
    const chat = channelThread(ANNA, 'en-US');
    const replies = await say(chat, 'how do I report absence');
    expect(replies).toHaveLength(1);
    expect(cardTexts(cardOf(replies[0]))).toEqual(
      expect.arrayContaining([answerOf('absence.report', 'en'), t('en', 'task.privateOnly')]) as unknown,
    );
    expect(replies[0]?.locale).toBe('en');
  });

  it('"how do I report absence" in a private chat from an account the school does not know: how, and how to get access', async () => {
    const chat = personalChat(STRANGER, 'en-US');
    const replies = await say(chat, 'how do I report absence');
    expect(replies).toHaveLength(1);
    expect(cardTexts(cardOf(replies[0]))).toEqual(
      expect.arrayContaining([answerOf('absence.report', 'en'), t('en', 'task.noAccess')]) as unknown,
    );
  });

  it('an unknown Teams user still gets FAQ answers', async () => {
    const chat = personalChat(STRANGER, 'sv-SE');
    const [reply] = await say(chat, 'Var ser jag mitt barns betyg?');
    expect(cardTexts(cardOf(reply))[0]).toBe(answerOf('grades', 'sv'));
  });

  it('the Teams account …a001 is Anna: her children are offered, the summary is a card, tapping "Ja" registers it once', async () => {
    const anna = required(await assistant.backend.findGuardian('teams', ANNA.aadObjectId.toLowerCase()), 'Anna');
    const children = await assistant.backend.children(anna.guardian.id);
    const nils = required(
      children.find((child) => child.name.startsWith('Nils')),
      'Nils',
    );
    const chat = personalChat(ANNA, 'sv-SE');

    // A short prompt in a one-to-one chat: suggested actions.
    const askChild = (await say(chat, 'anmäla frånvaro')).at(-1);
    expect(askChild?.attachments).toBeUndefined();
    const names = suggestions(askChild);
    expect(names).toEqual(expect.arrayContaining(children.map((child) => child.name.split(' ')[0])) as unknown);

    expect(suggestions((await say(chat, 'Nils')).at(-1))).toEqual([
      t('sv', 'absence.today'),
      t('sv', 'absence.tomorrow'),
    ]);
    const afterDay = await say(chat, t('sv', 'absence.today'));
    expect(suggestions(afterDay.at(-1))).toEqual([t('sv', 'absence.reason.ill'), t('sv', 'absence.reason.other')]);

    const summaryReplies = await say(chat, t('sv', 'absence.reason.ill'));
    expect(summaryReplies).toHaveLength(1);
    const summary = cardOf(summaryReplies[0]);
    expect(cardTexts(summary)).toContain(t('sv', 'absence.summaryTitle'));
    const facts = required(summary.body.find((element) => element.type === 'FactSet')?.facts, 'facts');
    expect(facts.map((fact) => fact.title)).toEqual([
      t('sv', 'absence.fact.child'),
      t('sv', 'absence.fact.date'),
      t('sv', 'absence.fact.time'),
      t('sv', 'absence.fact.reason'),
    ]);
    expect(facts[0]?.value).toContain('Nils');
    expect(buttons(summary)).toEqual([t('sv', 'choice.yes'), t('sv', 'choice.no')]);
    expect(summary.actions.map((action) => action.type)).toEqual(['Action.Submit', 'Action.Submit']);
    expect(await assistant.backend.absences(anna.guardian.id, nils.id)).toEqual([]);

    // The button's imBack comes back as the message text "Ja".
    const tap = teamsMessage(chat, required(buttons(summary)[0], 'Ja'));
    const receiptReplies = await post(tap);
    const receipt = cardOf(receiptReplies.at(-1));
    expect(cardTexts(receipt)).toContain(t('sv', 'absence.receiptTitle'));
    expect(receipt.actions).toEqual([]);
    expect(await assistant.backend.absences(anna.guardian.id, nils.id)).toHaveLength(1);

    // Teams re-sends an activity it got no answer for: the same replies, nothing registered twice.
    const again = await post(tap);
    expect(again.map((reply) => reply.attachments?.[0]?.content)).toEqual(
      receiptReplies.map((reply) => reply.attachments?.[0]?.content),
    );
    expect(await assistant.backend.absences(anna.guardian.id, nils.id)).toHaveLength(1);
  });

  it.each([
    { channelLocale: 'en-US', locale: 'en' as const },
    { channelLocale: 'sv-SE', locale: 'sv' as const },
  ])(
    'a message that is the same in both languages ("Schema") is answered in the Teams client language ($channelLocale)',
    async ({ channelLocale, locale }) => {
      const [reply] = await say(personalChat(ANNA, channelLocale), 'Schema');
      expect(reply?.locale).toBe(locale);
      expect(cardTexts(cardOf(reply))[0]).toBe(answerOf('box.timetable', locale));
    },
  );

  it('a conversationUpdate adding the guardian gets the welcome card in the client language (en-US)', async () => {
    const chat = personalChat(ANNA, 'en-US');
    const { text: _text, entities: _entities, ...update } = teamsMessage(chat, '');
    const replies = await post({ ...update, type: 'conversationUpdate', membersAdded: [ANNA, BOT] });
    expect(replies).toHaveLength(1);
    const card = cardOf(replies[0]);
    expect(cardTexts(card)[0]).toBe(t('en', 'welcome'));
    expect(card.actions).toHaveLength(3);
  });
});
