import { questionKey, readKnowledge } from '../../src/knowledge/read.js';

/**
 * The keys (case, punctuation and å/ä/ö ignored) of every example question and out-of-scope line in a knowledge
 * base: what was written for the matcher to learn from. Titles are left out: they are button labels of two or
 * three words ("Glömt lösenord", "Tack") that anyone writing a held-out set also types.
 */
export function writtenExamples(dir: string): Set<string> {
  const { entries, outOfScope } = readKnowledge(dir);
  const keys = new Set<string>();
  for (const entry of entries)
    for (const locale of ['sv', 'en'] as const) {
      for (const question of entry[locale].questions) keys.add(questionKey(question));
    }
  for (const locale of ['sv', 'en'] as const) for (const line of outOfScope[locale]) keys.add(questionKey(line));
  return keys;
}
