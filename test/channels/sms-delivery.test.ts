import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ElksSender, SmsSendError, TwilioSender } from '../../src/channels/sms/index.js';
import { loadSettings, SettingsError } from '../../src/config.js';
import { ANNA_E164, PHONE_IN_LOGS, postElks, postTwilio, smsWorld, t } from './sms-harness.js';

/** One request the fake provider received. */
interface Received {
  method: string;
  path: string;
  authorization: string;
  form: Record<string, string>;
}

/** A stand-in for Twilio's and 46elks' APIs: records each request and answers with `status`. */
class FakeProvider {
  readonly received: Received[] = [];
  status = 201;
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.received.push({
          method: req.method ?? '',
          path: req.url ?? '',
          authorization: req.headers.authorization ?? '',
          form: Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))),
        });
        // A provider's error answer repeats the recipient: it must not end up in the logs.
        const body = this.status < 300 ? { sid: 'SM1', status: 'queued' } : { message: `Invalid To ${ANNA_E164}` };
        res.writeHead(this.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    return `http://127.0.0.1:${address.port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (this.server) this.server.close(() => resolve());
      else resolve();
    });
  }
}

const fakes: FakeProvider[] = [];
afterEach(async () => {
  for (const fake of fakes.splice(0)) await fake.stop();
});

async function fakeProvider(): Promise<{ fake: FakeProvider; base: string }> {
  const fake = new FakeProvider();
  fakes.push(fake);
  return { fake, base: await fake.start() };
}

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

const SID = 'AC0123456789abcdef0123456789abcdef';
const API_ENV = {
  HUB_SMS_DELIVERY: 'api',
  HUB_TWILIO_ACCOUNT_SID: SID,
  HUB_TWILIO_FROM: '+46766860000',
  HUB_46ELKS_API_USERNAME: 'u0123456789abcdef',
  HUB_46ELKS_API_PASSWORD: 'elks-api-password',
  HUB_46ELKS_FROM: 'Skolan',
};

describe('API delivery (HUB_SMS_DELIVERY=api)', () => {
  it('Twilio: the webhook answers an empty <Response/> at once; the reply goes to Messages.json', async () => {
    const { fake, base } = await fakeProvider();
    const world = await smsWorld({ env: API_ENV, routes: { apiBaseUrls: { twilio: base, '46elks': base } } });
    const answer = await postTwilio(world, 'Jag vill anmäla frånvaro');
    expect(answer.status).toBe(200);
    expect(answer.raw).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    await world.channel.idle();
    expect(fake.received).toHaveLength(1);
    const [sent] = fake.received;
    expect(sent).toMatchObject({
      method: 'POST',
      path: `/2010-04-01/Accounts/${SID}/Messages.json`,
      authorization: basic(SID, world.settings.HUB_TWILIO_AUTH_TOKEN ?? ''),
      form: { To: ANNA_E164, From: '+46766860000' },
    });
    expect(sent?.form.Body).toContain(t(world, 'sv', 'absence.askChild'));
    expect(sent?.form.Body).toContain('1. Elsa');
  });

  it('46elks: the webhook answers 204 at once; the reply goes to /a1/sms with from, to, message', async () => {
    const { fake, base } = await fakeProvider();
    const world = await smsWorld({ env: API_ENV, routes: { apiBaseUrls: { twilio: base, '46elks': base } } });
    const answer = await postElks(world, 'Hur loggar jag in?');
    expect(answer.status).toBe(204);
    await postElks(world, 'MER');
    await world.channel.idle();
    expect(fake.received.map((r) => r.path)).toEqual(['/a1/sms', '/a1/sms']);
    expect(fake.received[0]).toMatchObject({
      authorization: basic('u0123456789abcdef', 'elks-api-password'),
      form: { from: 'Skolan', to: ANNA_E164 },
    });
    // Sent in order: the cut answer first, then its rest.
    expect(fake.received[0]?.form.message).toContain('Skriv MER för resten');
    expect(fake.received[1]?.form.message).not.toContain('Skriv MER för resten');
  });

  it('logs a refused send without the number or the text', async () => {
    const { fake, base } = await fakeProvider();
    fake.status = 400;
    const world = await smsWorld({ env: API_ENV, routes: { apiBaseUrls: { twilio: base, '46elks': base } } });
    await postTwilio(world, 'Hur loggar jag in?');
    await world.channel.idle();
    expect(fake.received).toHaveLength(1);
    const failure = world.logs.find((line) => line.includes('sms reply could not be sent'));
    expect(failure).toBeDefined();
    expect(JSON.parse(failure ?? '{}')).toMatchObject({ level: 50, provider: 'twilio', status: 400 });
    expect(failure).not.toMatch(PHONE_IN_LOGS);
    expect(failure).not.toContain('infomentor');
  });
});

describe('the senders', () => {
  it('Twilio sends from a messaging service (MG…) as MessagingServiceSid', async () => {
    const { fake, base } = await fakeProvider();
    const service = 'MG0123456789abcdef0123456789abcdef';
    await new TwilioSender({ accountSid: SID, authToken: 'token', from: service, baseUrl: `${base}/` }).send(
      ANNA_E164,
      'Hej',
    );
    expect(fake.received[0]?.form).toEqual({ To: ANNA_E164, MessagingServiceSid: service, Body: 'Hej' });
  });

  it('reject with an SmsSendError naming the provider and status only', async () => {
    const { fake, base } = await fakeProvider();
    fake.status = 401;
    const sender = new ElksSender({ username: 'u', password: 'p', from: 'Skolan', baseUrl: base });
    const error = await sender.send(ANNA_E164, 'Hej').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmsSendError);
    expect(error).toMatchObject({ provider: '46elks', status: 401, message: '46elks: answered HTTP 401' });
  });

  it('reject when the provider cannot be reached', async () => {
    const { base } = await fakeProvider();
    await fakes[0]?.stop();
    const sender = new TwilioSender({ accountSid: SID, authToken: 't', from: '+46766860000', baseUrl: base });
    await expect(sender.send(ANNA_E164, 'Hej')).rejects.toMatchObject({ provider: 'twilio', status: undefined });
  });
});

describe('start-up checks for API delivery', () => {
  it('needs a provider', () => {
    expect(() => loadSettings({ HUB_SMS_DELIVERY: 'api' })).toThrow(/HUB_SMS_DELIVERY="api": needs an SMS provider/);
  });

  it("needs each configured provider's sending credentials, naming every missing variable", () => {
    let error: unknown;
    try {
      loadSettings({ HUB_SMS_DELIVERY: 'api', HUB_TWILIO_AUTH_TOKEN: 'token', HUB_46ELKS_SECRET: 'x'.repeat(16) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SettingsError);
    expect((error as SettingsError).issues.map((issue) => issue.split('=')[0])).toEqual([
      'HUB_TWILIO_ACCOUNT_SID',
      'HUB_TWILIO_FROM',
      'HUB_46ELKS_API_USERNAME',
      'HUB_46ELKS_API_PASSWORD',
      'HUB_46ELKS_FROM',
    ]);
  });

  it('passes with the credentials, and webhook delivery needs none', () => {
    expect(
      loadSettings({
        HUB_SMS_DELIVERY: 'api',
        HUB_TWILIO_AUTH_TOKEN: 'token',
        HUB_TWILIO_ACCOUNT_SID: SID,
        HUB_TWILIO_FROM: '+46766860000',
      }).HUB_SMS_DELIVERY,
    ).toBe('api');
    expect(loadSettings({ HUB_TWILIO_AUTH_TOKEN: 'token' }).HUB_SMS_DELIVERY).toBe('webhook');
  });
});
