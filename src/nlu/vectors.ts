import { FuzzyVocabulary } from './fuzzy.js';
import { LEXICONS } from './lexicon.js';
import { analyze, fold, stem as stemOf } from './steps.js';
import type { Locale } from './types.js';

/** A sparse vector: feature ids and their weights, same length. */
export interface SparseVector {
  ids: number[];
  weights: number[];
  /** Euclidean norm, including what the vocabulary did not know (so unknown words lower every similarity). */
  norm: number;
}

/** How words are weighed into vectors. */
export interface FeatureOptions {
  /** How much a letter trigram counts against a whole word stem. */
  charWeight: number;
  /** How much a word the vocabulary does not know at all weighs in the norm, relative to a rare known word. */
  unknownWeight: number;
  /** Power of the inverse document frequency: higher makes rare words count more against common ones. */
  idfPower: number;
  /** How much a weak word (the product's name, in the lexicon) counts against an ordinary one. */
  weakWeight: number;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  charWeight: 0.75,
  unknownWeight: 0.2,
  idfPower: 0.7,
  weakWeight: 1,
};
/** How much each half of a split compound counts ("frånvaroanmälan" → "frånvaro" + "anmälan"). */
const COMPOUND_WEIGHT = 0.8;
/** The shortest first part of a compound that may stand for a longer word it begins ("vecko" for "veckor"). */
const MIN_HEAD_PREFIX = 5;
/** How many letters that longer word may add. */
const MAX_HEAD_REST = 2;
/** Swedish compounds often join with an "s" ("ledighetsansökan"). */
const LINKING_LETTERS = ['s', ''];

/** A compound's first part without the vowel that joins it: "vecko" (of "vecka") → "veck", "foraldra" → "foraldr". */
function withoutLinkingVowel(head: string): string {
  return head.length > 4 && /[aeou]$/.test(head) ? head.slice(0, -1) : '';
}

/** Letter trigrams of a folded word, with word-boundary marks: "#lo", "los", … */
function trigrams(word: string): string[] {
  const padded = `#${word}#`;
  const grams: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) grams.push(padded.slice(i, i + 3));
  return grams;
}

/** A word with every run of one letter written once: "byee" → "bye", "hejj" → "hej". */
function singleLetters(word: string): string {
  return word.replace(/(\p{L})\1+/gu, '$1');
}

/**
 * Turns texts into weighted feature vectors: folded word stems plus letter trigrams, TF-IDF weighted. Built once
 * from the training texts; query words it does not know are split as compounds or corrected with fuse.js first.
 */
export class FeatureSpace {
  private readonly ids = new Map<string, number>();
  private idf: number[] = [];
  /** Folded word → its folded stem, for every word seen in training. */
  private readonly stemOfWord = new Map<string, string>();
  /** Words seen in each language's training texts, for spelling correction in the message's own language first. */
  private readonly wordsOf: Record<Locale, Map<string, number>> = { sv: new Map(), en: new Map() };
  private fuzzy: Partial<Record<Locale, FuzzyVocabulary>> = {};
  /** Training words by their spelling with doubled letters single ("password" → "pasword"), for "byee", "tackk". */
  private readonly bySingleLetters = new Map<string, string>();
  private unknownIdf = 1;
  /** Every training word, sorted: for the first parts of compounds. */
  private sortedWords: string[] = [];

  constructor(private readonly options: FeatureOptions = DEFAULT_FEATURE_OPTIONS) {}

  /** Learns the features of the training texts; call `freeze` once all are added. */
  addTrainingText(text: string, locale: Locale): Map<number, number> {
    const { content, stems } = analyze(text, locale);
    const raw = new Map<number, number>();
    content.forEach((word, i) => {
      const folded = fold(word);
      const stem = stems[i] ?? folded;
      this.stemOfWord.set(folded, stem);
      this.wordsOf[locale].set(folded, (this.wordsOf[locale].get(folded) ?? 0) + 1);
      const weight = LEXICONS[locale].weak.has(word) ? this.options.weakWeight : 1;
      this.add(raw, this.idOf(`w:${stem}`, true), weight);
      for (const gram of trigrams(folded))
        this.add(raw, this.idOf(`c:${gram}`, true), weight * this.options.charWeight);
    });
    return raw;
  }

  /** Computes inverse document frequencies from the documents' raw features. */
  freeze(documents: readonly Map<number, number>[]): void {
    const df = new Array<number>(this.ids.size).fill(0);
    for (const doc of documents) for (const id of doc.keys()) df[id] = (df[id] ?? 0) + 1;
    const n = documents.length;
    const power = this.options.idfPower;
    this.idf = df.map((count) => Math.log(1 + n / Math.max(count, 1)) ** power);
    this.unknownIdf = Math.log(1 + n) ** power * this.options.unknownWeight;
    this.sortedWords = [...this.stemOfWord.keys()].sort();
    for (const word of this.stemOfWord.keys()) {
      const single = singleLetters(word);
      if (!this.bySingleLetters.has(single)) this.bySingleLetters.set(single, word);
    }
    this.fuzzy = {
      sv: new FuzzyVocabulary(this.wordsOf.sv.keys(), undefined, this.wordsOf.sv),
      en: new FuzzyVocabulary(this.wordsOf.en.keys(), undefined, this.wordsOf.en),
    };
  }

  /** Weights raw training features by IDF and normalises. */
  weigh(raw: Map<number, number>): SparseVector {
    const ids: number[] = [];
    const weights: number[] = [];
    let sum = 0;
    for (const [id, tf] of raw) {
      const weight = tf * (this.idf[id] ?? 0);
      ids.push(id);
      weights.push(weight);
      sum += weight * weight;
    }
    return { ids, weights, norm: Math.sqrt(sum) || 1 };
  }

  /** The vector of a message to classify. */
  query(text: string, locale: Locale): SparseVector {
    const { content, stems } = analyze(text, locale);
    const raw = new Map<number, number>();
    let unknown = 0;
    content.forEach((word, i) => {
      const folded = fold(word);
      const strength = LEXICONS[locale].weak.has(word) ? this.options.weakWeight : 1;
      const resolved = this.resolveWord(folded, stems[i] ?? folded, locale);
      if (resolved.length === 0) unknown += this.unknownIdf * this.unknownIdf;
      for (const [stem, weight] of resolved) this.add(raw, this.ids.get(`w:${stem}`), strength * weight);
      for (const gram of trigrams(folded)) {
        const id = this.ids.get(`c:${gram}`);
        if (id === undefined) unknown += (this.options.charWeight * this.unknownIdf) ** 2 * 0.25;
        else this.add(raw, id, strength * this.options.charWeight);
      }
    });
    const vector = this.weigh(raw);
    const norm = Math.sqrt(vector.norm * vector.norm * (raw.size > 0 ? 1 : 0) + unknown) || 1;
    return { ...vector, norm };
  }

  /** Known stems a query word stands for: itself, the halves of a compound, or the closest spelling. */
  private resolveWord(folded: string, stem: string, locale: Locale): [string, number][] {
    const known = this.stemOfWord.get(folded);
    if (known !== undefined) return [[known, 1]];
    if (this.ids.has(`w:${stem}`)) return [[stem, 1]];
    const single = singleLetters(folded);
    const elongated = single === folded ? undefined : this.bySingleLetters.get(single);
    if (elongated !== undefined) return [[this.stemOfWord.get(elongated)!, 1]];
    // Definite forms the stemmer leaves: "infomentorn" (a known word and "n"), "hubben" (doubled letter and "en").
    const definite =
      (folded.length > 5 ? this.stemOfWord.get(folded.replace(/n$/, '')) : undefined) ??
      (single === folded ? undefined : this.knownStem(fold(stemOf(single, locale))));
    if (definite !== undefined) return [[definite, 1]];
    const parts = this.splitCompound(folded, locale);
    if (parts) return parts.map((part) => [part, COMPOUND_WEIGHT]);
    const other: Locale = locale === 'sv' ? 'en' : 'sv';
    // In the other language only a slip counts: "grej" is no misspelt "green".
    const across = this.fuzzy[other]?.correct(folded);
    const corrected = this.fuzzy[locale]?.correct(folded) ?? (across?.slip ? across : undefined);
    const correctedStem = corrected ? this.stemOfWord.get(corrected.word) : undefined;
    if (corrected && correctedStem !== undefined) return [[correctedStem, 1 - corrected.score]];
    return [];
  }

  /**
   * Splits an unknown word into known words ("franvaroanmalan" → "franvaro", "anmal"): two, or three when the first
   * part is itself a compound ("klassforaldrarnas" → "klass", "foraldr"). The last part may be inflected
   * ("kontaktlistorna" → "lista"): it is also looked up by its stem.
   */
  private splitCompound(word: string, locale: Locale, depth = 0): string[] | undefined {
    for (let i = word.length - 3; i >= 3; i--) {
      const tail = this.knownStem(word.slice(i)) ?? this.knownStem(fold(stemOf(word.slice(i), locale)));
      if (tail === undefined) continue;
      for (const link of LINKING_LETTERS) {
        if (link && !word.slice(0, i).endsWith(link)) continue;
        const headWord = word.slice(0, i - link.length);
        const head =
          this.knownStem(headWord) ?? this.knownStem(withoutLinkingVowel(headWord)) ?? this.stemStartingWith(headWord);
        if (head !== undefined) return [head, tail];
        const heads = depth === 0 ? this.splitCompound(headWord, locale, 1) : undefined;
        if (heads) return [...heads, tail];
      }
    }
    return undefined;
  }

  /**
   * A compound's first part is often a word cut short ("foraldra-" of "foraldrar", "vecko-" of "veckor"): the stem
   * of the commonest known word it begins, for parts of at least 5 letters.
   */
  private stemStartingWith(head: string): string | undefined {
    if (head.length < MIN_HEAD_PREFIX) return undefined;
    let low = 0;
    let high = this.sortedWords.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.sortedWords[mid]! < head) low = mid + 1;
      else high = mid;
    }
    let best: string | undefined;
    let bestCount = 0;
    for (let i = low; i < this.sortedWords.length && this.sortedWords[i]!.startsWith(head); i++) {
      const word = this.sortedWords[i]!;
      const count = (this.wordsOf.sv.get(word) ?? 0) + (this.wordsOf.en.get(word) ?? 0);
      if (word.length - head.length <= MAX_HEAD_REST && count > bestCount) {
        best = word;
        bestCount = count;
      }
    }
    return best === undefined ? undefined : this.stemOfWord.get(best);
  }

  private knownStem(word: string): string | undefined {
    if (word.length < 3) return undefined;
    return this.stemOfWord.get(word) ?? (this.ids.has(`w:${word}`) ? word : undefined);
  }

  private idOf(feature: string, create: boolean): number | undefined {
    let id = this.ids.get(feature);
    if (id === undefined && create) {
      id = this.ids.size;
      this.ids.set(feature, id);
    }
    return id;
  }

  private add(map: Map<number, number>, id: number | undefined, weight: number): void {
    if (id !== undefined) map.set(id, (map.get(id) ?? 0) + weight);
  }
}
