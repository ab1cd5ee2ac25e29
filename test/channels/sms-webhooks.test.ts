import { describe, expect, it } from 'vitest';
import { DEMO } from '../../src/backend/embedded/demo-school.js';
import { twilioSignature } from '../../src/channels/sms/index.js';
import {
  ANNA_LOCAL,
  ELKS_SECRET,
  type Provider,
  TWILIO_TOKEN,
  postElks,
  postTwilio,
  sms,
  smsWorld,
  t,
} from './sms-harness.js';

const anna = DEMO.guardians.anna.id;
const { elsa } = DEMO.children;

describe('the Twilio webhook', () => {
  it('answers a signed message with TwiML (text/xml, one escaped <Message>)', async () => {
    const world = await smsWorld();
    const answer = await postTwilio(world, 'Hur loggar jag in?');
    expect(answer.status).toBe(200);
    expect(answer.contentType).toMatch(/^text\/xml/);
    expect(answer.raw).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?><Response><Message>[^<]+<\/Message><\/Response>$/,
    );
    expect(answer.text).toContain('infomentor.se');
    expect(world.turns()).toBe(1);
  });

  it('escapes what XML would misread', async () => {
    const world = await smsWorld();
    // "Logga in" is quoted in the answer: the quotes come back escaped.
    const answer = await postTwilio(world, 'Hur loggar jag in?');
    expect(answer.raw).toContain('&quot;Logga in&quot;');
  });

  it.each([
    ['unsigned', { signature: null }],
    ['forged (signed with another token)', { signature: twilioSignature('not-the-token', 'x', {}) }],
    ['signed for another URL', { signedUrl: 'https://attacker.example/api/sms/twilio' }],
  ] as const)('refuses a request %s with 403, and nothing reaches the bot', async (_name, options) => {
    const world = await smsWorld();
    const answer = await postTwilio(world, 'Jag vill anmäla frånvaro', options);
    expect(answer.status).toBe(403);
    expect(answer.raw).toMatch(/X-Twilio-Signature/);
    expect(world.turns()).toBe(0);
  });

  it('refuses a signed request whose form was changed on the way', async () => {
    const world = await smsWorld();
    const url = `${world.base}/api/sms/twilio`;
    const signed = { From: ANNA_LOCAL, Body: 'hej', MessageSid: 'SM1' };
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilioSignature(TWILIO_TOKEN, url, signed),
      },
      body: new URLSearchParams({ ...signed, Body: 'avboka utvecklingssamtalet' }).toString(),
    });
    expect(response.status).toBe(403);
    expect(world.turns()).toBe(0);
  });

  it('checks the signature against HUB_PUBLIC_URL behind a proxy', async () => {
    const world = await smsWorld({ env: { HUB_PUBLIC_URL: 'https://chat.example.se' } });
    const local = await postTwilio(world, 'hej');
    expect(local.status).toBe(403);
    const proxied = await postTwilio(world, 'hej', { signedUrl: 'https://chat.example.se/api/sms/twilio' });
    expect(proxied.status).toBe(200);
    // Twilio's own validator accepts the URL with the default port written out.
    const withPort = await postTwilio(world, 'hej', { signedUrl: 'https://chat.example.se:443/api/sms/twilio' });
    expect(withPort.status).toBe(200);
    expect(world.turns()).toBe(2);
  });

  it('answers 503 with a clear error when Twilio is not configured', async () => {
    const world = await smsWorld({ env: { HUB_TWILIO_AUTH_TOKEN: '' } });
    const answer = await postTwilio(world, 'hej');
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.raw)).toEqual({ error: expect.stringContaining('HUB_TWILIO_AUTH_TOKEN') as unknown });
    expect(world.turns()).toBe(0);
  });

  it('answers an empty <Response/> when there is nothing to say', async () => {
    const world = await smsWorld();
    await postTwilio(world, 'STOPP');
    const answer = await postTwilio(world, 'hej');
    expect(answer.raw).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    expect(answer.text).toBeUndefined();
  });
});

describe('the 46elks webhook', () => {
  it('answers in the response body (text/plain) with the secret in the URL', async () => {
    const world = await smsWorld();
    const answer = await postElks(world, 'Hur loggar jag in?');
    expect(answer.status).toBe(200);
    expect(answer.contentType).toMatch(/^text\/plain/);
    expect(answer.text).toContain('infomentor.se');
  });

  it('takes the secret as the HTTP Basic password too', async () => {
    const world = await smsWorld();
    const answer = await postElks(world, 'Hur loggar jag in?', { basicPassword: ELKS_SECRET });
    expect(answer.status).toBe(200);
    expect(world.turns()).toBe(1);
  });

  it.each([
    ['without a secret', { secret: null }],
    ['with a wrong secret in the URL', { secret: `${ELKS_SECRET}x` }],
    ['with a wrong Basic password', { basicPassword: 'elks-webhook-secret-wrong' }],
  ] as const)('refuses a request %s with 403, and nothing reaches the bot', async (_name, options) => {
    const world = await smsWorld();
    const answer = await postElks(world, 'Jag vill anmäla frånvaro', options);
    expect(answer.status).toBe(403);
    expect(world.turns()).toBe(0);
  });

  it('answers 503 with a clear error when 46elks is not configured', async () => {
    const world = await smsWorld({ env: { HUB_46ELKS_SECRET: '' } });
    const answer = await postElks(world, 'hej');
    expect(answer.status).toBe(503);
    expect(answer.raw).toContain('HUB_46ELKS_SECRET');
  });

  it('answers 204 without a body when there is nothing to say', async () => {
    const world = await smsWorld();
    await postElks(world, 'STOPP');
    const answer = await postElks(world, 'hej');
    expect(answer.status).toBe(204);
    expect(answer.raw).toBe('');
  });
});

describe('a sender that is not a phone number', () => {
  it('is acknowledged without an answer and never reaches the bot', async () => {
    const world = await smsWorld();
    const twilio = await postTwilio(world, 'Jag vill anmäla frånvaro', { from: 'Skolan' });
    expect(twilio.raw).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    expect((await postElks(world, 'hej', { from: '12#45' })).status).toBe(204);
    expect(world.turns()).toBe(0);
  });
});

describe.each<Provider>(['twilio', '46elks'])('a whole absence report over %s, numbers only', (provider) => {
  it('as Anna from 070-174 01 01: every reply is at most 3 segments and the absence is registered', async () => {
    const world = await smsWorld();
    const sv = (key: string, args: Record<string, unknown> = {}) => t(world, 'sv', key, args);
    const steps: [string, string[]][] = [
      ['Jag vill anmäla frånvaro', [sv('absence.askChild'), '1. Elsa', '2. Nils']],
      ['1', ['i dag eller i morgon för Elsa', '1. I dag', '2. I morgon']],
      ['2', ['Hela dagen eller en del av dagen', '1. Hela dagen', '2. 08.10-09.00 Matematik']],
      ['1', [sv('absence.askReason'), '1. Sjuk']],
      ['1', [sv('absence.summary'), 'Barn: Elsa', 'Anledning: Sjuk', '1. Ja', '2. Nej']],
      ['1', ['Frånvaron för Elsa är registrerad']],
    ];
    for (const [say, expected] of steps) {
      const reply = await sms(world, provider, say);
      for (const text of expected) expect(reply, `after "${say}"`).toContain(text);
      expect(reply).not.toMatch(/\*\*|\[.*\]\(/);
    }
    expect(await world.backend.absences(anna, elsa.id)).toMatchObject([{ date: '2026-11-26', reason: 'ill' }]);
  });
});

describe('the same message delivered twice', () => {
  it('is acted on once: a provider retry of the confirming "1" gets the receipt again', async () => {
    const world = await smsWorld();
    for (const say of ['Jag vill anmäla frånvaro', '1', '2', '1', '1']) await sms(world, 'twilio', say);
    const first = await postTwilio(world, '1', { params: { MessageSid: 'SM-retry', SmsSid: 'SM-retry' } });
    const again = await postTwilio(world, '1', { params: { MessageSid: 'SM-retry', SmsSid: 'SM-retry' } });
    expect(first.text).toContain('Frånvaron för Elsa är registrerad');
    expect(again.text).toBe(first.text);
    expect(await world.backend.absences(anna, elsa.id)).toHaveLength(1);
  });
});
