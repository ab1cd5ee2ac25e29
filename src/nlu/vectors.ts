import { FuzzyVocabulary } from './fuzzy.js';
import { LEXICONS } from './lexicon.js';
import { type Analysis, analyze, fold, rememberable, stem as stemOf } from './steps.js';
import type { Locale } from './types.js';

/** A sparse vector: feature ids and their weights, same length. */
export interface SparseVector {
  ids: Int32Array;
  weights: Float64Array;
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
  /**
   * How much the context of the words counts for the linear model: function words ("var" against "hur") and pairs
   * of neighbouring stems. The nearest-example search never sees them (they would make unrelated sentences alike).
   */
  contextWeight: number;
  /** Whether the linear model also reads letter trigrams (they cost most of its training time). */
  linearTrigrams: boolean;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  charWeight: 0.75,
  unknownWeight: 0.2,
  idfPower: 0.7,
  weakWeight: 1,
  contextWeight: 1,
  linearTrigrams: true,
};

/** A training text's features before weighting: ids and how often each occurs (compact: thousands are kept). */
export interface RawFeatures {
  ids: Int32Array;
  counts: Float32Array;
}

/** A text's two vectors: what the nearest-example search compares, and all features for the linear model. */
export interface TextVectors {
  match: SparseVector;
  full: SparseVector;
  /** Share of the content words the vocabulary knew (as written, split or corrected), in [0, 1]. */
  known: number;
  /** How many content words the text has, not counting names the vocabulary does not know. */
  words: number;
  /** Share of the content words read as the closest known spelling (a guess that may be wrong). */
  corrected: number;
}
/** How much each half of a split compound counts ("frånvaroanmälan" → "frånvaro" + "anmälan"). */
const COMPOUND_WEIGHT = 0.8;
/** How many words' readings a feature space remembers (see `readWord`): a few MB, more words than a school uses. */
const MAX_WORD_READINGS = 20_000;
/** An unknown word longer than this is no misspelling and no compound of known words: it is not split or corrected. */
const MAX_RESOLVED_WORD = 40;

/** The first part of a function word's context feature (no stem has a NUL, so no pair has it). */
const FUNCTION_WORD = '\u0000';

/** What a feature is: a word stem, context (seen only by the linear model) or a letter trigram. */
const STEM = 0;
const CONTEXT = 1;
const TRIGRAM = 2;

/**
 * A frozen feature space as a start-up snapshot keeps it (see `FeatureSpace.fromData`): everything `freeze`
 * leaves, less what is quickly worked out again from it. Maps are kept as parallel arrays in their order.
 */
export interface FeatureSpaceData {
  /** The stems' and trigrams' feature names ("w:…", "c:…") and their ids. */
  terms: string[];
  termIds: Int32Array;
  /**
   * The context features by their two parts: each first part with its second parts, joined by spaces (a stem has
   * none), their ids in `contextIds` in the same order. One string per first part: a start reads two thousand
   * strings, not twenty thousand, and a first part's seconds are split when a message first has it.
   */
  contexts: [first: string, seconds: string][];
  contextIds: Int32Array;
  /** Per feature id: STEM, CONTEXT or TRIGRAM. */
  kinds: Uint8Array;
  idf: Float64Array;
  unknownIdf: number;
  /** Folded training words and their stems. */
  words: string[];
  stems: string[];
  /** Per language, its training words and how often each occurred. */
  vocabulary: Record<Locale, { words: string[]; counts: Int32Array }>;
}

/** What a word of a message stands for in the feature space (see `FeatureSpace.readWord`). */
interface WordReading {
  resolved: [string, number][];
  stemIds: (number | undefined)[];
  grams: Int32Array;
  name: boolean;
  strength: number;
}

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

/**
 * Analyses of texts already read, by language and text: the matchers of one build (the calibration's folds and
 * the final one) read the same examples, and each is analysed once.
 */
export type Analyses = Map<string, Analysis>;

function analyzeOnce(text: string, locale: Locale, analyses: Analyses | undefined): Analysis {
  if (!analyses) return analyze(text, locale);
  const key = `${locale}\u0000${text}`;
  let analysis = analyses.get(key);
  if (!analysis) {
    analysis = analyze(text, locale);
    analyses.set(key, analysis);
  }
  return analysis;
}

/** A feature map as compact arrays (filled in one pass: `Int32Array.from` over the map's iterators was slower). */
function compact(raw: Map<number, number>): RawFeatures {
  const ids = new Int32Array(raw.size);
  const counts = new Float32Array(raw.size);
  let k = 0;
  for (const [id, count] of raw) {
    ids[k] = id;
    counts[k++] = count;
  }
  return { ids, counts };
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
  /** The ids of stem and trigram features by name (context features are in `contextIds`). */
  private readonly ids = new Map<string, number>();
  /** How many features there are: the next one's id. */
  private features = 0;
  /** Per feature id: STEM, CONTEXT (function words, stem pairs, seen only by the linear model) or TRIGRAM. */
  private kindList: number[] = [];
  private kinds: Uint8Array = new Uint8Array(0);
  private idf: Float64Array = new Float64Array(0);
  /** Folded word → its folded stem, for every word seen in training. */
  private readonly stemOfWord = new Map<string, string>();
  /** Words seen in each language's training texts, for spelling correction in the message's own language first. */
  private readonly wordsOf: Record<Locale, Map<string, number>> = { sv: new Map(), en: new Map() };
  /** A snapshot's training words per language, put in `wordsOf` when a message first has a word not known. */
  private unreadVocabulary: FeatureSpaceData['vocabulary'] | undefined;
  /** The spelling correctors per language, made when first needed (most messages need none). */
  private readonly fuzzy: Partial<Record<Locale, FuzzyVocabulary>> = {};
  private unknownIdf = 1;
  /**
   * Training words by their spelling with doubled letters single ("password" → "pasword"), for "byee", "tackk", and
   * every training word, sorted, for the first parts of compounds: made when a message first has an unknown word.
   */
  private unknownWordIndex: { bySingleLetters: Map<string, string>; sortedWords: string[] } | undefined;
  /** Context features' ids by their first and second part (see `contextId`). */
  private readonly contextIds = new Map<string, Map<string, number>>();
  /** A snapshot's context features not looked up yet, by first part: its seconds (joined) and their ids. */
  private readonly unreadContexts = new Map<string, [seconds: string, ids: Int32Array]>();
  /** Words of messages already read, by language and word (see `readWord`). */
  private readonly readings = new Map<string, WordReading>();

  constructor(
    private readonly options: FeatureOptions = DEFAULT_FEATURE_OPTIONS,
    /** Names of people and places (lower-case): one the examples do not know is skipped, not counted unknown. */
    private readonly properNouns: ReadonlySet<string> = new Set(),
  ) {}

  /**
   * A frozen space from the parts `data()` gave (a start-up snapshot), exactly as `freeze` left it; undefined when
   * the parts do not fit together, so a damaged snapshot is built again instead.
   */
  static fromData(
    data: FeatureSpaceData,
    options: FeatureOptions = DEFAULT_FEATURE_OPTIONS,
    properNouns?: ReadonlySet<string>,
  ): FeatureSpace | undefined {
    const features = data.kinds.length;
    if (data.terms.length !== data.termIds.length) return undefined;
    if (data.idf.length !== features || data.words.length !== data.stems.length) return undefined;
    const space = new FeatureSpace(options, properNouns);
    const inRange = (id: number) => id >= 0 && id < features;
    for (let i = 0; i < data.terms.length; i++) {
      const id = data.termIds[i]!;
      if (!inRange(id)) return undefined;
      space.ids.set(data.terms[i]!, id);
    }
    let k = 0;
    for (const [first, seconds] of data.contexts) {
      let count = 1;
      for (let at = seconds.indexOf(' '); at >= 0; at = seconds.indexOf(' ', at + 1)) count++;
      if (k + count > data.contextIds.length) return undefined;
      space.unreadContexts.set(first, [seconds, data.contextIds.subarray(k, k + count)]);
      k += count;
    }
    if (k !== data.contextIds.length) return undefined;
    for (const id of data.contextIds) if (!inRange(id)) return undefined;
    for (let i = 0; i < data.words.length; i++) space.stemOfWord.set(data.words[i]!, data.stems[i]!);
    for (const locale of ['sv', 'en'] as const) {
      if (data.vocabulary[locale].words.length !== data.vocabulary[locale].counts.length) return undefined;
    }
    space.unreadVocabulary = data.vocabulary;
    space.features = features;
    space.kinds = data.kinds;
    space.idf = data.idf;
    space.unknownIdf = data.unknownIdf;
    return space;
  }

  /** The parts of this frozen space, for a start-up snapshot (its own arrays, shared: it never changes them). */
  data(): FeatureSpaceData {
    const contextIds: number[] = [];
    const contexts: [string, string][] = [];
    for (const first of this.unreadContexts.keys()) this.contextsOf(first);
    for (const [first, seconds] of this.contextIds) {
      const parts = [...seconds.keys()];
      if (parts.some((part) => part.includes(' '))) throw new RangeError(`a stem with a space after "${first}"`);
      contexts.push([first, parts.join(' ')]);
      contextIds.push(...seconds.values());
    }
    const vocabulary = (locale: Locale) => ({
      words: [...this.vocabularyOf(locale).keys()],
      counts: Int32Array.from(this.vocabularyOf(locale).values()),
    });
    return {
      terms: [...this.ids.keys()],
      termIds: Int32Array.from(this.ids.values()),
      contexts,
      contextIds: Int32Array.from(contextIds),
      kinds: this.kinds,
      idf: this.idf,
      unknownIdf: this.unknownIdf,
      words: [...this.stemOfWord.keys()],
      stems: [...this.stemOfWord.values()],
      vocabulary: { sv: vocabulary('sv'), en: vocabulary('en') },
    };
  }

  /** Learns the features of the training texts; call `freeze` once all are added. */
  addTrainingText(text: string, locale: Locale, analyses?: Analyses): RawFeatures {
    const analysis = analyzeOnce(text, locale, analyses);
    const { content, stems } = analysis;
    const raw = new Map<number, number>();
    this.addContext(raw, analysis.tokenStems, true);
    content.forEach((word, i) => {
      const folded = fold(word);
      const stem = stems[i] ?? folded;
      this.stemOfWord.set(folded, stem);
      this.wordsOf[locale].set(folded, (this.wordsOf[locale].get(folded) ?? 0) + 1);
      const weight = LEXICONS[locale].weak.has(word) ? this.options.weakWeight : 1;
      this.add(raw, this.idOf(`w:${stem}`, true, STEM), weight);
      for (const gram of trigrams(folded)) {
        this.add(raw, this.idOf(`c:${gram}`, true, TRIGRAM), weight * this.options.charWeight);
      }
    });
    return compact(raw);
  }

  /** Computes inverse document frequencies from the documents' raw features. */
  freeze(documents: readonly RawFeatures[]): void {
    this.readings.clear();
    const df = new Array<number>(this.features).fill(0);
    for (const doc of documents) for (const id of doc.ids) df[id] = (df[id] ?? 0) + 1;
    const n = documents.length;
    const power = this.options.idfPower;
    this.idf = Float64Array.from(df, (count) => Math.log(1 + n / Math.max(count, 1)) ** power);
    this.unknownIdf = Math.log(1 + n) ** power * this.options.unknownWeight;
    this.kinds = Uint8Array.from(this.kindList);
    this.kindList = [];
  }

  /** What unknown words are looked up by, worked out from the training words (which no longer change) once. */
  private unknownWords(): { bySingleLetters: Map<string, string>; sortedWords: string[] } {
    if (!this.unknownWordIndex) {
      const bySingleLetters = new Map<string, string>();
      for (const word of this.stemOfWord.keys()) {
        const single = singleLetters(word);
        if (!bySingleLetters.has(single)) bySingleLetters.set(single, word);
      }
      this.unknownWordIndex = { bySingleLetters, sortedWords: [...this.stemOfWord.keys()].sort() };
    }
    return this.unknownWordIndex;
  }

  /** A language's training words and how often each occurred (a snapshot's are put in their map at first need). */
  private vocabularyOf(locale: Locale): Map<string, number> {
    const unread = this.unreadVocabulary;
    if (unread) {
      this.unreadVocabulary = undefined;
      for (const language of ['sv', 'en'] as const) {
        const { words, counts } = unread[language];
        for (let i = 0; i < words.length; i++) this.wordsOf[language].set(words[i]!, counts[i]!);
      }
    }
    return this.wordsOf[locale];
  }

  /** The spelling corrector of a language's training words. */
  private fuzzyOf(locale: Locale): FuzzyVocabulary {
    const words = this.vocabularyOf(locale);
    return (this.fuzzy[locale] ??= new FuzzyVocabulary(words.keys(), undefined, words));
  }

  /** Weights raw training features by IDF and normalises: the matching vector and the full one. */
  weigh(raw: RawFeatures): TextVectors {
    const { ids, counts } = raw;
    let matchCount = 0;
    let fullCount = 0;
    const { kinds } = this;
    for (const id of ids) {
      if (this.options.linearTrigrams || kinds[id] !== TRIGRAM) fullCount++;
      if (kinds[id] !== CONTEXT) matchCount++;
    }
    const match: SparseVector = { ids: new Int32Array(matchCount), weights: new Float64Array(matchCount), norm: 0 };
    const full: SparseVector = { ids: new Int32Array(fullCount), weights: new Float64Array(fullCount), norm: 0 };
    let matchSum = 0;
    let fullSum = 0;
    let m = 0;
    let f = 0;
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      const weight = counts[k]! * (this.idf[id] ?? 0);
      if (this.options.linearTrigrams || kinds[id] !== TRIGRAM) {
        full.ids[f] = id;
        full.weights[f++] = weight;
        fullSum += weight * weight;
      }
      if (kinds[id] === CONTEXT) continue;
      match.ids[m] = id;
      match.weights[m++] = weight;
      matchSum += weight * weight;
    }
    match.norm = Math.sqrt(matchSum) || 1;
    full.norm = Math.sqrt(fullSum) || 1;
    return { match, full, known: 1, words: 0, corrected: 0 };
  }

  /** Function-word stems and pairs of neighbouring stems, as context features (see `contextWeight`). */
  private addContext(raw: Map<number, number>, tokenStems: readonly string[], create: boolean): void {
    const weight = this.options.contextWeight;
    if (weight <= 0) return;
    tokenStems.forEach((stem, i) => {
      this.add(raw, this.contextId(FUNCTION_WORD, stem, create), weight);
      if (i > 0) this.add(raw, this.contextId(tokenStems[i - 1]!, stem, create), weight);
    });
  }

  /**
   * The id of a context feature, "f:stem" (after `FUNCTION_WORD`) or "b:first second": looked up by its two parts,
   * without building its name, as a message has one or two per word.
   */
  private contextId(first: string, second: string, create: boolean): number | undefined {
    let seconds = this.contextsOf(first);
    let id = seconds?.get(second);
    if (id === undefined && create) {
      id = this.newFeature(CONTEXT);
      if (!seconds) this.contextIds.set(first, (seconds = new Map<string, number>()));
      seconds.set(second, id);
    }
    return id;
  }

  /** The context features after a first part, splitting a snapshot's at their first lookup. */
  private contextsOf(first: string): Map<string, number> | undefined {
    const known = this.contextIds.get(first);
    if (known || this.unreadContexts.size === 0) return known;
    const unread = this.unreadContexts.get(first);
    if (!unread) return undefined;
    const [seconds, ids] = unread;
    const byFirst = new Map<string, number>();
    seconds.split(' ').forEach((second, i) => byFirst.set(second, ids[i]!));
    this.unreadContexts.delete(first);
    this.contextIds.set(first, byFirst);
    return byFirst;
  }

  /** The vectors of a message to classify. */
  query(text: string, locale: Locale, analyses?: Analyses): TextVectors {
    const analysis = analyzeOnce(text, locale, analyses);
    const { content, stems } = analysis;
    const raw = new Map<number, number>();
    let unknown = 0;
    let unknownWords = 0;
    let correctedWords = 0;
    let names = 0;
    /** Each content word's stem as read (corrected, or the first part of a compound), for the context features. */
    const readAs = new Map<string, string>();
    const unknownGram = (this.options.charWeight * this.unknownIdf) ** 2 * 0.25;
    content.forEach((word, i) => {
      const reading = this.readWord(word, stems[i], locale);
      const { resolved } = reading;
      if (resolved.length === 1) readAs.set(word, resolved[0]![0]);
      if (reading.name) {
        names++;
        return;
      }
      if (resolved.length === 0) {
        unknown += this.unknownIdf * this.unknownIdf;
        unknownWords++;
      } else if (resolved.length === 1 && resolved[0]![1] < 1 && resolved[0]![1] !== COMPOUND_WEIGHT) correctedWords++;
      resolved.forEach(([, weight], k) => this.add(raw, reading.stemIds[k], reading.strength * weight));
      for (const id of reading.grams) {
        if (id < 0) unknown += unknownGram;
        else this.add(raw, id, reading.strength * this.options.charWeight);
      }
    });
    // "hur anmeler jag" is read in context as "hur anmäler jag", as the spelling was corrected.
    const contextStems = analysis.tokens.map((token, i) => readAs.get(token) ?? analysis.tokenStems[i]!);
    this.addContext(raw, contextStems, false);
    const { match, full } = this.weigh(compact(raw));
    const norm = Math.sqrt((match.ids.length > 0 ? match.norm * match.norm : 0) + unknown) || 1;
    const counted = content.length - names;
    const known = counted === 0 ? 1 : 1 - unknownWords / counted;
    const corrected = counted === 0 ? 0 : correctedWords / counted;
    return { match: { ...match, norm }, full, known, words: counted, corrected };
  }

  /**
   * What one word of a message stands for: its known stems (and their feature ids), its letter trigrams' ids (-1
   * for one training never had), whether it is a name. Worked out once per word and language: the readings of a
   * long message (each sentence, the whole) share their words, and so do a school's guardians. The space no longer
   * changes once frozen, so a reading stays true; the memo is bounded and starts over when full.
   */
  private readWord(word: string, stem: string | undefined, locale: Locale): WordReading {
    const key = `${locale}\u0000${word}`;
    const known = this.readings.get(key);
    if (known) return known;
    const folded = fold(word);
    const resolved = this.resolveWord(folded, stem ?? folded, locale);
    const reading: WordReading = {
      resolved,
      stemIds: resolved.map(([known]) => this.ids.get(`w:${known}`)),
      grams: Int32Array.from(trigrams(folded), (gram) => this.ids.get(`c:${gram}`) ?? -1),
      name: resolved.length === 0 && this.properNouns.has(word),
      strength: LEXICONS[locale].weak.has(word) ? this.options.weakWeight : 1,
    };
    // Digits (a phone number's or personnummer's groups) and very long words are not kept in memory.
    if (!rememberable(word)) return reading;
    if (this.readings.size >= MAX_WORD_READINGS) this.readings.clear();
    this.readings.set(key, reading);
    return reading;
  }

  /** Known stems a query word stands for: itself, the halves of a compound, or the closest spelling. */
  private resolveWord(folded: string, stem: string, locale: Locale): [string, number][] {
    const known = this.stemOfWord.get(folded);
    if (known !== undefined) return [[known, 1]];
    if (this.ids.has(`w:${stem}`)) return [[stem, 1]];
    // A number, a time or a code the examples never had is no misspelt word and no compound: nothing to guess.
    if (/\d/.test(folded)) return [];
    const single = singleLetters(folded);
    const elongated = single === folded ? undefined : this.unknownWords().bySingleLetters.get(single);
    if (elongated !== undefined) return [[this.stemOfWord.get(elongated)!, 1]];
    // Definite forms the stemmer leaves: "infomentorn" (a known word and "n"), "hubben" (doubled letter and "en").
    const definite =
      (folded.length > 5 ? this.stemOfWord.get(folded.replace(/n$/, '')) : undefined) ??
      (single === folded ? undefined : this.knownStem(fold(stemOf(single, locale))));
    if (definite !== undefined) return [[definite, 1]];
    if (folded.length > MAX_RESOLVED_WORD) return [];
    const parts = this.splitCompound(folded, locale);
    if (parts) return parts.map((part) => [part, COMPOUND_WEIGHT]);
    const other: Locale = locale === 'sv' ? 'en' : 'sv';
    // In the other language only a slip counts: "grej" is no misspelt "green".
    const across = this.fuzzyOf(other).correct(folded);
    const corrected = this.fuzzyOf(locale).correct(folded) ?? (across?.slip ? across : undefined);
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
    const { sortedWords } = this.unknownWords();
    const sv = this.vocabularyOf('sv');
    const en = this.vocabularyOf('en');
    let low = 0;
    let high = sortedWords.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (sortedWords[mid]! < head) low = mid + 1;
      else high = mid;
    }
    let best: string | undefined;
    let bestCount = 0;
    for (let i = low; i < sortedWords.length && sortedWords[i]!.startsWith(head); i++) {
      const word = sortedWords[i]!;
      const count = (sv.get(word) ?? 0) + (en.get(word) ?? 0);
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

  private idOf(feature: string, create: boolean, kind: typeof STEM | typeof TRIGRAM): number | undefined {
    let id = this.ids.get(feature);
    if (id === undefined && create) {
      id = this.newFeature(kind);
      this.ids.set(feature, id);
    }
    return id;
  }

  private newFeature(kind: number): number {
    this.kindList.push(kind);
    return this.features++;
  }

  private add(map: Map<number, number>, id: number | undefined, weight: number): void {
    if (id !== undefined) map.set(id, (map.get(id) ?? 0) + weight);
  }
}
