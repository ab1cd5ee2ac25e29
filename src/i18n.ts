import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { LOCALES, type Locale } from './nlu/types.js';

/** Translation functions per language, read once from `locales/<lang>/translation.json`. */
export type Translations = Record<Locale, TFunction>;

/** Loads the locale files synchronously into a private i18next instance (nothing global). */
export function loadTranslations(dir = 'locales'): Translations {
  const resources = Object.fromEntries(
    LOCALES.map((locale) => [
      locale,
      {
        translation: JSON.parse(readFileSync(join(dir, locale, 'translation.json'), 'utf8')) as Record<string, unknown>,
      },
    ]),
  );
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: 'sv',
    fallbackLng: 'sv',
    initAsync: false,
    interpolation: { escapeValue: false },
    returnObjects: true,
  });
  return { sv: instance.getFixedT('sv'), en: instance.getFixedT('en') };
}
