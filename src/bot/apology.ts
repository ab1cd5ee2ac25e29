import type { Translations } from '../i18n.js';
import type { Locale } from '../nlu/types.js';
import type { Reply } from '../replies/reply.js';

/** The one apology for a turn that failed, in the guardian's language, whichever layer noticed the failure. */
export function apology(translations: Translations, locale: Locale): Reply {
  return { text: translations[locale]('error') };
}
