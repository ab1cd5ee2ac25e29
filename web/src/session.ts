import { isLocale, type Locale } from './config';

/**
 * What the page keeps in `sessionStorage` (this tab only, gone when the tab closes) so a reload continues the same
 * conversation: the Direct Line conversation and its latest token, who is writing and the chosen language.
 */
export interface SavedSession {
  /** Who the conversation is with: '' anonymous, a demo account (`demo-anna`) or `SIGNED_USER`. */
  user: string;
  locale: Locale;
  /** The hosting site's signed user token, kept so a conversation that cannot be resumed can start again. */
  userToken?: string;
  conversationId?: string;
  /** The latest Direct Line token of the conversation (Direct Line refreshes it while the page is open). */
  token?: string;
  /** The user id the Direct Line service gave the conversation (Web Chat needs it to show its own messages). */
  userId?: string;
  /** The mode and domain the conversation lives in; a saved conversation of another service is not resumed. */
  domain?: string;
}

/** The `user` of a conversation opened with the hosting site's signed user token. */
export const SIGNED_USER = '#signed';

const KEY = 'hub-assistant.webchat.v1';

function storage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    // Storage can be switched off; the chat then simply starts over at each reload.
    return undefined;
  }
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

export function loadSession(): SavedSession | undefined {
  try {
    const raw = storage()?.getItem(KEY);
    if (!raw) return undefined;
    const parsed = JSON.parse(raw) as Record<string, unknown>;
    if (typeof parsed.user !== 'string' || !isLocale(parsed.locale)) return undefined;
    const session: SavedSession = { user: parsed.user, locale: parsed.locale };
    const userToken = optionalString(parsed.userToken);
    const conversationId = optionalString(parsed.conversationId);
    const token = optionalString(parsed.token);
    const userId = optionalString(parsed.userId);
    const domain = optionalString(parsed.domain);
    if (userToken) session.userToken = userToken;
    if (conversationId) session.conversationId = conversationId;
    if (token) session.token = token;
    if (userId) session.userId = userId;
    if (domain) session.domain = domain;
    return session;
  } catch {
    return undefined;
  }
}

export function saveSession(session: SavedSession): void {
  try {
    storage()?.setItem(KEY, JSON.stringify(session));
  } catch {
    // Full or switched off: nothing to do, the conversation just will not survive a reload.
  }
}

/**
 * Reads the hosting site's signed user token from the address's fragment (`/chat#user_token=…`; the fragment is
 * never sent to a server, so the token stays out of every access log) and removes it from the address bar and the
 * history, so it is not bookmarked, shared or shown.
 */
export function takeUserTokenFromFragment(): string | undefined {
  const fragment = window.location.hash.replace(/^#/, '');
  if (!fragment) return undefined;
  const params = new URLSearchParams(fragment);
  const token = params.get('user_token') ?? undefined;
  if (token === undefined) return undefined;
  params.delete('user_token');
  const rest = params.toString();
  const url = `${window.location.pathname}${window.location.search}${rest ? `#${rest}` : ''}`;
  window.history.replaceState(window.history.state, '', url);
  return token || undefined;
}

/** The language the address asks for (`/chat?lang=en`), if any. */
export function localeFromAddress(): Locale | undefined {
  const lang = new URLSearchParams(window.location.search).get('lang');
  return isLocale(lang) ? lang : undefined;
}
