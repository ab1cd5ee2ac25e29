import type restify from 'restify';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { createAdapter } from '../src/botframework/cloud-adapter.js';
import type { Assistant } from '../src/assistant.js';
import type { Settings } from '../src/config.js';
import type { Locale } from '../src/nlu/types.js';
import { createServer } from '../src/server.js';
import { MAX_BODY_BYTES } from '../src/json-body.js';
import { required, silentLogger, testAssistant, testSettings } from './support/fixtures.js';

interface Running {
  server: restify.Server;
  base: string;
  assistant: Assistant;
}

/** The real assistant, adapter and server, listening on a free port of 127.0.0.1. */
async function start(env: Record<string, string> = {}): Promise<Running> {
  const settings: Settings = testSettings(env);
  const logger = silentLogger();
  const assistant = testAssistant(env);
  const adapter = createAdapter(settings, logger, assistant.translations);
  const server = createServer({
    adapter,
    bot: assistant.bot,
    logger,
    health: () => ({ intents: assistant.knowledge.ids.length }),
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return { server, base: `http://127.0.0.1:${port}`, assistant };
}

async function stop(running: Running | undefined): Promise<void> {
  if (!running) return;
  await new Promise<void>((resolve) => {
    running.server.close(() => {
      resolve();
    });
  });
  running.assistant.db.close();
}

let conversations = 0;

/** A Bot Framework activity as a channel posts it, asking for the replies in the HTTP response. */
function activity(fields: Record<string, unknown>): Record<string, unknown> {
  conversations++;
  return {
    type: 'message',
    id: `activity-${conversations}`,
    channelId: 'webchat',
    serviceUrl: 'https://webchat.example.com/',
    deliveryMode: 'expectReplies',
    from: { id: 'guardian-1', name: 'Guardian' },
    recipient: { id: 'hub-assistant', name: 'hub-assistant' },
    conversation: { id: `http-conversation-${conversations}` },
    ...fields,
  };
}

function post(base: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

interface ExpectedReplies {
  activities: { type: string; text?: string; locale?: string }[];
}

describe('the HTTP server without authentication', () => {
  let running: Running;

  beforeAll(async () => {
    running = await start();
  });

  afterAll(async () => {
    await stop(running);
  });

  const answerOf = (intent: string, locale: Locale) =>
    required(running.assistant.knowledge.answer(intent, locale), `answer of ${intent}`);

  it.each([
    { locale: 'sv' as const, text: 'Var ser jag mitt barns betyg?', channelLocale: 'en-US' },
    { locale: 'en' as const, text: "Where can I see my child's grades?", channelLocale: 'sv-SE' },
  ])('POST /api/messages (expectReplies) answers "$text" in $locale', async ({ locale, text, channelLocale }) => {
    const response = await post(running.base, activity({ text, locale: channelLocale }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as ExpectedReplies;
    expect(body.activities).toHaveLength(1);
    expect(body.activities[0]).toMatchObject({ type: 'message', text: answerOf('grades', locale), locale });
  });

  it.each([
    { channelLocale: 'sv-SE', locale: 'sv' as const },
    { channelLocale: 'en-US', locale: 'en' as const },
  ])('a conversationUpdate in $channelLocale gets the $locale welcome', async ({ channelLocale, locale }) => {
    const response = await post(
      running.base,
      activity({
        type: 'conversationUpdate',
        locale: channelLocale,
        membersAdded: [{ id: 'guardian-1', name: 'Guardian' }],
      }),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as ExpectedReplies;
    expect(body.activities.map((a) => a.text)).toEqual([running.assistant.translations[locale]('welcome')]);
  });

  it('GET /healthz → 200, status ok and the number of intents', async () => {
    const response = await fetch(`${running.base}/healthz`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; intents: number };
    expect(body.status).toBe('ok');
    expect(body.intents).toBe(running.assistant.knowledge.ids.length);
    expect(body.intents).toBeGreaterThan(10);
  });

  it('a malformed JSON body → 4xx, and the server still answers the next request', async () => {
    const response = await post(running.base, '{"type": "message", "text": ');
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    await response.arrayBuffer();

    const next = await post(running.base, activity({ text: "Where can I see my child's grades?" }));
    expect(next.status).toBe(200);
    expect(((await next.json()) as ExpectedReplies).activities[0]?.text).toBe(answerOf('grades', 'en'));
  });

  it('a body over the size limit → 413, and the server still answers the next request', async () => {
    const huge = activity({ text: 'x'.repeat(MAX_BODY_BYTES + 1) });
    const response = await post(running.base, huge);
    expect(response.status).toBe(413);
    await response.arrayBuffer();

    const next = await post(running.base, activity({ text: 'Var ser jag mitt barns betyg?' }));
    expect(next.status).toBe(200);
    expect(((await next.json()) as ExpectedReplies).activities[0]?.text).toBe(answerOf('grades', 'sv'));
  });

  it('a body without the required fields (no type) → 4xx without crashing', async () => {
    const { type: _type, ...withoutType } = activity({ text: 'Var ser jag mitt barns betyg?' });
    const response = await post(running.base, withoutType);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    await response.arrayBuffer();

    for (const body of [{}, [], '"message"', { type: 42, text: 'hej' }]) {
      const bad = await post(running.base, body);
      expect(bad.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(bad.status, JSON.stringify(body)).toBeLessThan(500);
      await bad.arrayBuffer();
    }

    const health = await fetch(`${running.base}/healthz`);
    expect(health.status).toBe(200);
  });
});

describe('the HTTP server with a Microsoft app id', () => {
  let running: Running | undefined;

  beforeAll(async () => {
    running = await start({
      MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001',
      MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
    });
  });

  afterAll(async () => {
    await stop(running);
  });

  it('rejects a request without an Authorization header with 401', async () => {
    // botbuilder logs the authentication error with console.error.
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    onTestFinished(() => consoleError.mockRestore());
    const base = required(running, 'server').base;
    const response = await post(base, activity({ text: 'Var ser jag mitt barns betyg?' }));
    expect(response.status).toBe(401);
    await response.arrayBuffer();
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
  });
});
