import { pino } from 'pino';
import type restify from 'restify';
import { afterEach, expect } from 'vitest';
import { createAdapter } from '../../src/botframework/cloud-adapter.js';
import { type Assistant, createAssistant } from '../../src/assistant.js';
import type { EmbeddedSchoolBackend } from '../../src/backend/embedded/backend.js';
import { openEmbeddedBackend } from '../../src/backend/embedded/demo-school.js';
import {
  countSegments,
  MAX_SEGMENTS,
  SmsChannel,
  type SmsRouteOptions,
  smsRoutes,
  twilioSignature,
} from '../../src/channels/sms/index.js';
import type { ChannelDeps } from '../../src/channels/types.js';
import type { Settings } from '../../src/config.js';
import { createServer } from '../../src/server.js';
import { type Database, openDatabase } from '../../src/storage/database.js';
import { TestClock } from '../dialogs/harness.js';
import { testSettings } from '../support/fixtures.js';

/** Wednesday 25 November 2026, 09:00 in Stockholm: a school day, and so is tomorrow. */
export const WEDNESDAY = '2026-11-25T08:00:00Z';

export const TWILIO_TOKEN = 'twilio-test-auth-token-0123456789';
export const ELKS_SECRET = 'elks-webhook-secret-0123456789';

/** Anna Provsson (demo guardian of Elsa and Nils), +46701740101, as a Swedish phone shows it. */
export const ANNA_LOCAL = '070-174 01 01';
export const ANNA_E164 = '+46701740101';

/** Everything a phone number of the demo range can look like in a log line. */
export const PHONE_IN_LOGS = /(\+?46|0)[\s-]*70[\s-]*17[\s-]*4[\s-]*0[\s-]*1[\s-]*0\d/;

export type Provider = 'twilio' | '46elks';

/** The real assistant on the demo school with a fixed clock, behind the real HTTP server with the SMS routes. */
export interface SmsWorld {
  assistant: Assistant;
  backend: EmbeddedSchoolBackend;
  settings: Settings;
  clock: TestClock;
  channel: SmsChannel;
  deps: ChannelDeps;
  base: string;
  /** Every log line written so far (every level), raw JSON. */
  logs: string[];
  /** How many turns reached the bot. */
  turns(): number;
  /** A second channel on the same database, as after a restart. */
  restartChannel(): SmsChannel;
  close(): Promise<void>;
}

export interface SmsWorldOptions {
  env?: Record<string, string>;
  now?: string;
  routes?: Omit<SmsRouteOptions, 'channel'>;
}

const opened: SmsWorld[] = [];

afterEach(async () => {
  for (const world of opened.splice(0)) await world.close();
});

/** Starts a world (closed after the test). */
export async function smsWorld(options: SmsWorldOptions = {}): Promise<SmsWorld> {
  const clock = new TestClock(options.now ?? WEDNESDAY);
  const logs: string[] = [];
  const logger = pino({ level: 'trace' }, { write: (line: string) => void logs.push(line) });
  const settings = testSettings({
    HUB_TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
    HUB_46ELKS_SECRET: ELKS_SECRET,
    ...options.env,
  });
  const backendDb: Database = openDatabase(':memory:');
  const backend = openEmbeddedBackend(backendDb, clock.now, { demo: true });
  const assistant = createAssistant(settings, logger, { clock: clock.now, backend });
  let turns = 0;
  const handle = assistant.turns.handle.bind(assistant.turns);
  assistant.turns.handle = (message) => {
    turns++;
    return handle(message);
  };
  const deps: ChannelDeps = { settings, assistant, logger };
  const now = () => clock.now().getTime();
  const channel = new SmsChannel(deps, { now });
  const server: restify.Server = createServer({
    adapter: createAdapter(settings, logger, assistant.translations),
    bot: assistant.bot,
    logger,
    routes: [smsRoutes(deps, { ...options.routes, channel })],
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  let open = true;
  const world: SmsWorld = {
    assistant,
    backend,
    settings,
    clock,
    channel,
    deps,
    base: `http://127.0.0.1:${server.address().port}`,
    logs,
    turns: () => turns,
    restartChannel: () => new SmsChannel(deps, { now }),
    close: async () => {
      if (!open) return;
      open = false;
      await channel.idle();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
      });
      assistant.db.close();
      backendDb.close();
    },
  };
  opened.push(world);
  return world;
}

/** A webhook's answer: the HTTP status, the raw body and the SMS text it carries (undefined: none). */
export interface WebhookAnswer {
  status: number;
  raw: string;
  contentType: string;
  text: string | undefined;
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

let messageIds = 0;

/** Unescapes the five XML entities `twiml` writes. */
function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

export interface TwilioPost {
  from?: string;
  /** The signature to send (default: a valid one over `signedUrl`); null sends none. */
  signature?: string | null;
  /** The URL the signature is computed over (default: the URL the request goes to). */
  signedUrl?: string;
  /** Extra or replaced form fields. */
  params?: Record<string, string>;
}

/** Posts an incoming SMS as Twilio does (signed with the test token unless told otherwise). */
export async function postTwilio(world: SmsWorld, text: string, options: TwilioPost = {}): Promise<WebhookAnswer> {
  const url = `${world.base}/api/sms/twilio`;
  const params: Record<string, string> = {
    ToCountry: 'SE',
    SmsSid: `SM${++messageIds}`,
    MessageSid: `SM${messageIds}`,
    AccountSid: 'AC0123456789abcdef0123456789abcdef',
    From: options.from ?? ANNA_LOCAL,
    To: '+46766860000',
    Body: text,
    NumMedia: '0',
    ...options.params,
  };
  const signature =
    options.signature === undefined
      ? twilioSignature(TWILIO_TOKEN, options.signedUrl ?? url, params)
      : options.signature;
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...FORM, ...(signature === null ? {} : { 'x-twilio-signature': signature }) },
    body: new URLSearchParams(params).toString(),
  });
  const raw = await response.text();
  const message = /<Message>([\s\S]*)<\/Message>/.exec(raw)?.[1];
  return {
    status: response.status,
    raw,
    contentType: response.headers.get('content-type') ?? '',
    text: message === undefined ? undefined : unescapeXml(message),
  };
}

export interface ElksPost {
  from?: string;
  /** The secret in the URL (default: the right one); null sends none. */
  secret?: string | null;
  /** HTTP Basic password instead of the URL secret. */
  basicPassword?: string;
}

/** Posts an incoming SMS as 46elks does (form fields `from`, `to`, `message`, …). */
export async function postElks(world: SmsWorld, text: string, options: ElksPost = {}): Promise<WebhookAnswer> {
  const secret =
    options.basicPassword !== undefined ? null : options.secret === undefined ? ELKS_SECRET : options.secret;
  const url = `${world.base}/api/sms/46elks${secret === null ? '' : `?secret=${encodeURIComponent(secret)}`}`;
  const headers: Record<string, string> = { ...FORM };
  if (options.basicPassword !== undefined) {
    headers.authorization = `Basic ${Buffer.from(`elks:${options.basicPassword}`).toString('base64')}`;
  }
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body: new URLSearchParams({
      direction: 'incoming',
      id: `sf${++messageIds}`,
      from: options.from ?? ANNA_LOCAL,
      to: '+46766860000',
      created: '2026-11-25T08:00:00.000000',
      message: text,
    }).toString(),
  });
  const raw = await response.text();
  return {
    status: response.status,
    raw,
    contentType: response.headers.get('content-type') ?? '',
    text: response.status === 200 ? raw : undefined,
  };
}

/** Sends a message over a provider and returns the SMS text of the answer, checking it is at most 3 segments. */
export async function sms(world: SmsWorld, provider: Provider, text: string, from = ANNA_LOCAL): Promise<string> {
  const answer =
    provider === 'twilio' ? await postTwilio(world, text, { from }) : await postElks(world, text, { from });
  expect(answer.status, answer.raw).toBeLessThan(300);
  const reply = answer.text ?? '';
  expect(
    countSegments(reply).segments,
    `"${text}" was answered with more than ${MAX_SEGMENTS} segments`,
  ).toBeLessThanOrEqual(MAX_SEGMENTS);
  return reply;
}

/** A locale string as the guardian reads it. */
export function t(world: SmsWorld, locale: 'sv' | 'en', key: string, args: Record<string, unknown> = {}): string {
  return world.assistant.translations[locale](key, args);
}
