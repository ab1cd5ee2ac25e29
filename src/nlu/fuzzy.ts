import Fuse from 'fuse.js';

/** Longest a corrected word may differ in length from what was typed. */
const MAX_LENGTH_DIFFERENCE = 2;
/** Shortest word worth correcting: shorter ones have too many neighbours to guess right. */
const MIN_LENGTH = 4;
const CACHE_LIMIT = 20_000;
/** Least share of letter pairs (Dice coefficient) a correction must have in common with what was typed. */
const MIN_OVERLAP = 0.5;

/** Dice coefficient of the two words' letter pairs. */
export function bigramOverlap(a: string, b: string): number {
  const pairs = (word: string) => {
    const counts = new Map<string, number>();
    for (let i = 0; i + 2 <= word.length; i++)
      counts.set(word.slice(i, i + 2), (counts.get(word.slice(i, i + 2)) ?? 0) + 1);
    return counts;
  };
  const left = pairs(a);
  const right = pairs(b);
  let shared = 0;
  for (const [pair, count] of left) shared += Math.min(count, right.get(pair) ?? 0);
  return (2 * shared) / Math.max(a.length - 1 + b.length - 1, 1);
}

/**
 * Corrects misspelled words against a known vocabulary with fuse.js ("pasword" → "password"). Words are bucketed
 * by their first letter (typos rarely hit it) so each look-up scans a few hundred words, and results are cached.
 */
export class FuzzyVocabulary {
  private readonly buckets = new Map<string, Fuse<string>>();
  private readonly cache = new Map<string, { word: string; score: number } | null>();

  constructor(
    words: Iterable<string>,
    private readonly maxScore = 0.3,
  ) {
    const byInitial = new Map<string, string[]>();
    for (const word of new Set(words)) {
      if (word.length < MIN_LENGTH) continue;
      const initial = word.charAt(0);
      const list = byInitial.get(initial) ?? [];
      list.push(word);
      byInitial.set(initial, list);
    }
    for (const [initial, list] of byInitial) {
      this.buckets.set(
        initial,
        new Fuse(list, { includeScore: true, threshold: maxScore, ignoreLocation: true, isCaseSensitive: true }),
      );
    }
  }

  /** The closest known word and its distance in [0, 1] (0 = same), or null when nothing is close enough. */
  correct(word: string): { word: string; score: number } | null {
    if (word.length < MIN_LENGTH) return null;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const best = this.search(word);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(word, best);
    return best;
  }

  /**
   * fuse.js finds candidates; among them the one sharing most letter pairs wins, and it must share at least half
   * (so "mobbning" is not taken for "morgon", and "hälpa" becomes "hjälpa" rather than "hallå").
   */
  private search(word: string): { word: string; score: number } | null {
    const fuse = this.buckets.get(word.charAt(0));
    if (!fuse) return null;
    let best: { word: string; score: number; overlap: number } | null = null;
    for (const hit of fuse.search(word, { limit: 8 })) {
      const score = hit.score ?? 1;
      if (score > this.maxScore || Math.abs(hit.item.length - word.length) > MAX_LENGTH_DIFFERENCE) continue;
      const overlap = bigramOverlap(word, hit.item);
      if (overlap >= MIN_OVERLAP && (!best || overlap > best.overlap)) best = { word: hit.item, score, overlap };
    }
    return best && { word: best.word, score: best.score };
  }
}
