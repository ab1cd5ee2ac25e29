import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Locale } from './types.js';

/** The Hunspell dictionaries (LibreOffice's Swedish, SCOWL's English) whose word lists name people and places. */
const DICTIONARIES: Record<Locale, string> = { sv: 'dictionary-sv', en: 'dictionary-en' };

/**
 * Names of people, places and the like, lower-cased, from the Swedish and English Hunspell dictionaries (dev
 * dependencies): the entries written with a capital ("Yusuf", "Maja", "Oliver", "Spanien") whose lower-case form is
 * no word of its own. Given to the matcher (`MatcherResources.properNouns`), a name the examples never used is
 * neither a known nor an unknown word.
 *
 * The assistant does not use them: measured with `npx tsx scripts/dictionaries.ts`, they changed nothing on the
 * knowledge base's cross-validation and the tuning sets once faq/ had task statements with names of many origins,
 * and cost 130–250 ms at every start (README, "Understanding"). A spelling checker over the same dictionaries
 * (nspell) did worse: the Swedish one took 1.9 s and 190 MB to load, and with its compound rules accepted every
 * misspelling as a compound.
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
