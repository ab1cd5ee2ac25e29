import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Locale } from './types.js';

/** The Hunspell dictionaries (LibreOffice's Swedish, SCOWL's English) whose word lists name people and places. */
const DICTIONARIES: Record<Locale, string> = { sv: 'dictionary-sv', en: 'dictionary-en' };

/**
 * Names of people, places and the like, lower-cased, from the Swedish and English Hunspell dictionaries: the
 * entries written with a capital ("Yusuf", "Maja", "Oliver", "Spanien") whose lower-case form is no word of its
 * own. A child's name says nothing about what a parent asks, so a name the examples never used is neither a known
 * nor an unknown word (it does not make "Yusuf är sjuk" look like something the assistant knows nothing of).
 *
 * Only the word lists are read, not the affix rules: a spelling checker over the Swedish dictionary (nspell) took
 * 1.4 s and about 190 MB to load, and with the dictionary's compound rules it accepted every misspelling as a
 * compound; telling misspelt words from real ones that way did not change the matcher's accuracy (README,
 * "Understanding").
 */
export function loadProperNouns(): ReadonlySet<string> {
  // Read once per process: the word lists are the packages' own files and never change while it runs.
  loaded ??= readProperNouns();
  return loaded;
}

let loaded: ReadonlySet<string> | undefined;

function readProperNouns(): ReadonlySet<string> {
  const require = createRequire(import.meta.url);
  // The packages export only their loader; the word lists lie beside it.
  const lists = Object.values(DICTIONARIES).map((name) =>
    readFileSync(join(dirname(require.resolve(name)), 'index.dic'), 'utf8').split('\n'),
  );
  const names = new Set<string>();
  for (const lines of lists) {
    for (const line of lines) {
      // Only the few entries with a capital are names; the rest are skipped at their first letter.
      const first = line.charAt(0);
      if (first === first.toLowerCase()) continue;
      const word = entryWord(line);
      const lowered = word.toLowerCase();
      if (word.slice(1) === lowered.slice(1) && /^\p{L}+$/u.test(word)) names.add(lowered);
    }
  }
  // "Kan" is a name, but "kan" a word of its own: such names are not names here.
  for (const lines of lists) {
    for (const line of lines) {
      const first = line.charAt(0);
      if (first !== first.toLowerCase()) continue;
      const word = entryWord(line);
      if (names.has(word)) names.delete(word);
    }
  }
  return names;
}

/** The word of a dictionary line ("Maja/1" → "Maja"). */
function entryWord(line: string): string {
  const slash = line.indexOf('/');
  return (slash < 0 ? line : line.slice(0, slash)).trim();
}
