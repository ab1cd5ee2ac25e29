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
  return { sv: remembered(instance.getFixedT('sv')), en: remembered(instance.getFixedT('en')) };
}

/**
 * A translation function that keeps the texts it was asked for without values: the resources never change after
 * loading, and i18next takes about 15 µs a call, several times in every turn.
 */
function remembered(t: TFunction): TFunction {
  const plain = new Map<string, unknown>();
  const lookup = (key: string | string[], ...rest: unknown[]): unknown => {
    if (rest.length > 0 || typeof key !== 'string')
      return (t as unknown as (...args: unknown[]) => unknown)(key, ...rest);
    if (!plain.has(key)) plain.set(key, t(key));
    return plain.get(key);
  };
  return Object.assign(lookup, t);
}
