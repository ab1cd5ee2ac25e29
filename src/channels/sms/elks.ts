import type { Request } from 'restify';
import { safeEqual } from './twilio.js';

/**
 * 46elks does not sign its webhooks. Its docs suggest putting credentials in the webhook URL instead: HTTP Basic
 * auth as `https://user:password@host/…` or an extra query parameter (https://46elks.se/docs/sms-delivery-reports:
 * "You may use Basic Auth by using the https://username:password@yourserver.example url format. You may also
 * include any extra information as query parameters … if you … need to add an auth-key"). So the number's
 * `sms_url` is set to `…/api/sms/46elks?secret=<HUB_46ELKS_SECRET>` or `https://elks:<secret>@host/api/sms/46elks`,
 * and a request is taken only with that secret, compared in constant time.
 */
export function verifyElksSecret(req: Request, secret: string): boolean {
  const candidates = [querySecret(req.url), basicPassword(req.headers.authorization)];
  let valid = false;
  // Both are compared (no early exit), so the time taken does not tell which one was tried.
  for (const candidate of candidates) if (safeEqual(candidate ?? '', secret) && candidate !== undefined) valid = true;
  return valid;
}

/** The `secret` query parameter of a request path, if there is one. */
function querySecret(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const query = url.indexOf('?');
  if (query < 0) return undefined;
  return new URLSearchParams(url.slice(query + 1)).get('secret') ?? undefined;
}

/** The password of an HTTP Basic `Authorization` header (the user name is not checked). */
function basicPassword(header: string | undefined): string | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}
