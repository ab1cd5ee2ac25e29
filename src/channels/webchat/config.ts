import type { DemoWebChatAccount } from '../../assistant.js';
import { isDemoMode, type Settings } from '../../config.js';
import type { Translations } from '../../i18n.js';
import { LOCALES, type Locale } from '../../nlu/types.js';

/** Where the page asks for a Direct Line token in self-hosted mode (the assistant's own Direct Line endpoint). */
export const SELF_HOSTED_TOKEN_PATH = '/chat/token';
/** The assistant's own Direct Line 3.0 endpoint. */
export const SELF_HOSTED_DIRECT_LINE_PATH = '/v3/directline';

/** Every text the page shows, per language (`locales/<lang>/translation.json`, section `webchat`). */
export const WEBCHAT_STRING_KEYS = [
  'languageName',
  'languageGroup',
  'loading',
  'noscript',
  'notBuilt',
  'chatRegion',
  'demoLabel',
  'demoAnonymous',
  'demoHint',
  'startNew',
  'connectFailed',
  'signInExpired',
  'resumeFailed',
  'retry',
] as const;

export type WebChatStringKey = (typeof WEBCHAT_STRING_KEYS)[number];
export type WebChatStrings = Record<WebChatStringKey, string>;

/** A demo guardian the page offers in demo mode: the web chat account and who it is, per language. */
export interface DemoGuardianOption {
  /** The web chat account (`demo-anna`), sent as `demoUser` to the token endpoint. */
  id: string;
  description: Record<Locale, string>;
}

/**
 * What the page needs to know (`GET /chat/config.json`). The browser's copy of this shape is `web/src/config.ts`;
 * the two are kept equal by test/channels/webchat.test.ts.
 */
export interface WebChatPageConfig {
  title: string;
  /** The school's accent colour, `#rrggbb`. */
  accent: string;
  defaultLocale: Locale;
  /**
   * `self-hosted`: tokens from the assistant's `POST /chat/token`, Direct Line at its own `/v3/directline`.
   * `azure`: tokens from HUB_DIRECTLINE_TOKEN_URL, Direct Line at HUB_DIRECTLINE_DOMAIN.
   */
  mode: 'self-hosted' | 'azure';
  tokenUrl: string;
  /** The Direct Line base URL; a path (`/v3/directline`) means the page's own origin. */
  domain: string;
  /** Whether the hosting site can pass a signed user token (`/chat#user_token=…`). */
  signedUsers: boolean;
  /** The demo guardians to try the assistant as; null outside demo mode. */
  demo: { guardians: DemoGuardianOption[] } | null;
  strings: Record<Locale, WebChatStrings>;
}

/** The page's texts in one language. */
export function webChatStrings(t: Translations, locale: Locale): WebChatStrings {
  const strings = {} as WebChatStrings;
  for (const key of WEBCHAT_STRING_KEYS) strings[key] = t[locale](`webchat.${key}`);
  return strings;
}

/** The demo school's web chat accounts with a short description of each: "Anna (Elsa 3B, Nils 7A)". */
export function demoGuardians(t: Translations, accounts: readonly DemoWebChatAccount[]): DemoGuardianOption[] {
  return accounts.map((account) => {
    const name = account.guardianName.split(' ')[0] ?? account.guardianName;
    const children = account.children.map((child) => `${child.name} ${child.className}`).join(', ');
    const key = account.verification === 'none' ? 'webchat.demoUnverified' : 'webchat.demoGuardian';
    const description = Object.fromEntries(
      LOCALES.map((locale) => [locale, t[locale](key, { name, children })]),
    ) as Record<Locale, string>;
    return { id: account.id, description };
  });
}

/** The page's configuration for these settings, offering `demoAccounts` in demo mode (`Assistant.demoAccounts`). */
export function pageConfig(
  settings: Settings,
  t: Translations,
  demoAccounts: readonly DemoWebChatAccount[],
): WebChatPageConfig {
  const azure = settings.HUB_DIRECTLINE_TOKEN_URL;
  const publicUrl = settings.HUB_PUBLIC_URL?.replace(/\/+$/, '');
  return {
    title: settings.HUB_WEBCHAT_TITLE,
    accent: settings.HUB_WEBCHAT_COLOR.toLowerCase(),
    defaultLocale: settings.HUB_DEFAULT_LOCALE,
    ...(azure
      ? { mode: 'azure' as const, tokenUrl: azure, domain: settings.HUB_DIRECTLINE_DOMAIN.replace(/\/+$/, '') }
      : {
          mode: 'self-hosted' as const,
          tokenUrl: `${publicUrl ?? ''}${SELF_HOSTED_TOKEN_PATH}`,
          domain: `${publicUrl ?? ''}${SELF_HOSTED_DIRECT_LINE_PATH}`,
        }),
    signedUsers: Boolean(settings.HUB_WEBCHAT_USER_SECRET),
    demo: isDemoMode(settings) ? { guardians: demoGuardians(t, demoAccounts) } : null,
    strings: { sv: webChatStrings(t, 'sv'), en: webChatStrings(t, 'en') },
  };
}
