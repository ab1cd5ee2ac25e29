import Fuse from 'fuse.js';
import { rememberable } from './steps.js';

/** Longest a corrected word may differ in length from what was typed. */
const MAX_LENGTH_DIFFERENCE = 2;
/** Shortest word worth correcting: shorter ones have too many neighbours to guess right. */
const MIN_LENGTH = 4;
const CACHE_LIMIT = 20_000;
/** Least share of letter pairs (Dice coefficient) a correction must have in common with what was typed. */
const MIN_OVERLAP = 0.5;
/** How many of the closest words by letter pairs fuse.js ranks. */
const CANDIDATES = 8;

function letterPairs(word: string): string[] {
  const pairs: string[] = [];
  for (let i = 0; i + 2 <= word.length; i++) pairs.push(word.slice(i, i + 2));
  return pairs;
}

/** Dice coefficient of the two words' letter pairs. */
export function bigramOverlap(a: string, b: string): number {
  const right = new Map<string, number>();
  for (const pair of letterPairs(b)) right.set(pair, (right.get(pair) ?? 0) + 1);
  let shared = 0;
  for (const pair of letterPairs(a)) {
    const left = right.get(pair) ?? 0;
    if (left > 0) {
      shared++;
      right.set(pair, left - 1);
    }
  }
  return (2 * shared) / Math.max(a.length - 1 + b.length - 1, 1);
}

/** A correction: the known word, its distance in [0, 1] (0 = same), and whether it is one typing slip away. */
export interface Correction {
  word: string;
  score: number;
  slip?: true;
}

/**
 * Corrects misspelled words against a known vocabulary ("pasword" → "password"). A word one typing slip away
 * (a letter left out, added or replaced, or two neighbours swapped, the first letter kept) is taken first, the
 * commonest if several are. Otherwise an index of letter pairs finds the few words with the same first letter that
 * share most pairs with what was typed (at least half, so "mobbning" is never taken for "morgon"); fuse.js ranks
 * those by edit distance. Each word is looked up once.
 */
export class FuzzyVocabulary {
  private readonly words: string[];
  private readonly byPair = new Map<string, number[]>();
  private readonly cache = new Map<string, Correction | null>();
  /** Scratch counts of shared letter pairs per word, reset after each search. */
  private readonly shared: Uint16Array;
  private readonly touched: Int32Array;
  /** The known words, for looking up every spelling one typing slip away. */
  private readonly known: Set<string>;
  /** The letters the known words are written with. */
  private readonly letters: string[];

  constructor(
    words: Iterable<string>,
    private readonly maxScore = 0.3,
    /** How often each word occurs, to choose among several words one slip away (the commoner wins). */
    private readonly frequency: ReadonlyMap<string, number> = new Map(),
  ) {
    this.words = [...new Set(words)].filter((word) => word.length >= MIN_LENGTH);
    this.known = new Set(this.words);
    this.letters = [...new Set(this.words.join(''))].sort();
    this.words.forEach((word, index) => {
      for (const pair of new Set(letterPairs(word))) {
        const list = this.byPair.get(pair) ?? [];
        list.push(index);
        this.byPair.set(pair, list);
      }
    });
    this.shared = new Uint16Array(this.words.length);
    this.touched = new Int32Array(this.words.length);
  }

  /** The closest known word and its distance in [0, 1] (0 = same), or null when nothing is close enough. */
  correct(word: string): Correction | null {
    if (word.length < MIN_LENGTH) return null;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const best = this.search(word);
    if (!rememberable(word)) return best;
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(word, best);
    return best;
  }

  /**
   * The commonest known word one typing slip away (Damerau: a letter left out, added, replaced, or two neighbours
   * swapped), keeping the first letter: "biledr" → "bilder", "ntois" → "notis". Letter pairs miss these in short
   * words, where one swap changes half of them.
   */
  private oneSlipAway(word: string): string | undefined {
    let best: string | undefined;
    let bestCount = -1;
    const consider = (candidate: string) => {
      if (candidate === word || !this.known.has(candidate)) return;
      const count = this.frequency.get(candidate) ?? 0;
      if (count > bestCount || (count === bestCount && best !== undefined && candidate < best)) {
        best = candidate;
        bestCount = count;
      }
    };
    for (let i = 1; i <= word.length; i++) {
      const head = word.slice(0, i);
      const tail = word.slice(i);
      if (tail.length > 0) consider(head + tail.slice(1));
      if (tail.length > 1) consider(head + tail[1]! + tail[0]! + tail.slice(2));
      for (const letter of this.letters) {
        if (tail.length > 0 && letter !== tail[0]) consider(head + letter + tail.slice(1));
        consider(head + letter + tail);
      }
    }
    return best;
  }

  private search(word: string): Correction | null {
    if (this.known.has(word)) return { word, score: 0 };
    const slip = this.oneSlipAway(word);
    if (slip) {
      const score = 1 / Math.max(word.length, slip.length);
      return score <= this.maxScore ? { word: slip, score, slip: true } : null;
    }
    const { shared, touched } = this;
    let touchedCount = 0;
    for (const pair of new Set(letterPairs(word))) {
      for (const index of this.byPair.get(pair) ?? []) {
        if (shared[index] === 0) touched[touchedCount++] = index;
        shared[index] = (shared[index] ?? 0) + 1;
      }
    }
    const candidates: { word: string; overlap: number }[] = [];
    for (let t = 0; t < touchedCount; t++) {
      const index = touched[t] ?? 0;
      const count = shared[index] ?? 0;
      shared[index] = 0;
      const candidate = this.words[index] ?? '';
      // Typos rarely hit the first letter: a word starting differently is not guessed.
      if (candidate.charAt(0) !== word.charAt(0) || Math.abs(candidate.length - word.length) > MAX_LENGTH_DIFFERENCE) {
        continue;
      }
      // An upper bound of the overlap first; the exact one only for words that can pass.
      if ((2 * count) / (word.length + candidate.length - 2) < MIN_OVERLAP) continue;
      const overlap = bigramOverlap(word, candidate);
      if (overlap >= MIN_OVERLAP) candidates.push({ word: candidate, overlap });
    }
    if (candidates.length === 0) return null;
    candidates.sort((a, b) => b.overlap - a.overlap);
    const top = candidates.slice(0, CANDIDATES);
    const fuse = new Fuse(
      top.map((c) => c.word),
      { includeScore: true, threshold: this.maxScore, ignoreLocation: true, isCaseSensitive: true },
    );
    const hit = fuse.search(word, { limit: 1 })[0];
    if (!hit || (hit.score ?? 1) > this.maxScore) return null;
    return { word: hit.item, score: hit.score ?? 0 };
  }
}
