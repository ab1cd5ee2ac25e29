/**
 * One guardian on two channels at once: Anna reports an absence by SMS while she asks a question in the web chat.
 * Each channel is its own conversation (its own language, its own open task), and each survives a restart of the
 * server on the same database.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAdapter } from '../../src/botframework/cloud-adapter.js';
import { createAssistant } from '../../src/assistant.js';
import { openEmbeddedBackend } from '../../src/backend/embedded/demo-school.js';
import { channelRoutes } from '../../src/channels/index.js';
import { createServer } from '../../src/server.js';
import { openDatabase } from '../../src/storage/database.js';
import { removeTempDirs, silentLogger, tempDir, testSettings } from '../support/fixtures.js';

const NOW = new Date('2026-11-25T08:00:00Z'); // Wednesday 09:00 in Stockholm
const SECRET = 'elks-webhook-secret-0123456789';
const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  removeTempDirs();
});

/** The real server with every channel, on a database file (so a second call is the same install restarted). */
async function startServer(dbPath: string): Promise<string> {
  const settings = testSettings({ HUB_DB_PATH: dbPath, HUB_46ELKS_SECRET: SECRET });
  const logger = silentLogger();
  const backendDb = openDatabase(dbPath);
  const backend = openEmbeddedBackend(backendDb, () => NOW, { demo: true });
  const assistant = createAssistant(settings, logger, { clock: () => NOW, backend });
  const server = createServer({
    adapter: createAdapter(settings, logger, assistant.translations),
    bot: assistant.bot,
    logger,
    routes: channelRoutes({ settings, assistant, logger }),
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => {
        assistant.db.close();
        backendDb.close();
        resolve();
      });
    });
  closers.push(close);
  return `http://127.0.0.1:${server.address().port}`;
}

/** Anna texts from her phone (46elks, a Swedish local format); returns the SMS she gets back. */
async function sms(base: string, message: string): Promise<string> {
  const response = await fetch(`${base}/api/sms/46elks`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`elks:${SECRET}`).toString('base64')}`,
    },
    body: new URLSearchParams({ from: '070-174 01 01', to: '+46766861004', message }).toString(),
  });
  expect(response.status).toBe(200);
  return response.text();
}

interface WebChat {
  base: string;
  conversationId: string;
  token: string;
}

async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

/** Anna opens the web chat as her demo account and starts a conversation. */
async function openWebChat(base: string): Promise<WebChat> {
  const issued = await json(
    await fetch(`${base}/chat/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ demoUser: 'demo-anna' }),
    }),
  );
  const started = await json(
    await fetch(`${base}/v3/directline/conversations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${String(issued.token)}` },
    }),
  );
  return { base, conversationId: String(started.conversationId), token: String(started.token) };
}

/** Sends a web chat message and returns the assistant's replies to it (read back with the polling route). */
async function webSay(chat: WebChat, text: string): Promise<string> {
  const url = `${chat.base}/v3/directline/conversations/${chat.conversationId}/activities`;
  const posted = await json(
    await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${chat.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text, from: { id: 'anyone' } }),
    }),
  );
  const all = await json(await fetch(url, { headers: { authorization: `Bearer ${chat.token}` } }));
  const activities = all.activities as { replyToId?: string; text?: string; attachments?: unknown[] }[];
  return activities
    .filter((a) => a.replyToId === posted.id)
    .map((a) => `${a.text ?? ''}${a.attachments ? JSON.stringify(a.attachments) : ''}`)
    .join('\n');
}

describe('the same guardian on SMS and in the web chat', () => {
  it('are two conversations: a task open on one is not open on the other; each continues after a restart', async () => {
    const dbPath = join(tempDir(), 'hub.db');
    let base = await startServer(dbPath);

    // SMS: Anna reports Elsa ill; the assistant asks whole day or which lesson, as numbered lines.
    const asked = await sms(base, 'Elsa är sjuk idag');
    expect(asked).toMatch(/Hela dagen/);
    expect(asked).toMatch(/^1\. /m);

    // Web chat, meanwhile: the same guardian asks in English. No open task here, the question is just answered.
    const web = await openWebChat(base);
    const answer = await webSay(web, 'How do I see my child’s grades?');
    expect(answer).toMatch(/grade/i);
    expect(answer).not.toMatch(/Hela dagen|whole day/i);

    // The server restarts. SMS picks up at the same step, in Swedish: "1" (whole day) → the summary, "1" (Ja) → sent.
    await closers.shift()?.();
    base = await startServer(dbPath);
    const summary = await sms(base, '1');
    expect(summary).toMatch(/Barn: Elsa\nDag: i dag, onsdag 25 november\nTid: Hela dagen\nAnledning: Sjuk/);
    expect(summary).toMatch(/^1\. Ja$/m);
    expect(await sms(base, '1')).toMatch(/Frånvaron för Elsa är registrerad/);

    // The web chat conversation resumes too, still in English and still without a task.
    const resumed = await json(
      await fetch(`${base}/v3/directline/conversations/${web.conversationId}`, {
        headers: { authorization: `Bearer ${web.token}` },
      }),
    );
    expect(resumed.conversationId).toBe(web.conversationId);
    const next = await webSay({ ...web, base, token: String(resumed.token) }, 'and how do I reset my password?');
    expect(next).toMatch(/password/i);
  });
});
