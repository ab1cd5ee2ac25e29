import type { Settings } from '../../config.js';
import type { Translations } from '../../i18n.js';
import { LOCALES, type Locale } from '../../nlu/types.js';
import { DAY_MS } from '../../storage/retention.js';
import { DEFAULT_RETENTION } from '../directline/store.js';
import { BASE_HEAD, escapeHtml } from './page.js';

/** Where guardians (and the Teams app's manifest) find what the assistant keeps about them. */
export const PRIVACY_PATH = '/privacy';

/** The privacy page's address under a public base URL (`https://x.se/assistant` → `https://x.se/assistant/privacy`). */
export function privacyUrl(publicUrl: URL): string {
  const base = publicUrl.href.endsWith('/') ? publicUrl.href : `${publicUrl.href}/`;
  return new URL(PRIVACY_PATH.slice(1), base).href;
}

/**
 * `GET /privacy` (`?lang=en`): what the assistant keeps about a guardian and for how long, in plain words, with the
 * periods the settings give. Plain HTML with inline styles only, so it needs no script and no built assets.
 */
export function renderPrivacyPage(
  settings: Pick<
    Settings,
    'HUB_WEBCHAT_TITLE' | 'HUB_WEBCHAT_COLOR' | 'HUB_STATE_RETENTION_DAYS' | 'HUB_UNANSWERED_RETENTION_DAYS'
  >,
  translations: Translations,
  locale: Locale,
): string {
  const t = translations[locale];
  const periods = {
    stateDays: settings.HUB_STATE_RETENTION_DAYS,
    unansweredDays: settings.HUB_UNANSWERED_RETENTION_DAYS,
    transcriptDays: Math.round(DEFAULT_RETENTION.maxIdleMs / DAY_MS),
  };
  const paragraphs = t('privacy.paragraphs', { returnObjects: true, ...periods });
  if (!Array.isArray(paragraphs)) throw new Error(`locales/${locale}: privacy.paragraphs must be a list`);
  const other = LOCALES.find((l) => l !== locale) ?? locale;
  const heading = escapeHtml(t('privacy.heading'));
  return `<!doctype html>
<html lang="${locale}">
<head>
${BASE_HEAD}
<title>${heading} – ${escapeHtml(settings.HUB_WEBCHAT_TITLE)}</title>
<style>
body{font-family:system-ui,sans-serif;line-height:1.5;margin:0;color:#1b1b1b}
header{background:${escapeHtml(settings.HUB_WEBCHAT_COLOR)};color:#fff;padding:1rem 1.25rem}
header p{margin:0;font-size:.95rem}
main{max-width:42rem;padding:0 1.25rem 2rem}
h1{font-size:1.5rem;margin:0}
a{color:inherit}
</style>
</head>
<body>
<header><p>${escapeHtml(settings.HUB_WEBCHAT_TITLE)}</p><h1>${heading}</h1></header>
<main>
${paragraphs.map((p) => `<p>${escapeHtml(String(p))}</p>`).join('\n')}
<p><a href="${PRIVACY_PATH}?lang=${other}" hreflang="${other}" lang="${other}">${escapeHtml(translations[other]('privacy.inLanguage'))}</a></p>
</main>
</body>
</html>
`;
}
