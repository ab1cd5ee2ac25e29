import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readKnowledge } from '../../src/knowledge/read.js';
import { LOCALES, type Locale } from '../../src/nlu/types.js';
import { SEED_LABELS } from './seed-labels.js';

const FAQ = fileURLToPath(new URL('../../faq', import.meta.url));
/** The seed documents sit beside the repository on the development machine; elsewhere that check is skipped. */
const SEEDS = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));

const raw = readKnowledge(FAQ);

/** Every answer a guardian can get: the base answers and each municipality's, in both languages. */
const answers: { where: string; locale: Locale; text: string }[] = [
  ...raw.entries.flatMap((entry) => LOCALES.map((locale) => ({ where: entry.id, locale, text: entry[locale].answer }))),
  ...[...raw.overlays].flatMap(([municipality, overlay]) =>
    Object.entries(overlay.answers).flatMap(([id, text]) =>
      LOCALES.map((locale) => ({ where: `${municipality}: ${id}`, locale, text: text[locale] })),
    ),
  ),
];

/** The text between quotes ("…", “…”, ”…”), which in an answer is always a label on the screen. */
function quoted(text: string): string[] {
  return [...text.matchAll(/["“”]([^"“”]+)["“”]/g)].map((match) => match[1] ?? '');
}

describe('the labels answers quote', () => {
  it.each(answers)('$where ($locale) quotes only labels the seeds have', ({ text }) => {
    const unknown = quoted(text).filter((label) => !(label in SEED_LABELS));
    expect(unknown).toEqual([]);
  });

  it('quote at least the labels of the common tasks', () => {
    const all = new Set(answers.flatMap(({ text }) => quoted(text)));
    for (const label of ['Frånvaro', 'Rapportera frånvaro', 'Nytt lösenord?', 'Fritidshem', 'Utvecklingssamtal']) {
      expect(all).toContain(label);
    }
  });

  it.skipIf(!existsSync(SEEDS)).each(Object.entries(SEED_LABELS))(
    '"%s" stands in the seed line it cites',
    (label, { seed, line }) => {
      const lines = readFileSync(`${SEEDS}${seed}`, 'utf8').split('\n');
      expect(lines[line - 1]).toContain(label);
    },
  );
});

describe('labels the seed versions spell differently are named one way everywhere', () => {
  /** The password link is "Nytt lösenord?" in some versions and "Glömt lösenord?" in others: both, in this order. */
  const PASSWORD_LINK: Record<Locale, string> = {
    sv: '"Nytt lösenord?" (i en del versioner "Glömt lösenord?")',
    en: '"Nytt lösenord?" (New password?, in some versions "Glömt lösenord?")',
  };

  it.each(answers.filter(({ text }) => /(Nytt|Glömt) lösenord/.test(text)))(
    '$where ($locale) names the password link both ways',
    ({ locale, text }) => {
      const mentions = text.match(/"(Nytt|Glömt) lösenord\??"/g) ?? [];
      expect(text).toContain(PASSWORD_LINK[locale]);
      expect(mentions).toHaveLength(2);
    },
  );

  it.each(answers.filter(({ locale, text }) => locale === 'en' && text.includes('"Fritidshem"')))(
    '$where glosses the Fritidshem box as the English version names it',
    ({ text }) => {
      const glosses = [...text.matchAll(/"Fritidshem" (\([^)]*\))?/g)].map((match) => match[1]);
      expect(glosses.every((gloss) => gloss === '(Time Registration)')).toBe(true);
    },
  );
});
