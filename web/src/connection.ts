import { createDirectLine } from 'botframework-webchat';
import { type Locale, type PageConfig, WEB_CHAT_LOCALE } from './config';

/** The Direct Line connection Web Chat talks through (botframework-directlinejs's `DirectLine`). */
export type DirectLine = ReturnType<typeof createDirectLine>;

/** directlinejs's `ConnectionStatus`. */
export const ConnectionStatus = {
  Uninitialized: 0,
  Connecting: 1,
  Online: 2,
  ExpiredToken: 3,
  FailedToConnect: 4,
  Ended: 5,
} as const;

/** A token endpoint refused the request; `code` says why (e.g. `user_token_expired`). */
export class TokenError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
  ) {
    super(`the token service answered HTTP ${status}${code ? ` (${code})` : ''}`);
    this.name = 'TokenError';
  }
}

/** What a token endpoint answers: the assistant's `POST /chat/token`, or an Azure Direct Line token service. */
export interface IssuedToken {
  token: string;
  conversationId?: string;
  /** The account the token speaks for, when the service says (Web Chat must use the same id). */
  userId?: string;
}

/** Who the conversation is with, as the token endpoint is asked. */
export type Identity = { demoUser: string } | { userToken: string } | Record<string, never>;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

/**
 * Asks the token endpoint for a Direct Line token: `POST tokenUrl` with `{ demoUser }` (demo mode), `{ userToken }`
 * (the hosting site's signed user) or `{}` (anonymous).
 */
export async function fetchToken(config: PageConfig, identity: Identity): Promise<IssuedToken> {
  const response = await fetch(config.tokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(identity),
    credentials: config.mode === 'self-hosted' ? 'same-origin' : 'omit',
    cache: 'no-store',
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    const error = body.error;
    const code = typeof error === 'object' && error !== null ? text((error as { code?: unknown }).code) : text(error);
    throw new TokenError(response.status, text(body.code) ?? code);
  }
  const token = text(body.token);
  if (!token) throw new TokenError(response.status, 'no_token');
  const user = body.user;
  const userId =
    text(body.userId) ?? (typeof user === 'object' && user !== null ? text((user as { id?: unknown }).id) : undefined);
  const conversationId = text(body.conversationId);
  return { token, ...(conversationId ? { conversationId } : {}), ...(userId ? { userId } : {}) };
}

/** The Direct Line base URL as an absolute address (a path in the configuration means this page's origin). */
export function directLineDomain(config: PageConfig): string {
  return new URL(config.domain, window.location.href).href.replace(/\/+$/, '');
}

/*
 * Both use the WebSocket stream: directlinejs's `webSocket` option is on unless set (Web Chat's typings declare it
 * as a WebSocket class, while directlinejs reads it as a flag), so it is left out.
 */

/** A new conversation with a fresh token; the bot is told the guardian's language when it starts. */
export function startConversation(domain: string, token: string, locale: Locale): DirectLine {
  return createDirectLine({ domain, token, conversationStartProperties: { locale: WEB_CHAT_LOCALE[locale] } });
}

/**
 * The conversation of a previous page load. No watermark: the service sends the whole conversation again, so the
 * reloaded page shows everything that was said (the page starts empty), and then continues where it was.
 */
export function resumeConversation(domain: string, token: string, conversationId: string): DirectLine {
  return createDirectLine({ domain, token, conversationId });
}

/**
 * The conversation id and the latest token of a connection. directlinejs keeps both to itself (it refreshes the
 * token every 15 minutes), so they are read from its fields; the page saves them for a reload.
 */
export function connectionState(directLine: DirectLine): { conversationId?: string; token?: string } {
  const fields = directLine as unknown as { conversationId?: unknown; token?: unknown };
  const conversationId = text(fields.conversationId);
  const token = text(fields.token);
  return { ...(conversationId ? { conversationId } : {}), ...(token ? { token } : {}) };
}
