import type { Request, Response } from 'restify';
import type { Settings } from '../../config.js';
import type { ChannelDeps, RouteMount } from '../types.js';
import { type Deliver, type InboundSms, SmsChannel, type SmsChannelOptions } from './channel.js';
import { verifyElksSecret } from './elks.js';
import { ElksSender, type SmsProvider, type SmsSender, TwilioSender } from './senders.js';
import { requestUrl, twiml, verifyTwilioSignature } from './twilio.js';

export { MAX_SEGMENTS, SMS_CHANNEL_ID, SmsChannel, type InboundSms, type SmsChannelOptions } from './channel.js';
export { countSegments, fitSegments, toGsm, type SegmentCount } from './gsm.js';
export { ElksSender, SmsSendError, TwilioSender, type SmsProvider, type SmsSender } from './senders.js';
export { twilioSignature } from './twilio.js';

export const TWILIO_PATH = '/api/sms/twilio';
export const ELKS_PATH = '/api/sms/46elks';

export interface SmsRouteOptions extends SmsChannelOptions {
  /** The channel to use (tests keep a handle on it to wait for API sends); one is built from `deps` otherwise. */
  channel?: SmsChannel;
  /** Senders for HUB_SMS_DELIVERY=api instead of the ones the settings describe (tests: a fake provider). */
  senders?: Partial<Record<SmsProvider, SmsSender>>;
  /** Base URLs of the providers' APIs for the senders built from the settings (tests: a fake provider server). */
  apiBaseUrls?: Partial<Record<SmsProvider, string>>;
}

/** The API senders the settings configure (only with HUB_SMS_DELIVERY=api). */
export function smsSenders(
  settings: Settings,
  baseUrls: Partial<Record<SmsProvider, string>> = {},
): Partial<Record<SmsProvider, SmsSender>> {
  const senders: Partial<Record<SmsProvider, SmsSender>> = {};
  const { HUB_TWILIO_ACCOUNT_SID, HUB_TWILIO_AUTH_TOKEN, HUB_TWILIO_FROM } = settings;
  if (HUB_TWILIO_ACCOUNT_SID && HUB_TWILIO_AUTH_TOKEN && HUB_TWILIO_FROM) {
    senders.twilio = new TwilioSender({
      accountSid: HUB_TWILIO_ACCOUNT_SID,
      authToken: HUB_TWILIO_AUTH_TOKEN,
      from: HUB_TWILIO_FROM,
      ...(baseUrls.twilio ? { baseUrl: baseUrls.twilio } : {}),
    });
  }
  const { HUB_46ELKS_API_USERNAME, HUB_46ELKS_API_PASSWORD, HUB_46ELKS_FROM } = settings;
  if (HUB_46ELKS_API_USERNAME && HUB_46ELKS_API_PASSWORD && HUB_46ELKS_FROM) {
    senders['46elks'] = new ElksSender({
      username: HUB_46ELKS_API_USERNAME,
      password: HUB_46ELKS_API_PASSWORD,
      from: HUB_46ELKS_FROM,
      ...(baseUrls['46elks'] ? { baseUrl: baseUrls['46elks'] } : {}),
    });
  }
  return senders;
}

/** A webhook's form fields (`req.body` as the body reader parsed them), or none. */
function formOf(body: unknown): Record<string, string> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  return Object.fromEntries(
    Object.entries(body as Record<string, unknown>).filter((entry): entry is [string, string] => {
      return typeof entry[1] === 'string';
    }),
  );
}

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The SMS webhooks: `POST /api/sms/twilio` and `POST /api/sms/46elks`. Each verifies that the provider sent the
 * request (403 otherwise, and nothing reaches the bot), runs the message through the same bot as every other
 * channel (`SmsChannel`), and answers in the webhook's response, or (HUB_SMS_DELIVERY=api) answers empty at once
 * and sends the reply through the provider's API after the turn. A provider that is not configured answers 503.
 */
export function smsRoutes(deps: ChannelDeps, options: SmsRouteOptions = {}): RouteMount {
  const { settings, logger } = deps;
  const channel = options.channel ?? new SmsChannel(deps, options);
  const api = settings.HUB_SMS_DELIVERY === 'api';
  const senders = api ? { ...smsSenders(settings, options.apiBaseUrls), ...options.senders } : {};

  /** The reply in the response, or (API delivery) an empty response now and the reply through the API later. */
  const answer = async (inbound: InboundSms, respond: (text: string | undefined) => void): Promise<void> => {
    const sender = senders[inbound.provider];
    if (api) {
      respond(undefined);
      if (!sender) {
        logger.error({ provider: inbound.provider }, 'sms: HUB_SMS_DELIVERY=api but no API credentials for provider');
        return;
      }
      const deliver: Deliver = (to, text) => sender.send(to, text);
      channel.receive(inbound, deliver).catch((error: unknown) => {
        logger.error({ provider: inbound.provider, err: (error as Error).name }, 'sms message could not be handled');
      });
      return;
    }
    respond(await channel.receive(inbound));
  };

  return (server) => {
    server.post(TWILIO_PATH, async (req: Request, res: Response) => {
      const token = settings.HUB_TWILIO_AUTH_TOKEN;
      if (!token) {
        res.send(503, {
          error: 'SMS through Twilio is not configured: set HUB_TWILIO_AUTH_TOKEN to the account auth token.',
        });
        return;
      }
      const params = formOf(req.body);
      const url = requestUrl(req, settings.HUB_PUBLIC_URL);
      if (!verifyTwilioSignature(token, header(req, 'x-twilio-signature'), url, params)) {
        logger.warn({ provider: 'twilio' }, 'sms webhook refused: missing or wrong X-Twilio-Signature');
        res.send(403, { error: "The request does not carry a valid X-Twilio-Signature for this account's token." });
        return;
      }
      const inbound: InboundSms = {
        provider: 'twilio',
        from: params.From ?? '',
        text: params.Body ?? '',
        messageId: params.MessageSid ?? params.SmsSid,
      };
      await answer(inbound, (text) => {
        res.sendRaw(200, twiml(text), { 'content-type': 'text/xml; charset=utf-8' });
      });
    });

    server.post(ELKS_PATH, async (req: Request, res: Response) => {
      const secret = settings.HUB_46ELKS_SECRET;
      if (!secret) {
        res.send(503, { error: 'SMS through 46elks is not configured: set HUB_46ELKS_SECRET (see the README).' });
        return;
      }
      if (!verifyElksSecret(req, secret)) {
        logger.warn({ provider: '46elks' }, 'sms webhook refused: missing or wrong secret');
        res.send(403, { error: 'The request does not carry the 46elks webhook secret.' });
        return;
      }
      const form = formOf(req.body);
      // Only incoming messages (46elks posts direction=incoming); anything else is acknowledged and ignored.
      if (form.direction !== undefined && form.direction !== 'incoming') {
        res.sendRaw(204, '');
        return;
      }
      const inbound: InboundSms = {
        provider: '46elks',
        from: form.from ?? '',
        text: form.message ?? '',
        messageId: form.id,
      };
      // 46elks sends the body of a 200 response back to the sender as the reply ("Automatic replies",
      // https://46elks.se/docs/receive-sms: "You can optionally reply to the SMS directly in your webhook
      // response … Just put the message directly in the body of your response"); any 200–204 status is success,
      // anything else is retried for hours. Nothing to say: 204 without a body.
      await answer(inbound, (text) => {
        if (text) res.sendRaw(200, text, { 'content-type': 'text/plain; charset=utf-8' });
        else res.sendRaw(204, '');
      });
    });
  };
}
