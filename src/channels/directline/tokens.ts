/**
 * The two kinds of token the web chat deals with:
 *
 * - **Direct Line tokens**, issued here: compact `base64url(payload).base64url(HMAC-SHA256)` signed with a secret
 *   of this installation (kept in the database, so tokens survive a restart). An `access` token is the Bearer token
 *   of the REST routes; a short-lived `stream` token is only good for opening a conversation's WebSocket (it rides in
 *   the stream URL, where a browser cannot set headers).
 * - **User tokens**, issued by the site hosting the web chat: an HS256 JWT saying which guardian is writing, verified
 *   with the shared `HUB_WEBCHAT_USER_SECRET`.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { isRecord } from './protocol.js';

/** How long an access token lives (seconds); the client refreshes it every 15 minutes. */
export const ACCESS_TOKEN_SECONDS = 60 * 60;
/** How long a stream URL may wait before it is opened (seconds); the client always asks for a fresh one. */
export const STREAM_TOKEN_SECONDS = 2 * 60;
/** A session (one identification through `/chat/token`) may be refreshed for this long, then it needs a new one. */
export const MAX_SESSION_SECONDS = 24 * 60 * 60;
/** The longest lifetime a hosting site may give a user token (seconds). */
export const MAX_USER_TOKEN_SECONDS = 24 * 60 * 60;
/** Clock difference tolerated between the hosting site and the assistant (seconds). */
const CLOCK_SKEW_SECONDS = 30;

/** Who a Direct Line token speaks for and what it grants. */
export interface TokenClaims {
  kind: 'access' | 'stream';
  /** The web chat account id: the `from.id` of everything this user writes. */
  user: string;
  /** A display name the hosting site gave, if any. */
  name?: string | undefined;
  /** The one conversation the token is bound to; an unbound access token may start new ones. */
  conversation?: string | undefined;
  /** When the user was identified (epoch seconds); refreshing stops `MAX_SESSION_SECONDS` later. */
  session: number;
  /** Expiry (epoch seconds). */
  exp: number;
}

const payloadSchema = z.object({
  k: z.enum(['access', 'stream']),
  u: z.string().min(1).max(256),
  n: z.string().max(200).optional(),
  c: z.string().min(1).max(64).optional(),
  s: z.number().int(),
  e: z.number().int(),
  r: z.string(),
});

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: 'malformed' | 'expired' };

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** How a kind of signed token is written, for `openSigned`. */
interface SignedFormat {
  /** Its dot-separated base64url parts, the signature last: 2 (`payload.signature`) or 3 (a JWT's). */
  parts: 2 | 3;
  /** The longest token read at all (characters). */
  maxLength: number;
  /** What the HMAC covers before the signed parts (`dl1.` for Direct Line tokens, nothing for a JWT). */
  context: string;
  /** A JWT's header is acceptable (checked before the signature: it names how the token is signed). */
  header?: (header: Record<string, unknown> | undefined) => boolean;
}

/** Why `openSigned` refused a token, one reason per check, in the order they run. */
type SignedRefusal = 'parts' | 'length' | 'header' | 'signature' | 'claims';

/** The Direct Line token: `base64url(payload).base64url(HMAC-SHA256("dl1." + payload))`. */
const DIRECT_LINE_FORMAT: SignedFormat = { parts: 2, maxLength: 2048, context: 'dl1.' };

/** The hosting site's user token: an HS256 JWT, `header.payload.signature`. */
const USER_TOKEN_FORMAT: SignedFormat = {
  parts: 3,
  maxLength: 4096,
  context: '',
  header: (header) => header?.alg === 'HS256' && header.crit === undefined,
};

/** The HMAC-SHA256 of a token's signed parts (after the format's context), as issued and as checked. */
function signatureOf(key: Buffer | string, format: SignedFormat, signed: readonly string[]): Buffer {
  return createHmac('sha256', key)
    .update(`${format.context}${signed.join('.')}`)
    .digest();
}

/** Compares a base64url signature with the expected bytes in constant time. */
function signatureMatches(given: string, expected: Buffer): boolean {
  if (!BASE64URL.test(given)) return false;
  const bytes = Buffer.from(given, 'base64url');
  return bytes.length === expected.length && timingSafeEqual(bytes, expected);
}

function parseJsonObject(part: string | undefined): Record<string, unknown> | undefined {
  if (part === undefined || !BASE64URL.test(part)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The one check both kinds of token go through, so neither can be checked more loosely than the other: the number
 * of parts and the length, a JWT's header, then the signature in constant time before any claim is read, then the
 * claims as a JSON object (the part before the signature). What the claims must say is each kind's own.
 */
function openSigned(
  token: string,
  key: Buffer | string,
  format: SignedFormat,
): { ok: true; claims: Record<string, unknown> } | { ok: false; reason: SignedRefusal } {
  const parts = token.split('.');
  const signature = parts.pop();
  if (parts.length !== format.parts - 1 || signature === undefined) return { ok: false, reason: 'parts' };
  if (token.length > format.maxLength) return { ok: false, reason: 'length' };
  if (format.header && !format.header(parseJsonObject(parts[0]))) return { ok: false, reason: 'header' };
  if (!signatureMatches(signature, signatureOf(key, format, parts))) return { ok: false, reason: 'signature' };
  const claims = parseJsonObject(parts.at(-1));
  return claims === undefined ? { ok: false, reason: 'claims' } : { ok: true, claims };
}

/** Whether an expiry (epoch seconds) has passed, with `skew` seconds of grace for another machine's clock. */
function hasExpired(exp: number, nowSeconds: number, skew = 0): boolean {
  return exp + skew <= nowSeconds;
}

/** Issues and checks Direct Line tokens with one installation secret. */
export class DirectLineTokens {
  constructor(
    private readonly secret: Buffer,
    private readonly nowSeconds: () => number,
  ) {}

  /** A signed token for `claims`, expiring `lifetime` seconds from now. */
  issue(claims: Omit<TokenClaims, 'exp'>, lifetime: number): { token: string; expiresIn: number } {
    const payload = {
      k: claims.kind,
      u: claims.user,
      ...(claims.name === undefined ? {} : { n: claims.name }),
      ...(claims.conversation === undefined ? {} : { c: claims.conversation }),
      s: claims.session,
      e: this.nowSeconds() + lifetime,
      r: randomBytes(6).toString('base64url'),
    };
    const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
    const signature = signatureOf(this.secret, DIRECT_LINE_FORMAT, [body]).toString('base64url');
    return { token: `${body}.${signature}`, expiresIn: lifetime };
  }

  /** Checks the signature first (`openSigned`), then the payload and the expiry. */
  verify(token: string): TokenCheck {
    const opened = openSigned(token, this.secret, DIRECT_LINE_FORMAT);
    const parsed = payloadSchema.safeParse(opened.ok ? opened.claims : undefined);
    if (!parsed.success) return { ok: false, reason: 'malformed' };
    const { k, u, n, c, s, e } = parsed.data;
    if (hasExpired(e, this.nowSeconds())) return { ok: false, reason: 'expired' };
    return { ok: true, claims: { kind: k, user: u, name: n, conversation: c, session: s, exp: e } };
  }
}

/** Why a user token was refused; the codes are part of `/chat/token`'s contract (the page translates them). */
export type UserTokenRefusal = 'invalid_user_token' | 'user_token_expired' | 'user_token_lifetime_too_long';

export type UserTokenCheck =
  { ok: true; user: string; name?: string } | { ok: false; code: UserTokenRefusal; message: string };

/** A web chat account id: printable, no spaces, at most 128 characters. */
const SUBJECT = /^[\p{L}\p{N}._:@|+-]{1,128}$/u;

/** What a user token that `openSigned` refused is told, per reason. */
const USER_TOKEN_REFUSALS: Record<SignedRefusal, string> = {
  parts: 'The user token is not a JWT.',
  length: 'The user token is too long.',
  header: 'The user token must be signed with HS256.',
  signature: 'The user token has a wrong signature.',
  claims: 'The user token has no claims.',
};

function refuse(code: UserTokenRefusal, message: string): UserTokenCheck {
  return { ok: false, code, message };
}

/**
 * Verifies the hosting site's user token: an HS256 JWT signed with `secret`, with `sub` (the guardian's web chat
 * account id) and `exp` required, `iat`/`nbf`/`name` optional. Only HS256 is accepted (never `none`, never another
 * algorithm named in the header), the signature is compared in constant time before any claim is read, and a token
 * may live at most 24 hours.
 */
export function verifyUserToken(token: string, secret: string, nowSeconds: number): UserTokenCheck {
  const opened = openSigned(token, secret, USER_TOKEN_FORMAT);
  if (!opened.ok) return refuse('invalid_user_token', USER_TOKEN_REFUSALS[opened.reason]);
  const { sub, exp, iat, nbf, name } = opened.claims;
  if (typeof sub !== 'string' || !SUBJECT.test(sub)) {
    return refuse('invalid_user_token', 'The user token needs "sub": the web chat account id.');
  }
  if (typeof exp !== 'number' || !Number.isFinite(exp)) {
    return refuse('invalid_user_token', 'The user token needs "exp" (seconds since 1970).');
  }
  if ((iat !== undefined && typeof iat !== 'number') || (nbf !== undefined && typeof nbf !== 'number')) {
    return refuse('invalid_user_token', '"iat" and "nbf" must be numbers.');
  }
  if (hasExpired(exp, nowSeconds, CLOCK_SKEW_SECONDS)) {
    return refuse('user_token_expired', 'The user token has expired.');
  }
  if ((nbf ?? 0) > nowSeconds + CLOCK_SKEW_SECONDS || (iat ?? 0) > nowSeconds + CLOCK_SKEW_SECONDS) {
    return refuse('invalid_user_token', 'The user token is not valid yet.');
  }
  if (exp - (iat ?? nowSeconds) > MAX_USER_TOKEN_SECONDS) {
    return refuse('user_token_lifetime_too_long', 'A user token may live at most 24 hours.');
  }
  const displayName = typeof name === 'string' ? name.trim().slice(0, 100) : '';
  return displayName ? { ok: true, user: sub, name: displayName } : { ok: true, user: sub };
}
