import { afterEach, describe, expect, it } from 'vitest';
import { createAdapter } from '../../src/botframework/cloud-adapter.js';
import { openEmbeddedBackend } from '../../src/backend/embedded/demo-school.js';
import { createAssistant } from '../../src/assistant.js';
import { createServer } from '../../src/server.js';
import { openDatabase } from '../../src/storage/database.js';
import { silentLogger, testSettings } from '../support/fixtures.js';

const NOW = new Date('2026-11-18T07:30:00Z'); // a Wednesday morning in Stockholm
const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/**
 * The real server whose school system holds the demo school's guardians, with the given settings. With
 * `HUB_DEMO_SCHOOL=false` the same guardians stand in for a real school's.
 */
async function serverWith(env: Record<string, string>): Promise<string> {
  const settings = testSettings(env);
  const logger = silentLogger();
  const backendDb = openDatabase(':memory:');
  const backend = openEmbeddedBackend(backendDb, () => NOW, { demo: true });
  const assistant = createAssistant(settings, logger, { clock: () => NOW, backend });
  const server = createServer({
    adapter: createAdapter(settings, logger, assistant.translations),
    bot: assistant.bot,
    logger,
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          assistant.db.close();
          backendDb.close();
          resolve();
        });
      }),
  );
  return `http://127.0.0.1:${server.address().port}`;
}

/** Anna's web chat account asks to report Elsa ill; returns what the assistant says. */
async function reportAsAnna(base: string): Promise<string> {
  const response = await fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      id: 'a1',
      channelId: 'webchat',
      serviceUrl: 'https://webchat.example.com/',
      deliveryMode: 'expectReplies',
      locale: 'sv-SE',
      from: { id: 'demo-anna' },
      recipient: { id: 'hub-assistant' },
      conversation: { id: 'c1' },
      text: 'Elsa är sjuk idag',
    }),
  });
  const body = (await response.json()) as { activities: { text?: string }[] };
  return body.activities.map((a) => a.text ?? '').join('\n');
}

describe('who may act for a guardian through /api/messages without Bot Framework authentication', () => {
  it('in demo mode the demo accounts run tasks (the Emulator can try the dialogs)', async () => {
    const said = await reportAsAnna(await serverWith({}));
    expect(said).toMatch(/Hela dagen eller en del av dagen/);
    expect(said).not.toMatch(/känner jag inte igen/);
  });

  it('with a real school the account a request names is not trusted: the task is refused, questions still answered', async () => {
    const base = await serverWith({ HUB_DEMO_SCHOOL: 'false' });
    expect(await reportAsAnna(base)).toMatch(/känner jag inte igen/);
  });

  it('with a Microsoft app id the Bot Connector vouches for the sender (the rule does not apply)', async () => {
    const { trustsAccounts } = await import('../../src/identity/trust.js');
    const settings = testSettings({
      HUB_DEMO_SCHOOL: 'false',
      MICROSOFT_APP_ID: '11111111-2222-3333-4444-555555555555',
      MICROSOFT_APP_PASSWORD: 'secret',
    });
    expect(trustsAccounts(settings)).toBe(true);
    expect(trustsAccounts({ ...settings, MICROSOFT_APP_ID: undefined })).toBe(false);
  });
});
