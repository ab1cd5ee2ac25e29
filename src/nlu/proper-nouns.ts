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
  const capitalized = new Set<string>();
  const lower = new Set<string>();
  const require = createRequire(import.meta.url);
  for (const name of Object.values(DICTIONARIES)) {
    // The packages export only their loader; the word list lies beside it.
    const dic = readFileSync(join(dirname(require.resolve(name)), 'index.dic'), 'utf8');
    let start = dic.indexOf('\n') + 1; // the first line is the number of entries
    while (start > 0 && start < dic.length) {
      const end = dic.indexOf('\n', start);
      const line = dic.slice(start, end < 0 ? dic.length : end);
      start = end + 1;
      const slash = line.indexOf('/');
      const word = (slash < 0 ? line : line.slice(0, slash)).trim();
      const lowered = word.toLowerCase();
      if (lowered === word) lower.add(word);
      else if (word.slice(1) === lowered.slice(1) && /^\p{L}+$/u.test(word)) capitalized.add(lowered);
    }
  }
  const names = new Set<string>();
  for (const word of capitalized) if (!lower.has(word)) names.add(word);
  return names;
}
