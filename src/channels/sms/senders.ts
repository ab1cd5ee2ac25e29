/** Sends one text message through a provider's REST API (HUB_SMS_DELIVERY=api). */
export interface SmsSender {
  readonly provider: SmsProvider;
  /** Sends `text` to `to` (E.164); rejects with an `SmsSendError` when the provider does not take it. */
  send(to: string, text: string): Promise<void>;
}

export type SmsProvider = 'twilio' | '46elks';

/**
 * A provider refused or could not be reached. The message names the provider and the HTTP status only: the
 * provider's answer often repeats the recipient's number, so it is not kept.
 */
export class SmsSendError extends Error {
  constructor(
    readonly provider: SmsProvider,
    readonly status: number | undefined,
    reason: string,
  ) {
    super(`${provider}: ${reason}`);
    this.name = 'SmsSendError';
  }
}

/** How long one send may take. */
const SEND_TIMEOUT_MS = 10_000;

function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** Posts a form with basic auth; anything but a 2xx is an `SmsSendError`. */
async function postForm(
  provider: SmsProvider,
  url: string,
  auth: string,
  form: Record<string, string>,
  timeoutMs: number,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const reason = error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'could not be reached';
    throw new SmsSendError(provider, undefined, reason);
  }
  // The body is read (to free the connection) but not kept: it may name the recipient.
  await response.arrayBuffer().catch(() => undefined);
  if (!response.ok) throw new SmsSendError(provider, response.status, `answered HTTP ${response.status}`);
}

export interface TwilioSenderOptions {
  accountSid: string;
  authToken: string;
  /** The sending number (E.164) or a messaging service (`MG…`, sent as MessagingServiceSid). */
  from: string;
  /** Twilio's API (a fake one in tests). */
  baseUrl?: string;
  timeoutMs?: number;
}

/** Twilio's Programmable Messaging: `POST /2010-04-01/Accounts/{sid}/Messages.json`, basic auth SID:token. */
export class TwilioSender implements SmsSender {
  readonly provider = 'twilio';
  private readonly url: string;

  constructor(private readonly options: TwilioSenderOptions) {
    const base = (options.baseUrl ?? 'https://api.twilio.com').replace(/\/+$/, '');
    this.url = `${base}/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`;
  }

  send(to: string, text: string): Promise<void> {
    const { accountSid, authToken, from } = this.options;
    const sender: Record<string, string> = /^MG[0-9a-f]{32}$/i.test(from)
      ? { MessagingServiceSid: from }
      : { From: from };
    return postForm(
      'twilio',
      this.url,
      basicAuth(accountSid, authToken),
      { To: to, ...sender, Body: text },
      this.options.timeoutMs ?? SEND_TIMEOUT_MS,
    );
  }
}

export interface ElksSenderOptions {
  username: string;
  password: string;
  /** The sending number (E.164) or an alphanumeric sender id (at most 11 characters). */
  from: string;
  /** 46elks' API (a fake one in tests). */
  baseUrl?: string;
  timeoutMs?: number;
}

/** 46elks: `POST /a1/sms` with `from`, `to`, `message`, basic auth with the API username and password. */
export class ElksSender implements SmsSender {
  readonly provider = '46elks';
  private readonly url: string;

  constructor(private readonly options: ElksSenderOptions) {
    this.url = `${(options.baseUrl ?? 'https://api.46elks.com').replace(/\/+$/, '')}/a1/sms`;
  }

  send(to: string, text: string): Promise<void> {
    const { username, password, from } = this.options;
    return postForm(
      '46elks',
      this.url,
      basicAuth(username, password),
      { from, to, message: text },
      this.options.timeoutMs ?? SEND_TIMEOUT_MS,
    );
  }
}
