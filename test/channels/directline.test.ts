import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import type restify from 'restify';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { createAdapter } from '../../src/botframework/cloud-adapter.js';
import { type Assistant, createAssistant } from '../../src/assistant.js';
import { DEMO } from '../../src/backend/embedded/demo-data.js';
import { type DirectLineOptions, directLineRoutes } from '../../src/channels/directline/index.js';
import type { WireActivity } from '../../src/channels/directline/store.js';
import type { Locale } from '../../src/nlu/types.js';
import { createServer } from '../../src/server.js';
import type { Clock } from '../../src/time/stockholm.js';
import { removeTempDirs, required, silentLogger, tempDir, testSettings } from '../support/fixtures.js';

/** The shared secret a hosting site signs user tokens with (test value, at least 32 characters). */
const USER_SECRET = 'test-secret-of-the-hosting-site-0123456789';

interface Running {
  server: restify.Server;
  base: string;
  assistant: Assistant;
}

interface StartOptions extends DirectLineOptions {
  env?: Record<string, string>;
  clock?: Clock;
}

const running: Running[] = [];

/** The real assistant behind the real server with the Direct Line routes, on a free port of 127.0.0.1. */
async function start(options: StartOptions = {}): Promise<Running> {
  const settings = testSettings(options.env ?? {});
  const logger = silentLogger();
  const assistant = createAssistant(settings, logger, options.clock ? { clock: options.clock } : {});
  const server = createServer({
    adapter: createAdapter(settings, logger, assistant.translations),
    bot: assistant.bot,
    logger,
    routes: [directLineRoutes({ settings, assistant, logger }, options)],
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  const world = { server, base: `http://127.0.0.1:${port}`, assistant };
  running.push(world);
  return world;
}

async function stop(world: Running): Promise<void> {
  const index = running.indexOf(world);
  if (index < 0) return;
  running.splice(index, 1);
  await new Promise<void>((resolve) => {
    world.server.close(() => {
      resolve();
    });
  });
  world.assistant.db.close();
}

const streams: Stream[] = [];

afterEach(async () => {
  for (const stream of streams.splice(0)) stream.close();
  for (const world of [...running]) await stop(world);
});

afterAll(() => {
  removeTempDirs();
});

interface ApiResult {
  status: number;
  body: Record<string, unknown>;
}

/** Calls the endpoint like directlinejs does: JSON, the token as a Bearer header. */
async function api(
  world: Running,
  method: 'GET' | 'POST',
  path: string,
  { token, body }: { token?: string; body?: unknown } = {},
): Promise<ApiResult> {
  const response = await fetch(`${world.base}${path}`, {
    method,
    headers: {
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function stringField(result: ApiResult, field: string): string {
  const value = result.body[field];
  if (typeof value !== 'string') throw new Error(`no ${field} in ${JSON.stringify(result.body)}`);
  return value;
}

function errorCode(result: ApiResult): unknown {
  const error = result.body.error;
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}

/** A web chat token for `body` (anonymous when empty). */
async function chatToken(
  world: Running,
  body: Record<string, unknown> = {},
): Promise<{ token: string; userId: string }> {
  const result = await api(world, 'POST', '/chat/token', { body });
  expect(result.status).toBe(200);
  return { token: stringField(result, 'token'), userId: stringField(result, 'userId') };
}

interface Conversation {
  conversationId: string;
  token: string;
  streamUrl: string;
}

async function startConversation(world: Running, token: string, body: unknown = {}): Promise<Conversation> {
  const result = await api(world, 'POST', '/v3/directline/conversations', { token, body });
  expect(result.status).toBe(201);
  return {
    conversationId: stringField(result, 'conversationId'),
    token: stringField(result, 'token'),
    streamUrl: stringField(result, 'streamUrl'),
  };
}

/** Posts a message as Web Chat does (its own `from`, a clientActivityID) and returns the id the endpoint gave. */
async function say(world: Running, conversation: Conversation, text: string, clientActivityID?: string) {
  const result = await api(world, 'POST', `/v3/directline/conversations/${conversation.conversationId}/activities`, {
    token: conversation.token,
    body: {
      type: 'message',
      text,
      from: { id: 'r_chosen_by_the_browser', role: 'user' },
      locale: 'sv-SE',
      channelData: { clientActivityID: clientActivityID ?? `client-${text.length}-${Date.now()}` },
    },
  });
  expect(result.status).toBe(200);
  return stringField(result, 'id');
}

/** A WebSocket client of a stream URL, keeping every batch it received. */
class Stream {
  readonly batches: { activities: WireActivity[]; watermark: string }[] = [];
  heartbeats = 0;
  closed = false;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      if (text === '') {
        this.heartbeats++;
        return;
      }
      this.batches.push(JSON.parse(text) as { activities: WireActivity[]; watermark: string });
    });
    socket.on('close', () => (this.closed = true));
  }

  static open(url: string): Promise<Stream> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      const stream = new Stream(socket);
      socket.once('open', () => {
        streams.push(stream);
        resolve(stream);
      });
      socket.once('unexpected-response', (_request, response) => {
        reject(new Error(`refused with ${response.statusCode ?? 0}`));
      });
      socket.once('error', reject);
    });
  }

  /** The HTTP status with which the server refuses to open `url`. */
  static refusal(url: string, headers: Record<string, string> = {}): Promise<number> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { headers });
      socket.once('open', () => {
        socket.close();
        reject(new Error('the stream opened'));
      });
      socket.once('unexpected-response', (_request, response) => {
        resolve(response.statusCode ?? 0);
        socket.terminate();
      });
      socket.once('error', () => undefined);
    });
  }

  get activities(): WireActivity[] {
    return this.batches.flatMap((batch) => batch.activities);
  }

  /** Texts of the bot's messages received. */
  get botTexts(): string[] {
    return this.activities.filter((a) => a.from?.role === 'bot').map((a) => a.text ?? '');
  }

  get lastWatermark(): number {
    return Number(this.batches.at(-1)?.watermark ?? 0);
  }

  close(): void {
    this.socket.close();
  }
}

/** Waits until the stream has received at least `count` activities. */
async function received(stream: Stream, count: number): Promise<WireActivity[]> {
  await vi.waitFor(() => expect(stream.activities.length).toBeGreaterThanOrEqual(count), { timeout: 5000 });
  return stream.activities;
}

function signJwt(header: object, claims: object, secret = USER_SECRET): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const body = `${encode(header)}.${encode(claims)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A clock the test moves: what the endpoint believes the time is. */
function movableClock(): { now: () => Date; advance: (ms: number) => void } {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (ms) => (offset += ms) };
}

const HOUR = 60 * 60 * 1000;

describe('a conversation over the Direct Line endpoint', () => {
  it('starts with the welcome over the stream; an FAQ question gets its echo and then the answer', async () => {
    const world = await start();
    const { token, userId } = await chatToken(world);
    expect(userId).toMatch(/^anon-[0-9a-f-]{36}$/);

    const conversation = await startConversation(world, token);
    expect(conversation.streamUrl).toMatch(
      new RegExp(`^ws://127\\.0\\.0\\.1:\\d+/v3/directline/conversations/${conversation.conversationId}/stream\\?`),
    );
    const stream = await Stream.open(conversation.streamUrl);
    const [welcome] = await received(stream, 1);
    expect(welcome).toMatchObject({ type: 'message', from: { role: 'bot' }, recipient: { id: userId } });
    expect(welcome?.text).toBe(world.assistant.translations.sv('welcome'));
    // The welcome's choices are shown by Web Chat whatever user id the page gave it.
    expect(welcome?.suggestedActions?.actions.length).toBeGreaterThan(0);
    expect(welcome?.suggestedActions?.to ?? []).toEqual([]);

    const id = await say(world, conversation, 'Var ser jag mitt barns betyg?', 'client-1');
    const [, echo, answer] = await received(stream, 3);
    expect(echo).toMatchObject({
      id,
      type: 'message',
      text: 'Var ser jag mitt barns betyg?',
      from: { id: userId, role: 'user' },
      channelId: 'webchat',
      conversation: { id: conversation.conversationId },
      channelData: { clientActivityID: 'client-1' },
    });
    expect(answer).toMatchObject({ type: 'message', replyToId: id, from: { role: 'bot' } });
    expect(answer?.text).toBe(world.assistant.knowledge.answer('grades', 'sv'));

    const watermarks = stream.batches.map((batch) => Number(batch.watermark));
    expect(watermarks).toEqual([...watermarks].sort((a, b) => a - b));
    expect(new Set(watermarks).size).toBe(watermarks.length);
    expect(stream.lastWatermark).toBe(3);

    // Polling from the welcome's watermark gives the same echo and answer.
    const poll = await api(
      world,
      'GET',
      `/v3/directline/conversations/${conversation.conversationId}/activities?watermark=1`,
      {
        token: conversation.token,
      },
    );
    expect(poll.status).toBe(200);
    expect((poll.body.activities as WireActivity[]).map((a) => a.id)).toEqual([echo?.id, answer?.id]);
    expect(poll.body.watermark).toBe('3');
  });

  it('a demo guardian reports an absence; after a restart on the same database it resumes and finishes', async () => {
    const dbPath = join(tempDir(), 'hub.db');
    /** Wednesday 25 November 2026, 09:00 in Stockholm. */
    const clock: Clock = () => new Date('2026-11-25T08:00:00Z');
    const env = { HUB_DB_PATH: dbPath };
    const first = await start({ env, clock });
    const { token, userId } = await chatToken(first, { demoUser: 'demo-anna' });
    expect(userId).toBe('demo-anna');
    const conversation = await startConversation(first, token);
    const stream = await Stream.open(conversation.streamUrl);
    await received(stream, 1);

    await say(first, conversation, 'Elsa är sjuk');
    await received(stream, 3);
    expect(stream.botTexts.at(-1)).toMatch(/i dag eller i morgon/);
    const resumeFrom = stream.lastWatermark;
    await say(first, conversation, 'i morgon');
    await received(stream, 5);
    expect(stream.botTexts.at(-1)).toMatch(/Hela dagen eller en del av dagen/);
    const seenBefore = stream.activities.map((a) => a.id);
    stream.close();
    await stop(first);

    const second = await start({ env, clock });
    const resumed = await api(
      second,
      'GET',
      `/v3/directline/conversations/${conversation.conversationId}?watermark=${resumeFrom}`,
      { token: conversation.token },
    );
    expect(resumed.status).toBe(200);
    expect(resumed.body.conversationId).toBe(conversation.conversationId);
    const again: Conversation = {
      conversationId: conversation.conversationId,
      token: stringField(resumed, 'token'),
      streamUrl: stringField(resumed, 'streamUrl'),
    };
    expect(again.streamUrl.startsWith(second.base.replace('http', 'ws'))).toBe(true);
    const reopened = await Stream.open(again.streamUrl);
    const later = await received(reopened, 2);
    // Only what came after the watermark: the answer "i morgon" and the question it got.
    expect(later.map((a) => a.text)).toEqual(['i morgon', stream.botTexts.at(-1)]);
    expect(later.map((a) => a.id)).toEqual(seenBefore.slice(resumeFrom));

    await say(second, again, 'hela dagen');
    await received(reopened, 4);
    const summary = required(reopened.activities.at(-1), 'the summary');
    expect(summary.text).toMatch(/Stämmer det här/);
    expect(JSON.stringify(summary.attachments)).toMatch(/Frånvaroanmälan.*Elsa/);
    await say(second, again, 'ja');
    await received(reopened, 6);
    expect(reopened.botTexts.at(-1)).toMatch(/Klart! Frånvaron för Elsa är registrerad/);
    expect(reopened.lastWatermark).toBe(resumeFrom + 2 + 4);

    const absences = await second.assistant.backend.absences(DEMO.guardians.anna.id, DEMO.children.elsa.id);
    expect(absences.map((absence) => absence.date)).toContain('2026-11-26');
  });

  it('keeps personal identity numbers, phone numbers and e-mail addresses out of the transcript and the echo', async () => {
    const world = await start();
    const { token } = await chatToken(world);
    const conversation = await startConversation(world, token);
    const stream = await Stream.open(conversation.streamUrl);
    await received(stream, 1);
    await say(
      world,
      conversation,
      'Min son har personnummer 20150312-1239, ring 070-174 01 99 eller mejla anna@example.se',
    );
    const [, echo] = await received(stream, 3);
    expect(echo?.text).toBe('Min son har personnummer [personnummer], ring [telefon] eller mejla [e-post]');

    // An event's value is kept the same way.
    const event = await api(world, 'POST', `/v3/directline/conversations/${conversation.conversationId}/activities`, {
      token: conversation.token,
      body: { type: 'event', name: 'page/contact', value: { email: 'anna@example.se' } },
    });
    expect(event.status).toBe(200);
    const [, , , eventEcho] = await received(stream, 4);
    expect(eventEcho).toMatchObject({ id: event.body.id, type: 'event', value: { email: '[e-post]' } });

    const stored = world.assistant.db
      .prepare<[string], { activity: string }>('SELECT activity FROM directline_activity WHERE conversation_id = ?')
      .all(conversation.conversationId)
      .map((row) => row.activity)
      .join('\n');
    expect(stored).toContain('[personnummer]');
    expect(stored).not.toMatch(/20150312|0312-?1239|174 01 99|anna@example\.se/);
  });

  it('refuses what it does not take: long messages, other activity types, uploads, a bad watermark', async () => {
    const world = await start();
    const { token } = await chatToken(world);
    const conversation = await startConversation(world, token);
    const path = `/v3/directline/conversations/${conversation.conversationId}`;
    const post = (body: unknown) => api(world, 'POST', `${path}/activities`, { token: conversation.token, body });

    const long = await post({ type: 'message', text: 'a'.repeat(5001) });
    expect(long.status).toBe(400);
    expect(errorCode(long)).toBe('MessageTooLong');
    expect((await post({ type: 'typing' })).status).toBe(400);
    expect((await post('just text')).status).toBe(400);
    const upload = await api(world, 'POST', `${path}/upload`, { token: conversation.token, body: {} });
    expect(upload.status).toBe(400);
    expect(errorCode(upload)).toBe('NotSupported');
    const watermark = await api(world, 'GET', `${path}/activities?watermark=abc`, { token: conversation.token });
    expect(watermark.status).toBe(400);

    // Nothing refused reached the transcript: only the welcome is there.
    const poll = await api(world, 'GET', `${path}/activities`, { token: conversation.token });
    expect((poll.body.activities as WireActivity[]).map((a) => a.from?.role)).toEqual(['bot']);
    // And a normal message still works.
    expect(typeof (await say(world, conversation, 'hej'))).toBe('string');
  });
});

describe('who may use a conversation', () => {
  it('refuses a missing, forged or expired token', async () => {
    const clock = movableClock();
    const world = await start({ now: clock.now });
    const { token } = await chatToken(world);
    const conversation = await startConversation(world, token);
    const path = `/v3/directline/conversations/${conversation.conversationId}`;

    const missing = await api(world, 'GET', path);
    expect(missing.status).toBe(401);

    const [payload = '', signature = ''] = conversation.token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forgedPayload = Buffer.from(JSON.stringify({ ...claims, u: 'demo-anna' })).toString('base64url');
    const forged = await api(world, 'GET', path, { token: `${forgedPayload}.${signature}` });
    expect(forged.status).toBe(403);
    expect(errorCode(forged)).toBe('TokenInvalid');
    expect((await api(world, 'POST', '/v3/directline/conversations', { token: 'not-a-token' })).status).toBe(403);

    expect((await api(world, 'GET', path, { token: conversation.token })).status).toBe(200);
    clock.advance(HOUR + 60_000);
    const expired = await api(world, 'GET', path, { token: conversation.token });
    expect(expired.status).toBe(403);
    expect(errorCode(expired)).toBe('TokenExpired');
    expect((await api(world, 'POST', '/v3/directline/tokens/refresh', { token: conversation.token })).status).toBe(403);

    // An old stream URL cannot be opened any more either.
    expect(await Stream.refusal(conversation.streamUrl)).toBe(403);
  });

  it('a refreshed token lives another hour, but a session ends after 24 hours', async () => {
    const clock = movableClock();
    const world = await start({ now: clock.now });
    const { token } = await chatToken(world);
    const conversation = await startConversation(world, token);
    const path = `/v3/directline/conversations/${conversation.conversationId}`;
    let current = conversation.token;
    for (let hour = 0; hour < 3; hour++) {
      clock.advance(HOUR - 60_000);
      const refreshed = await api(world, 'POST', '/v3/directline/tokens/refresh', { token: current });
      expect(refreshed.status).toBe(200);
      expect(refreshed.body).toMatchObject({ conversationId: conversation.conversationId, expires_in: 3600 });
      current = stringField(refreshed, 'token');
    }
    expect((await api(world, 'GET', path, { token: current })).status).toBe(200);
    expect((await api(world, 'GET', path, { token: conversation.token })).status).toBe(403);

    clock.advance(22 * HOUR);
    const late = await api(world, 'POST', '/v3/directline/tokens/refresh', { token: current });
    expect(late.status).toBe(403);
  });

  it("refuses another user's conversation on every route, including the stream", async () => {
    const world = await start();
    const owner = await chatToken(world);
    const conversation = await startConversation(world, owner.token);
    const other = await chatToken(world);
    const path = `/v3/directline/conversations/${conversation.conversationId}`;

    expect((await api(world, 'GET', path, { token: other.token })).status).toBe(403);
    expect((await api(world, 'GET', `${path}/activities`, { token: other.token })).status).toBe(403);
    const posted = await api(world, 'POST', `${path}/activities`, {
      token: other.token,
      body: { type: 'message', text: 'hej' },
    });
    expect(posted.status).toBe(403);
    const streamUrl = conversation.streamUrl.replace(/\?.*$/, '');
    expect(await Stream.refusal(streamUrl, { authorization: `Bearer ${other.token}` })).toBe(403);

    // The other user's own conversation token does not open this one either.
    const theirs = await startConversation(world, other.token);
    expect((await api(world, 'GET', path, { token: theirs.token })).status).toBe(403);
    // Nothing of theirs reached the owner's transcript.
    const poll = await api(world, 'GET', `${path}/activities`, { token: conversation.token });
    expect((poll.body.activities as WireActivity[]).filter((a) => a.from?.role === 'user')).toEqual([]);
  });

  it('gives the demo accounts only in demo mode', async () => {
    const demo = await start();
    expect((await chatToken(demo, { demoUser: 'demo-omar' })).userId).toBe('demo-omar');
    const stranger = await api(demo, 'POST', '/chat/token', { body: { demoUser: 'guardian-anna' } });
    expect(stranger.status).toBe(403);
    expect(errorCode(stranger)).toBe('unknown_demo_user');

    const noDemo = await start({ env: { HUB_DEMO_SCHOOL: 'false' } });
    const refused = await api(noDemo, 'POST', '/chat/token', { body: { demoUser: 'demo-omar' } });
    expect(refused.status).toBe(403);
    expect(errorCode(refused)).toBe('demo_not_available');
    expect(refused.body).not.toHaveProperty('token');
  });
});

describe('user tokens signed by the hosting site', () => {
  const claims = (extra: Record<string, unknown> = {}) => ({
    sub: 'demo-lena',
    name: 'Lena',
    iat: nowSeconds(),
    exp: nowSeconds() + 600,
    ...extra,
  });

  it('a valid HS256 token names the guardian who writes', async () => {
    const world = await start({ env: { HUB_WEBCHAT_USER_SECRET: USER_SECRET } });
    const result = await api(world, 'POST', '/chat/token', {
      body: { userToken: signJwt({ alg: 'HS256', typ: 'JWT' }, claims()) },
    });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ userId: 'demo-lena', userName: 'Lena', expires_in: 3600 });
    const conversation = await startConversation(world, stringField(result, 'token'));
    await say(world, conversation, 'hej');
    const poll = await api(world, 'GET', `/v3/directline/conversations/${conversation.conversationId}/activities`, {
      token: conversation.token,
    });
    const mine = (poll.body.activities as WireActivity[]).filter((a) => a.from?.role === 'user');
    expect(mine.map((a) => a.from)).toEqual([{ id: 'demo-lena', name: 'Lena', role: 'user' }]);
  });

  it.each([
    {
      name: 'a wrong signature',
      token: () => signJwt({ alg: 'HS256' }, claims(), 'another-secret-of-32-characters-or-more'),
      code: 'invalid_user_token',
    },
    {
      name: 'alg none',
      token: () => `${signJwt({ alg: 'none' }, claims()).split('.').slice(0, 2).join('.')}.`,
      code: 'invalid_user_token',
    },
    { name: 'another algorithm', token: () => signJwt({ alg: 'HS512' }, claims()), code: 'invalid_user_token' },
    { name: 'no sub', token: () => signJwt({ alg: 'HS256' }, claims({ sub: undefined })), code: 'invalid_user_token' },
    { name: 'no exp', token: () => signJwt({ alg: 'HS256' }, claims({ exp: undefined })), code: 'invalid_user_token' },
    {
      name: 'an expired token',
      token: () => signJwt({ alg: 'HS256' }, claims({ iat: nowSeconds() - 7200, exp: nowSeconds() - 3600 })),
      code: 'user_token_expired',
    },
    {
      name: 'a lifetime over 24 hours',
      token: () => signJwt({ alg: 'HS256' }, claims({ exp: nowSeconds() + 25 * 3600 })),
      code: 'user_token_lifetime_too_long',
    },
  ])('refuses $name with 401 $code', async ({ token, code }) => {
    const world = await start({ env: { HUB_WEBCHAT_USER_SECRET: USER_SECRET } });
    const result = await api(world, 'POST', '/chat/token', { body: { userToken: token() } });
    expect(result.status).toBe(401);
    expect(errorCode(result)).toBe(code);
    expect(result.body).not.toHaveProperty('token');
  });

  it('refuses user tokens when no secret is configured', async () => {
    const world = await start();
    const result = await api(world, 'POST', '/chat/token', {
      body: { userToken: signJwt({ alg: 'HS256' }, claims()) },
    });
    expect(result.status).toBe(403);
    expect(errorCode(result)).toBe('user_tokens_disabled');
  });
});

describe('the streams and what is kept', () => {
  it('sends heartbeats, and closing the server closes the open streams', async () => {
    const world = await start({ heartbeatMs: 30 });
    const { token } = await chatToken(world);
    const conversation = await startConversation(world, token);
    const stream = await Stream.open(conversation.streamUrl);
    await vi.waitFor(() => expect(stream.heartbeats).toBeGreaterThanOrEqual(2), { timeout: 2000 });
    await stop(world);
    await vi.waitFor(() => expect(stream.closed).toBe(true), { timeout: 2000 });
  });

  it('keeps the newest activities of a long conversation and forgets idle conversations', async () => {
    const clock = movableClock();
    const world = await start({ now: clock.now, retention: { keepActivities: 4, maxIdleMs: 7 * 24 * HOUR } });
    const { token } = await chatToken(world);
    const old = await startConversation(world, token);
    await say(world, old, 'hej');
    await say(world, old, 'tack');
    const path = `/v3/directline/conversations/${old.conversationId}`;
    const poll = await api(world, 'GET', `${path}/activities`, { token: old.token });
    const kept = poll.body.activities as WireActivity[];
    expect(kept).toHaveLength(4);
    expect(required(kept[0], 'oldest kept').text).toBe('hej');
    expect(poll.body.watermark).toBe('5');

    clock.advance(6 * 24 * HOUR);
    const recent = await startConversation(world, (await chatToken(world)).token);
    clock.advance(2 * 24 * HOUR);
    await startConversation(world, (await chatToken(world)).token);
    const exists = (id: string) =>
      world.assistant.db
        .prepare<[string, string], { n: number }>(
          'SELECT (SELECT COUNT(*) FROM directline_conversation WHERE id = ?) + ' +
            '(SELECT COUNT(*) FROM directline_activity WHERE conversation_id = ?) AS n',
        )
        .get(id, id)?.n ?? 0;
    expect(exists(old.conversationId)).toBe(0);
    expect(exists(recent.conversationId)).toBeGreaterThan(0);
  });

  it.each<{ locale: Locale; tag: string }>([
    { locale: 'en', tag: 'en-GB' },
    { locale: 'sv', tag: 'sv-SE' },
  ])('a conversation started in $tag is welcomed in $locale', async ({ locale, tag }) => {
    const world = await start();
    const { token } = await chatToken(world);
    const conversation = await startConversation(world, token, { locale: tag });
    const stream = await Stream.open(conversation.streamUrl);
    const [welcome] = await received(stream, 1);
    expect(welcome?.text).toBe(world.assistant.translations[locale]('welcome'));
  });
});
