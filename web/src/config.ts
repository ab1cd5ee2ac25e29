/** The two languages of the page and the assistant. */
export type Locale = 'sv' | 'en';

export const LOCALES: readonly Locale[] = ['sv', 'en'];

/** Web Chat's own locale for each language (its buttons, labels and screen reader texts). */
export const WEB_CHAT_LOCALE: Record<Locale, string> = { sv: 'sv-SE', en: 'en-US' };

/** Every text the page shows (from the server's `locales/<lang>/translation.json`, section `webchat`). */
export interface Strings {
  languageName: string;
  languageGroup: string;
  loading: string;
  noscript: string;
  notBuilt: string;
  chatRegion: string;
  demoLabel: string;
  demoAnonymous: string;
  demoHint: string;
  startNew: string;
  connectFailed: string;
  signInExpired: string;
  resumeFailed: string;
  retry: string;
}

export interface DemoGuardian {
  id: string;
  description: Record<Locale, string>;
}

/**
 * `GET /chat/config.json` (the server's `WebChatPageConfig` in src/channels/webchat/config.ts; a test keeps the two
 * equal).
 */
export interface PageConfig {
  title: string;
  accent: string;
  defaultLocale: Locale;
  mode: 'self-hosted' | 'azure';
  tokenUrl: string;
  domain: string;
  signedUsers: boolean;
  demo: { guardians: DemoGuardian[] } | null;
  strings: Record<Locale, Strings>;
}

export function isLocale(value: unknown): value is Locale {
  return value === 'sv' || value === 'en';
}

/** Reads the page's configuration from the server. */
export async function loadConfig(url: string): Promise<PageConfig> {
  const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as PageConfig;
}
