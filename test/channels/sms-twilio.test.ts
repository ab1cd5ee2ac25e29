import { describe, expect, it } from 'vitest';
import { escapeXml, twilioSignature, twiml, verifyTwilioSignature } from '../../src/channels/sms/twilio.js';

/** The example of Twilio's webhook-security documentation (auth token 12345). */
const URL = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const PARAMS = {
  CallSid: 'CA1234567890ABCDE',
  Caller: '+12349013030',
  Digits: '1234',
  From: '+12349013030',
  To: '+18005551212',
};
const SIGNATURE = '0/KCTR6DLpKmkAf8muzZqo1nDgQ=';

describe('the Twilio signature', () => {
  it("matches Twilio's documented example", () => {
    expect(twilioSignature('12345', URL, PARAMS)).toBe(SIGNATURE);
    expect(verifyTwilioSignature('12345', SIGNATURE, URL, PARAMS)).toBe(true);
  });

  it('accepts the URL with the default port written out or left away', () => {
    const withPort = 'https://mycompany.com:443/myapp.php?foo=1&bar=2';
    expect(verifyTwilioSignature('12345', SIGNATURE, withPort, PARAMS)).toBe(true);
    expect(verifyTwilioSignature('12345', twilioSignature('12345', withPort, PARAMS), URL, PARAMS)).toBe(true);
    expect(verifyTwilioSignature('12345', SIGNATURE, 'https://mycompany.com:8443/myapp.php?foo=1&bar=2', PARAMS)).toBe(
      false,
    );
  });

  it.each([
    ['no signature', undefined, URL, PARAMS, '12345'],
    ['another token', SIGNATURE, URL, PARAMS, '54321'],
    ['another URL', SIGNATURE, 'https://mycompany.com/myapp.php?foo=1&bar=3', PARAMS, '12345'],
    ['http instead of https', SIGNATURE, URL.replace('https', 'http'), PARAMS, '12345'],
    ['a changed parameter', SIGNATURE, URL, { ...PARAMS, Digits: '1235' }, '12345'],
    ['an added parameter', SIGNATURE, URL, { ...PARAMS, Body: 'STOP' }, '12345'],
    ['a truncated signature', SIGNATURE.slice(0, -1), URL, PARAMS, '12345'],
  ])('refuses %s', (_name, signature, url, params, token) => {
    expect(verifyTwilioSignature(token, signature, url, params)).toBe(false);
  });
});

describe('TwiML', () => {
  it('escapes the message text', () => {
    expect(escapeXml(`<b>"Ja" & 'nej'</b>`)).toBe('&lt;b&gt;&quot;Ja&quot; &amp; &apos;nej&apos;&lt;/b&gt;');
    expect(twiml('1 < 2 & 3')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Message>1 &lt; 2 &amp; 3</Message></Response>',
    );
  });

  it('is an empty <Response/> when there is nothing to say', () => {
    expect(twiml(undefined)).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    expect(twiml('')).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
  });
});
