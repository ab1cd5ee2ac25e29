import { createHash } from 'node:crypto';
import { LanguageGuesser, chooseLocale } from './language.js';
import { DEFAULT_LINEAR_OPTIONS, LinearModel, type LinearOptions } from './linear.js';
import { analyze, normalize, tokenize } from './steps.js';
import type { Classification, LabelledExample, Locale, ScoredIntent } from './types.js';
import { DEFAULT_FEATURE_OPTIONS, FeatureSpace, type FeatureOptions, type SparseVector } from './vectors.js';

/** Tuning of the decision; the defaults were chosen by cross-validation on the knowledge base's own examples. */
export interface MatcherOptions extends FeatureOptions {
  /** Below this similarity the matcher abstains. */
  threshold: number;
  /** When the two best intents are closer than this (in similarity), the answer is "did you mean …?". */
  margin: number;
  /** Softness of the confidence: lower makes confidences more decisive. */
  temperature: number;
  /** Intents that only matter when a message says nothing else (greetings, thanks). */
  smallTalk: readonly string[];
  /** An intent's score mixes its nearest example, its second nearest and its centroid, with these weights. */
  bestWeight: number;
  secondWeight: number;
  centroidWeight: number;
  /** How much the linear model's probability of an intent adds to its similarity when choosing among intents. */
  linearWeight: number;
  linear: LinearOptions;
}

export const DEFAULT_MATCHER_OPTIONS: MatcherOptions = {
  threshold: 0.3,
  margin: 0.04,
  temperature: 0.06,
  smallTalk: [],
  bestWeight: 0.4,
  secondWeight: 0.2,
  centroidWeight: 0.4,
  linearWeight: 2,
  linear: DEFAULT_LINEAR_OPTIONS,
  ...DEFAULT_FEATURE_OPTIONS,
};

const OUT_OF_SCOPE = -1;
/** Linear models already trained, by what they were trained from (tests and tools build the same matcher often). */
const TRAINED = new Map<string, LinearModel>();
const MAX_TRAINED = 4;
/** Where a message splits into sentences: greetings and thanks around a question are read apart from it. */
const SENTENCE_BREAK = /[.!?\n]+|,\s*(?=tack|thanks|mvh|hälsningar|regards|hej|hi\b|hello)/i;
const MAX_ALTERNATIVES = 5;
/** Content words a message must have besides a greeting or thanks for its out-of-scope reading to count. */
const MIN_DECLINED_WORDS = 2;
/** A greeting opening a message ("hej hur loggar jag in"), read apart when the whole says nothing clear. */
const LEADING_GREETING =
  /^[\s,!.:;-]*(?:(?:hej(?:san)?|hall[åa]j?|tja(?:bba)?|tjena(?:re)?|hi|hello|hey|hiya|god\s+(?:morgon|dag|kväll|eftermiddag)|good\s+(?:morning|afternoon|evening)|morning)(?![\p{L}\p{N}])[\s,!.:;-]*)+/iu;
/** Thanks or a sign-off closing a message ("… tack", "… thanks in advance", "… mvh Anna"). */
const TRAILING_COURTESY =
  /[\s,!.:;-]*(?:(?:tack|tackar|thanks|thank\s+you|thx|ty|cheers)(?:\s+(?:så\s+mycket|på\s+förhand|i\s+förväg|in\s+advance|a\s+lot|so\s+much))?|(?:mvh|med\s+vänliga\s+hälsningar|vänliga\s+hälsningar|hälsningar|regards|kind\s+regards|best\s+regards|best\s+wishes)(?:[\s,]+\p{L}+){0,2})[\s!.]*$/iu;

interface Scores {
  /** Per intent index: best and second-best example similarity. */
  best: Float64Array;
  second: Float64Array;
  /** Per intent index: similarity with the intent's centroid. */
  centroid: Float64Array;
  outOfScope: number;
}

/** The result of scoring one piece of text, before the choice between the whole message and its sentences. */
interface Decision extends Classification {
  best: number;
  /** True when the matcher abstained because out-of-scope examples matched better than any intent. */
  declined: boolean;
}

/**
 * Finds the intent of a message among labelled examples (k-nearest examples by cosine similarity over stems and
 * letter trigrams, helped by a linear model of the words that tell intents apart), and abstains when out-of-scope
 * examples or nothing at all match better. Knows nothing of the knowledge base: build it from any labelled examples.
 */
export class IntentMatcher {
  private readonly intents: string[] = [];
  private readonly intentIndex = new Map<string, number>();
  private readonly docIntent: number[] = [];
  private readonly docWeight: number[] = [];
  private readonly docText: string[] = [];
  /** Inverted index: feature id → parallel arrays of document index and weight (documents are unit vectors). */
  private readonly postings = new Map<number, { docs: number[]; weights: number[] }>();
  /** Scratch space for one query's dot products, reused so a message allocates no per-example objects. */
  private dotOf = new Float64Array(0);
  private touched = new Int32Array(0);
  private readonly smallTalk = new Set<number>();
  /** Per feature: the intents whose centroid (all their examples together) has it, and its weight there. */
  private readonly centroidPostings = new Map<number, { intents: number[]; weights: number[] }>();
  private linear: LinearModel | undefined;

  private constructor(
    private readonly space: FeatureSpace,
    private readonly language: LanguageGuesser,
    private readonly options: MatcherOptions,
  ) {}

  /** Builds a matcher from labelled examples (each in its own language; a missing locale is guessed). */
  static build(examples: readonly LabelledExample[], options: Partial<MatcherOptions> = {}): IntentMatcher {
    const merged = { ...DEFAULT_MATCHER_OPTIONS, ...options };
    const vocabulary: Record<Locale, string[]> = { sv: [], en: [] };
    const bare = new LanguageGuesser(vocabulary);
    const located = examples.map((example) => {
      const locale = example.locale ?? bare.guess(example.text).locale ?? 'sv';
      if ((example.weight ?? 1) >= 1) vocabulary[locale].push(...tokenize(normalize(example.text)));
      return { ...example, locale };
    });
    const space = new FeatureSpace(merged);
    const raws = located.map((example) => space.addTrainingText(example.text, example.locale));
    space.freeze(raws);
    const matcher = new IntentMatcher(space, new LanguageGuesser(vocabulary), merged);
    const vectors = raws.map((raw) => space.weigh(raw));
    located.forEach((example, doc) =>
      matcher.index(doc, example.text, example.intent, example.weight ?? 1, vectors[doc]!),
    );
    matcher.buildCentroids(
      located.map((example, doc) => ({ intent: example.intent, vector: vectors[doc]!, weight: example.weight ?? 1 })),
    );
    if (merged.linearWeight > 0) {
      // The same examples and options always train the same model: it is kept for the next matcher built alike,
      // under a digest of what it was trained from (not the text itself, which would stay in memory).
      const key = digest([
        merged.charWeight,
        merged.unknownWeight,
        merged.idfPower,
        merged.weakWeight,
        merged.linear,
        located.map((e) => [e.text, e.intent, e.locale, e.weight ?? 1]),
      ]);
      let linear = TRAINED.get(key);
      if (!linear) {
        const training = located.flatMap((example, doc) =>
          example.intent === null
            ? []
            : [{ vector: vectors[doc]!, label: matcher.intentIndex.get(example.intent)!, weight: example.weight ?? 1 }],
        );
        linear = LinearModel.train(training, matcher.intents.length, merged.linear);
        if (TRAINED.size >= MAX_TRAINED) TRAINED.delete(TRAINED.keys().next().value!);
        TRAINED.set(key, linear);
      }
      matcher.linear = linear;
    }
    for (const intent of merged.smallTalk) {
      const index = matcher.intentIndex.get(intent);
      if (index !== undefined) matcher.smallTalk.add(index);
    }
    return matcher;
  }

  /** The intents this matcher can return. */
  get knownIntents(): readonly string[] {
    return this.intents;
  }

  /**
   * Classifies a message. `locale` is the conversation's language: kept unless the message is clearly in the
   * other one. Long messages are also read sentence by sentence, so greetings around a question do not hide it.
   */
  classify(text: string, locale?: Locale): Classification {
    const messageLocale = chooseLocale(this.language.guess(text), locale);
    const reading = this.read(text, messageLocale);
    if (reading.intent !== null && !this.isSmallTalk(reading)) return strip(reading);
    const rest = text.replace(LEADING_GREETING, '').replace(TRAILING_COURTESY, '');
    if (rest === text || !/\p{L}/u.test(rest)) return strip(reading);
    const question = this.read(rest, messageLocale);
    if (question.intent !== null && !this.isSmallTalk(question)) return strip(question);
    // "Hej, vad blir det för lunch i dag?" is a question out of scope, not a greeting ("hi, anyone there?" is one).
    const saysMore = question.declined && analyze(rest, messageLocale).content.length >= MIN_DECLINED_WORDS;
    return strip(saysMore ? question : reading);
  }

  private read(text: string, messageLocale: Locale): Decision {
    const sentences = text.split(SENTENCE_BREAK).filter((sentence) => /\p{L}/u.test(sentence));
    if (sentences.length < 2) return this.decide(text, messageLocale);
    const readings = sentences.map((sentence) => this.decide(sentence, messageLocale));
    const substance = sentences.filter((_, i) => !this.isSmallTalk(readings[i]!));
    const whole =
      substance.length > 0 && substance.length < sentences.length
        ? this.decide(substance.join('. '), messageLocale)
        : this.decide(text, messageLocale);
    const questions = readings.filter((_, i) => isQuestion(text, sentences[i]!));
    if (whole.intent !== null) return whole;
    const clear = this.clearSentence(whole, questions);
    if (clear) return clear;
    // "Toppen, tack!": a word the matcher does not know beside thanks or a greeting leaves the small talk.
    const talk = readings.find((reading) => this.isSmallTalk(reading));
    const said = analyze(substance.join(' '), messageLocale).content.length;
    return talk && !whole.declined && said < MIN_DECLINED_WORDS ? talk : whole;
  }

  /**
   * When a long message as a whole matches nothing well enough, one of its questions may still be clear. It counts
   * only if its intent was already among the whole message's best candidates, so a generic sentence ("what can I
   * do?") cannot take over the message; statements around the question ("call me on …") never do.
   */
  private clearSentence(whole: Decision, readings: Decision[]): Decision | undefined {
    const candidates = new Set(whole.alternatives.slice(0, 3).map((a) => a.intent));
    return readings
      .filter((r) => r.intent !== null && !r.ambiguous && candidates.has(r.intent) && !this.isSmallTalk(r))
      .sort((a, b) => b.best - a.best)[0];
  }

  private isSmallTalk(decision: Decision): boolean {
    return decision.intent !== null && this.smallTalk.has(this.intentIndex.get(decision.intent) ?? -1);
  }

  private decide(text: string, locale: Locale): Decision {
    const query = this.space.query(text, locale);
    const scores = this.score(query);
    const probabilities = this.linear?.probabilities(query);
    const { linearWeight } = this.options;
    const ranked: { index: number; score: number }[] = [];
    let closest = 0;
    for (let i = 0; i < this.intents.length; i++) {
      const best = scores.best[i] ?? 0;
      if (best <= 0) continue;
      const similarity =
        this.options.bestWeight * best +
        this.options.secondWeight * (scores.second[i] ?? 0) +
        this.options.centroidWeight * (scores.centroid[i] ?? 0);
      closest = Math.max(closest, similarity);
      ranked.push({ index: i, score: similarity + linearWeight * (probabilities?.[i] ?? 0) });
    }
    ranked.sort((a, b) => b.score - a.score);
    const top = ranked[0];
    const abstainScore = Math.max(this.options.threshold, scores.outOfScope);
    // Whether to answer at all is decided on similarity alone; the linear model only helps choose among intents.
    const abstainAt = abstainScore + (top ? top.score - closest : 0);
    // The linear model widens the range of scores (similarity plus up to `linearWeight`): softness and margin widen
    // with it, so confidences and "did you mean …?" keep their meaning.
    const spread = 1 + (this.linear ? linearWeight : 0);
    const temperature = this.options.temperature * spread;
    const margin = this.options.margin * spread;
    const exps = ranked.slice(0, 8).map((r) => Math.exp((r.score - (top?.score ?? 0)) / temperature));
    const abstainExp = Math.exp((abstainAt - (top?.score ?? 0)) / temperature);
    const total = exps.reduce((a, b) => a + b, 0) + abstainExp;
    const alternatives: ScoredIntent[] = ranked.slice(0, MAX_ALTERNATIVES + 1).map((r, i) => ({
      intent: this.intents[r.index]!,
      confidence: round((exps[i] ?? 0) / total),
    }));
    const abstain = !top || closest < abstainScore;
    if (abstain) {
      return {
        intent: null,
        confidence: round(abstainExp / total),
        locale,
        alternatives: alternatives.slice(0, MAX_ALTERNATIVES),
        ambiguous: false,
        best: closest,
        declined: scores.outOfScope >= this.options.threshold && scores.outOfScope > closest,
      };
    }
    const runnerUp = ranked[1];
    return {
      intent: this.intents[top.index]!,
      confidence: round((exps[0] ?? 0) / total),
      locale,
      alternatives: alternatives.slice(1, MAX_ALTERNATIVES + 1),
      ambiguous: runnerUp !== undefined && runnerUp.score >= abstainAt && top.score - runnerUp.score < margin,
      best: top.score,
      declined: false,
    };
  }

  /** The training examples closest to a text, with their similarity: shows why the matcher decided as it did. */
  nearestExamples(
    text: string,
    locale: Locale,
    count = 5,
  ): { text: string; intent: string | null; similarity: number }[] {
    const query = this.space.query(text, locale);
    const touched = [...this.touched.subarray(0, this.dots(query))];
    const nearest = touched.map((doc) => ({
      text: this.docText[doc] ?? '',
      intent: this.intents[this.docIntent[doc] ?? OUT_OF_SCOPE] ?? null,
      similarity: round((this.dotOf[doc]! / query.norm) * (this.docWeight[doc] ?? 1)),
    }));
    for (const doc of touched) this.dotOf[doc] = 0;
    return nearest.sort((a, b) => b.similarity - a.similarity).slice(0, count);
  }

  /**
   * Dot products of the query with every example sharing a feature with it, left in `dotOf` for the examples
   * listed in `touched`; returns how many were touched. (classify is synchronous, so one scratch space suffices.)
   */
  private dots(query: SparseVector): number {
    if (this.dotOf.length !== this.docIntent.length) {
      this.dotOf = new Float64Array(this.docIntent.length);
      this.touched = new Int32Array(this.docIntent.length);
    }
    const { dotOf, touched } = this;
    let count = 0;
    for (let k = 0; k < query.ids.length; k++) {
      const posting = this.postings.get(query.ids[k]!);
      if (!posting) continue;
      const weight = query.weights[k]!;
      const { docs, weights } = posting;
      for (let j = 0; j < docs.length; j++) {
        const doc = docs[j]!;
        if (dotOf[doc] === 0) touched[count++] = doc;
        dotOf[doc] = dotOf[doc]! + weight * weights[j]!;
      }
    }
    return count;
  }

  /** Cosine similarity of the query with every example sharing a feature, folded per intent. */
  private score(query: SparseVector): Scores {
    const count = this.dots(query);
    const { dotOf, touched } = this;
    const best = new Float64Array(this.intents.length);
    const second = new Float64Array(this.intents.length);
    let outOfScope = 0;
    for (let t = 0; t < count; t++) {
      const doc = touched[t]!;
      const dot = dotOf[doc]!;
      dotOf[doc] = 0;
      const similarity = (dot / query.norm) * this.docWeight[doc]!;
      const intent = this.docIntent[doc]!;
      if (intent === OUT_OF_SCOPE) {
        outOfScope = Math.max(outOfScope, similarity);
      } else if (similarity > best[intent]!) {
        second[intent] = best[intent]!;
        best[intent] = similarity;
      } else if (similarity > second[intent]!) {
        second[intent] = similarity;
      }
    }
    const centroid = new Float64Array(this.intents.length);
    for (let k = 0; k < query.ids.length; k++) {
      const posting = this.centroidPostings.get(query.ids[k]!);
      if (!posting) continue;
      const weight = query.weights[k]! / query.norm;
      for (let j = 0; j < posting.intents.length; j++) centroid[posting.intents[j]!]! += weight * posting.weights[j]!;
    }
    return { best, second, centroid, outOfScope };
  }

  /** Sums each intent's example vectors into one, so a query is also compared with an intent's whole vocabulary. */
  private buildCentroids(examples: { intent: string | null; vector: SparseVector; weight: number }[]): void {
    const sums = new Map<number, Map<number, number>>();
    for (const { intent, vector, weight } of examples) {
      if (intent === null) continue;
      const index = this.intentIndex.get(intent)!;
      const sum = sums.get(index) ?? new Map<number, number>();
      vector.ids.forEach((id, k) => sum.set(id, (sum.get(id) ?? 0) + (weight * vector.weights[k]!) / vector.norm));
      sums.set(index, sum);
    }
    for (const [intent, sum] of sums) {
      const norm = Math.sqrt([...sum.values()].reduce((a, w) => a + w * w, 0)) || 1;
      for (const [id, weight] of sum) {
        let posting = this.centroidPostings.get(id);
        if (!posting) {
          posting = { intents: [], weights: [] };
          this.centroidPostings.set(id, posting);
        }
        posting.intents.push(intent);
        posting.weights.push(weight / norm);
      }
    }
  }

  private index(doc: number, text: string, intent: string | null, weight: number, vector: SparseVector): void {
    let intentIndex = OUT_OF_SCOPE;
    if (intent !== null) {
      intentIndex = this.intentIndex.get(intent) ?? this.intents.push(intent) - 1;
      this.intentIndex.set(intent, intentIndex);
    }
    this.docIntent[doc] = intentIndex;
    this.docWeight[doc] = weight;
    this.docText[doc] = text;
    vector.ids.forEach((id, k) => {
      let posting = this.postings.get(id);
      if (!posting) {
        posting = { docs: [], weights: [] };
        this.postings.set(id, posting);
      }
      posting.docs.push(doc);
      posting.weights.push(vector.weights[k]! / vector.norm);
    });
  }
}

/** True when the sentence ends with a question mark in the message. */
function isQuestion(text: string, sentence: string): boolean {
  const end = text.indexOf(sentence) + sentence.length;
  return text.charAt(end) === '?';
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function strip(decision: Decision): Classification {
  const { best: _best, declined: _declined, ...classification } = decision;
  return classification;
}

/** A short fingerprint of JSON-able data. */
function digest(data: unknown): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('base64');
}
