import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request } from 'restify';

/**
 * Twilio's request signature (https://www.twilio.com/docs/usage/webhooks/webhooks-security): base64 of HMAC-SHA1,
 * keyed with the account's auth token, over the full URL Twilio called (scheme, host, path and query) followed by
 * every POST parameter, sorted by name, as name + value with nothing between.
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  let data = url;
  for (const key of Object.keys(params).sort()) data += key + (params[key] ?? '');
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** Compares two strings in time that does not depend on where they differ (digests of equal length). */
export function safeEqual(a: string, b: string): boolean {
  const digest = (value: string) => createHmac('sha256', 'hub-assistant.safe-equal').update(value, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * The URL as Twilio may have signed it: as given, and with the default port added or removed (Twilio's own
 * helper library accepts both, since a proxy may or may not show the port).
 */
function urlVariants(url: string): string[] {
  const match = /^(https?):\/\/([^/:?#]+)(?::(\d+))?(.*)$/is.exec(url);
  if (!match) return [url];
  const [, scheme = '', host = '', port, rest = ''] = match;
  const defaultPort = scheme.toLowerCase() === 'https' ? '443' : '80';
  if (port === undefined) return [url, `${scheme}://${host}:${defaultPort}${rest}`];
  if (port === defaultPort) return [url, `${scheme}://${host}${rest}`];
  return [url];
}

/** True when `signature` is Twilio's signature of this URL and these parameters. */
export function verifyTwilioSignature(
  authToken: string,
  signature: string | undefined,
  url: string,
  params: Record<string, string>,
): boolean {
  if (!signature) return false;
  let valid = false;
  // Every variant is checked (no early exit), so the time taken does not tell which one matched.
  for (const variant of urlVariants(url)) {
    if (safeEqual(twilioSignature(authToken, variant, params), signature)) valid = true;
  }
  return valid;
}

/**
 * The URL Twilio called: HUB_PUBLIC_URL (behind a proxy, the address Twilio knows) followed by the request's path
 * and query; without it, the request's own scheme (X-Forwarded-Proto from a proxy, else the socket's) and Host.
 */
export function requestUrl(req: Request, publicUrl: string | undefined): string {
  const pathAndQuery = req.url ?? '/';
  if (publicUrl) return `${publicUrl.replace(/\/+$/, '')}${pathAndQuery}`;
  const forwarded = firstHeader(req.headers['x-forwarded-proto'])?.split(',')[0]?.trim();
  const encrypted = (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true;
  const scheme = forwarded === 'https' || forwarded === 'http' ? forwarded : encrypted ? 'https' : 'http';
  const host = firstHeader(req.headers['x-forwarded-host'])?.split(',')[0]?.trim() ?? req.headers.host ?? 'localhost';
  return `${scheme}://${host}${pathAndQuery}`;
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Escapes text for an XML element's content. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** The TwiML answer to an incoming message: one `<Message>` with the text, or an empty `<Response/>`. */
export function twiml(text: string | undefined): string {
  const head = '<?xml version="1.0" encoding="UTF-8"?>';
  return text ? `${head}<Response><Message>${escapeXml(text)}</Message></Response>` : `${head}<Response/>`;
}
