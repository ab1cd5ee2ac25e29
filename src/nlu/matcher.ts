import { createHash } from 'node:crypto';
import { LanguageGuesser, chooseLocale } from './language.js';
import type { CalibrationReport } from './calibration.js';
import { nluCodeDigest } from './code-digest.js';
import { evidence, type Ranking } from './evidence.js';
import { ExampleIndex, OUT_OF_SCOPE } from './example-index.js';
import { fitCalibration } from './fit-calibration.js';
import {
  type Calibration,
  decodeSnapshot,
  encodeSnapshot,
  MODEL_FORMAT,
  type MatcherSnapshot,
  type ModelStore,
  type TrainedModel,
} from './trained-model.js';
import { DEFAULT_LINEAR_OPTIONS, LinearModel, type LinearOptions } from './linear.js';
import { analyze, normalize, tokenize } from './steps.js';
import { type Classification, type LabelledExample, type Locale, roundConfidence, type ScoredIntent } from './types.js';
import {
  type Analyses,
  DEFAULT_FEATURE_OPTIONS,
  FeatureSpace,
  type FeatureOptions,
  type SparseVector,
} from './vectors.js';

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
  /**
   * Decide whether to answer on a calibrated confidence, fitted on cross-validation folds of the examples (see
   * `calibration.ts`), rather than on similarity alone. Needs a few examples per intent; off, or with too few
   * examples, the similarity rule decides.
   */
  calibrate: boolean;
  /** How many folds the calibration is fitted on. */
  folds: number;
  /**
   * The least confidence to answer with. Calibrated, 0.5 means "more likely right than wrong"; undefined: the one
   * at which answers and abstentions together are right most often on the folds.
   */
  minConfidence: number | undefined;
  /**
   * The share of messages expected to be outside what the examples cover. The calibration is fitted as if the
   * out-of-scope examples were that share of all (training sets rarely have as many as real conversations do).
   * Undefined: as many as the examples have.
   */
  outOfScopeShare: number | undefined;
}

export const DEFAULT_MATCHER_OPTIONS: MatcherOptions = {
  threshold: 0.1,
  margin: 0.04,
  temperature: 0.06,
  smallTalk: [],
  bestWeight: 0.4,
  secondWeight: 0.2,
  centroidWeight: 0.4,
  linearWeight: 2,
  linear: DEFAULT_LINEAR_OPTIONS,
  calibrate: true,
  folds: 5,
  minConfidence: 0.5,
  outOfScopeShare: undefined,
  ...DEFAULT_FEATURE_OPTIONS,
};

/** Fewest examples per intent, on average, and in all, for a calibration worth fitting. */
const MIN_EXAMPLES_TO_CALIBRATE = 4;
const MIN_EXAMPLES_IN_ALL = 40;
/**
 * Without a calibration the matcher answers on similarity alone, and only above this (or the threshold, if
 * higher): a similarity of 0.1 says little by itself.
 */
const UNCALIBRATED_THRESHOLD = 0.3;
/** Examples beyond which the calibration uses fewer folds than `folds` (at least three). */
const LARGE_SET = 30_000;

/** Models already trained, by a digest of what they were trained from (tests and tools build the same matcher often). */
const TRAINED = new Map<string, TrainedModel>();
const MAX_TRAINED = 4;

/** Forgets the models kept in memory (for measuring a cold start, and tests of the store), not those in a store. */
export function forgetTrainedModels(): void {
  TRAINED.clear();
}

/**
 * Keeps a trained model in memory, least recently built first: a model built again (`again`) moves to the end, and
 * only a new one evicts another.
 */
function remember(key: string, trained: TrainedModel, again: boolean): void {
  if (again) TRAINED.delete(key);
  else if (TRAINED.size >= MAX_TRAINED) TRAINED.delete(TRAINED.keys().next().value!);
  TRAINED.set(key, trained);
}

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

/** Language resources the matcher reads besides its examples, and where it keeps what it trained. */
export interface MatcherResources {
  /** Names of people and places (see `loadProperNouns`). */
  properNouns?: ReadonlySet<string>;
  store?: ModelStore;
  /** Analyses shared by the matchers of one build (set by `build` while it trains; never kept after). */
  analyses?: Analyses;
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
  private examples = ExampleIndex.build([]);
  private readonly smallTalk = new Set<number>();
  /** Whether any example is out of scope (marked with intent null). */
  private hasOutOfScope = false;
  private linear: LinearModel | undefined;
  private calibration: Calibration | undefined;
  /** The examples' full vectors, kept from indexing until the linear model is trained. */
  private training: { intent: string | null; vector: SparseVector; weight: number }[] = [];

  private constructor(
    private readonly space: FeatureSpace,
    private readonly language: LanguageGuesser,
    private readonly options: MatcherOptions,
  ) {}

  /**
   * Builds a matcher from labelled examples (each in its own language; a missing locale is guessed). Training the
   * linear model and fitting the calibration take seconds: what they learn is kept in memory under a digest of the
   * examples and options, and reused by the next matcher built alike. With a `store`, the whole matcher is kept
   * there too (a snapshot: the model and the analysed examples), so the next start reads it in tens of
   * milliseconds instead of analysing some five thousand examples again.
   */
  static build(
    examples: readonly LabelledExample[],
    options: Partial<MatcherOptions> = {},
    resources: MatcherResources = {},
  ): IntentMatcher {
    const merged = { ...DEFAULT_MATCHER_OPTIONS, ...options };
    const share = merged.outOfScopeShare;
    // A share of 1 would weigh the in-scope examples to nothing, and the calibration to numbers that are not numbers.
    if (share !== undefined && !(share >= 0 && share < 1)) {
      throw new RangeError(`outOfScopeShare must be at least 0 and below 1, not ${share}`);
    }
    const key = digest([
      MODEL_FORMAT,
      nluCodeDigest(),
      merged,
      resources.properNouns ? digest([...resources.properNouns].sort()) : null,
      examples.map((e) => [e.text, e.intent, e.locale ?? null, e.weight ?? 1]),
    ]);
    const kept = TRAINED.get(key);
    // A snapshot kept in the store is the whole matcher: no example is read again, nothing is trained.
    const bytes = kept ? undefined : resources.store?.read(key);
    const restored = bytes && IntentMatcher.restore(bytes, key, merged, resources);
    if (restored) {
      remember(key, { linear: restored.linear, calibration: restored.calibration }, false);
      return restored;
    }
    // The folds are trained before the final matcher exists, so the two are never in memory together.
    const training = { ...resources, analyses: new Map() as Analyses };
    const calibration =
      kept || !IntentMatcher.shouldCalibrate(examples, merged)
        ? undefined
        : calibrateOnFolds(examples, merged, training);
    const matcher = IntentMatcher.index(examples, merged, training);
    training.analyses.clear();
    const trained = kept ?? { calibration, linear: matcher.trainLinear() };
    matcher.training = [];
    matcher.linear = trained.linear;
    matcher.calibration = trained.calibration;
    if (!kept) resources.store?.write(key, encodeSnapshot(key, matcher.snapshot()));
    remember(key, trained, Boolean(kept));
    return matcher;
  }

  /**
   * The matcher a snapshot holds (see `snapshot`), with these options and resources (the key they were digested
   * into says they are the snapshot's); undefined when the bytes are not a sound snapshot under this key.
   */
  private static restore(
    bytes: Uint8Array,
    key: string,
    options: MatcherOptions,
    resources: MatcherResources,
  ): IntentMatcher | undefined {
    const snapshot = decodeSnapshot(bytes, key);
    if (!snapshot) return undefined;
    const space = FeatureSpace.fromData(snapshot.space, options, resources.properNouns);
    const examples = ExampleIndex.fromData(snapshot.examples, snapshot.intents.length);
    if (!space || !examples) return undefined;
    const matcher = new IntentMatcher(space, LanguageGuesser.fromWords(snapshot.language), options);
    for (const intent of snapshot.intents) matcher.classOf(intent);
    if (matcher.intents.length !== snapshot.intents.length) return undefined;
    matcher.examples = examples;
    matcher.hasOutOfScope = snapshot.examples.classes.includes(OUT_OF_SCOPE);
    matcher.markSmallTalk();
    matcher.linear = snapshot.trained.linear;
    matcher.calibration = snapshot.trained.calibration;
    return matcher;
  }

  /** What a start-up snapshot keeps of this matcher: everything `restore` needs to answer exactly as it does. */
  private snapshot(): MatcherSnapshot {
    return {
      intents: this.intents,
      space: this.space.data(),
      language: this.language.words(),
      examples: this.examples.data(),
      trained: { linear: this.linear, calibration: this.calibration },
    };
  }

  /** A matcher trained from scratch, without calibration: for a cross-validation fold. */
  static trainFold(
    examples: readonly LabelledExample[],
    options: MatcherOptions,
    resources: MatcherResources,
  ): IntentMatcher {
    const matcher = IntentMatcher.index(examples, options, resources);
    matcher.linear = matcher.trainLinear();
    return matcher;
  }

  /** Features, the nearest-example index and the centroids: everything but what takes long to train. */
  private static index(
    examples: readonly LabelledExample[],
    merged: MatcherOptions,
    resources: MatcherResources,
  ): IntentMatcher {
    const vocabulary: Record<Locale, string[]> = { sv: [], en: [] };
    const bare = new LanguageGuesser(vocabulary);
    const located = examples.map((example) => {
      const locale = example.locale ?? bare.guess(example.text).locale ?? 'sv';
      if ((example.weight ?? 1) >= 1) vocabulary[locale].push(...tokenize(normalize(example.text)));
      return { ...example, locale };
    });
    const space = new FeatureSpace(merged, resources.properNouns);
    const raws = located.map((example) => space.addTrainingText(example.text, example.locale, resources.analyses));
    space.freeze(raws);
    const matcher = new IntentMatcher(space, new LanguageGuesser(vocabulary), merged);
    const vectors = raws.map((raw) => space.weigh(raw));
    matcher.examples = ExampleIndex.build(
      located.map((example, doc) => ({
        text: example.text,
        class: matcher.classOf(example.intent),
        weight: example.weight ?? 1,
        vector: vectors[doc]!.match,
      })),
    );
    matcher.hasOutOfScope = located.some((example) => example.intent === null);
    matcher.training = located.map((example, doc) => ({
      intent: example.intent,
      vector: vectors[doc]!.full,
      weight: example.weight ?? 1,
    }));
    matcher.markSmallTalk();
    return matcher;
  }

  /** Marks the classes of the options' small-talk intents. */
  private markSmallTalk(): void {
    for (const intent of this.options.smallTalk) {
      const index = this.intentIndex.get(intent);
      if (index !== undefined) this.smallTalk.add(index);
    }
  }

  /** The class number of an intent (a new one for an intent not seen yet), or OUT_OF_SCOPE for null. */
  private classOf(intent: string | null): number {
    if (intent === null) return OUT_OF_SCOPE;
    let index = this.intentIndex.get(intent);
    if (index === undefined) {
      index = this.intents.push(intent) - 1;
      this.intentIndex.set(intent, index);
    }
    return index;
  }

  /** Trains the linear model on the in-scope examples (once per matcher; the vectors are dropped after). */
  private trainLinear(): LinearModel | undefined {
    const vectors = this.training;
    this.training = [];
    if (this.options.linearWeight <= 0) return undefined;
    const training = vectors.flatMap(({ intent, vector, weight }) =>
      intent === null ? [] : [{ vector, label: this.intentIndex.get(intent)!, weight }],
    );
    return LinearModel.train(training, this.intents.length, this.options.linear);
  }

  /** Calibration needs a few examples per intent; with fewer, the similarity rule decides. */
  private static shouldCalibrate(examples: readonly LabelledExample[], options: MatcherOptions): boolean {
    const inScope = examples.filter((example) => example.intent !== null && (example.weight ?? 1) >= 1);
    const intents = new Set(inScope.map((example) => example.intent)).size;
    return (
      options.calibrate &&
      inScope.length >= MIN_EXAMPLES_IN_ALL &&
      inScope.length >= MIN_EXAMPLES_TO_CALIBRATE * intents
    );
  }

  /** The intents this matcher can return. */
  get knownIntents(): readonly string[] {
    return this.intents;
  }

  /**
   * How the confidences were calibrated: the least confidence answered with, and the reliability on the held-out
   * folds (undefined when the matcher decides on similarity alone).
   */
  get calibrationSummary(): { minConfidence: number; folds: CalibrationReport } | undefined {
    return this.calibration && { minConfidence: this.calibration.minConfidence, folds: this.calibration.folds };
  }

  /**
   * The language a message's own words tell, if they tell one ("absence" does, "ok" and "Elsa" do not): the guess
   * the matcher reads messages by, for a first message on a channel that gives no language.
   */
  messageLanguage(text: string): Locale | undefined {
    return this.language.guess(text).locale;
  }

  /**
   * Classifies a message. `locale` is the conversation's language: kept unless the message is clearly in the
   * other one. Long messages are also read sentence by sentence, so greetings around a question do not hide it.
   */
  classify(text: string, locale?: Locale): Classification {
    const messageLocale = chooseLocale(this.language.guess(text), locale);
    // A sentence is decided once per message, however many readings of the message it is part of.
    const decided = new Map<string, Decision>();
    const decide = (part: string) => {
      let decision = decided.get(part);
      if (!decision) {
        decision = this.decide(part, messageLocale);
        decided.set(part, decision);
      }
      return decision;
    };
    const reading = this.read(text, messageLocale, decide);
    if (reading.intent !== null && !this.isSmallTalk(reading)) return strip(reading);
    const rest = text.replace(LEADING_GREETING, '').replace(TRAILING_COURTESY, '');
    if (rest === text || !/\p{L}/u.test(rest)) return strip(reading);
    const question = this.read(rest, messageLocale, decide);
    if (question.intent !== null && !this.isSmallTalk(question)) return strip(question);
    // "Hej, vad blir det för lunch i dag?" is a question out of scope, not a greeting ("hi, anyone there?" is one).
    const saysMore = question.declined && analyze(rest, messageLocale).content.length >= MIN_DECLINED_WORDS;
    return strip(saysMore ? question : reading);
  }

  private read(text: string, messageLocale: Locale, decide: (part: string) => Decision): Decision {
    const sentences = text.split(SENTENCE_BREAK).filter((sentence) => /\p{L}/u.test(sentence));
    if (sentences.length < 2) return decide(text);
    const readings = sentences.map((sentence) => decide(sentence.trim()));
    const substance = sentences.filter((_, i) => !this.isSmallTalk(readings[i]!));
    const whole =
      substance.length > 0 && substance.length < sentences.length ? decide(substance.join('. ')) : decide(text);
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

  /** Scores every intent for a text: similarity to its examples, helped by the linear model. */
  private rank(text: string, locale: Locale, analyses?: Analyses): Ranking {
    const { match: query, full, known, words, corrected } = this.space.query(text, locale, analyses);
    const scores = this.examples.score(query, this.intents.length);
    const probabilities = this.linear?.probabilities(full);
    const { linearWeight } = this.options;
    const ranked: Ranking['ranked'] = [];
    let closest = 0;
    let linearBest = -1;
    for (let i = 0; i < this.intents.length; i++) {
      const probability = probabilities?.[i] ?? 0;
      if (probabilities && (linearBest < 0 || probability > probabilities[linearBest]!)) linearBest = i;
      const best = scores.best[i] ?? 0;
      if (best <= 0) continue;
      const similarity =
        this.options.bestWeight * best +
        this.options.secondWeight * (scores.second[i] ?? 0) +
        this.options.centroidWeight * (scores.centroid[i] ?? 0);
      closest = Math.max(closest, similarity);
      ranked.push({ index: i, score: similarity + linearWeight * probability, similarity, probability });
    }
    ranked.sort((a, b) => b.score - a.score);
    return { ranked, closest, outOfScope: scores.outOfScope, known, corrected, words, linearBest };
  }

  private decide(text: string, locale: Locale): Decision {
    const ranking = this.rank(text, locale);
    const { ranked, closest } = ranking;
    const top = ranked[0];
    const { linearWeight } = this.options;
    // Without a calibration, and with out-of-scope messages to expect, similarity alone must be higher to answer.
    const stricter = !this.calibration && (this.hasOutOfScope || (this.options.outOfScopeShare ?? 0) > 0);
    const floor = stricter ? Math.max(this.options.threshold, UNCALIBRATED_THRESHOLD) : this.options.threshold;
    const abstainScore = Math.max(floor, ranking.outOfScope);
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
    const calibrated = top && this.calibration ? this.calibration.calibrator.confidence(evidence(ranking)) : undefined;
    // With a calibration, the best intent's confidence is its chance of being right, and the others share the
    // rest in proportion; without one, a softmax over the scores and "abstain".
    const share = (i: number) =>
      calibrated === undefined ? (exps[i] ?? 0) / total : ((exps[i] ?? 0) / (exps[0] ?? 1)) * calibrated;
    const alternatives: ScoredIntent[] = ranked.slice(0, MAX_ALTERNATIVES + 1).map((r, i) => ({
      intent: this.intents[r.index]!,
      confidence: roundConfidence(share(i)),
    }));
    const runnerUp = ranked[1];
    // Close: the scores are, or the nearest examples are and the linear model alone prefers one. Its preference
    // then rests on weights the examples never pinned down (two intents whose examples differ in one word each,
    // asked without that word: "Hur bokar jag tvättstugan?" for houses alfa and beta).
    const close =
      runnerUp !== undefined &&
      top !== undefined &&
      (top.score - runnerUp.score < margin || Math.abs(top.similarity - runnerUp.similarity) < this.options.margin / 4);
    const minConfidence = this.calibration?.minConfidence ?? 0;
    const abstain =
      !top ||
      (calibrated === undefined
        ? closest < abstainScore
        : calibrated < minConfidence || closest < this.options.threshold);
    const declined = ranking.outOfScope >= floor && ranking.outOfScope > closest;
    if (abstain) {
      return {
        intent: null,
        confidence: roundConfidence(calibrated === undefined ? abstainExp / total : 1 - calibrated),
        locale,
        alternatives: alternatives.slice(0, MAX_ALTERNATIVES),
        ambiguous: false,
        best: closest,
        declined,
      };
    }
    return {
      intent: this.intents[top.index]!,
      confidence: roundConfidence(share(0)),
      locale,
      alternatives: alternatives.slice(1, MAX_ALTERNATIVES + 1),
      ambiguous: close && (calibrated === undefined ? runnerUp.score >= abstainAt : runnerUp.similarity >= floor),
      best: top.score,
      declined: false,
    };
  }

  /**
   * The evidence and the truth for every example of a held-out fold: what the calibration is fitted on. (The
   * truth: the best intent is the example's own; an out-of-scope example has no right intent.)
   */
  heldOutEvidence(examples: readonly LabelledExample[], analyses?: Analyses): { evidence: number[]; right: boolean }[] {
    return examples.map((example) => {
      const locale = example.locale ?? chooseLocale(this.language.guess(example.text), undefined);
      const ranking = this.rank(example.text, locale, analyses);
      const top = ranking.ranked[0];
      const right = top !== undefined && example.intent !== null && this.intents[top.index] === example.intent;
      return { evidence: top ? evidence(ranking) : [], right };
    });
  }

  /** The training examples closest to a text, with their similarity: shows why the matcher decided as it did. */
  nearestExamples(
    text: string,
    locale: Locale,
    count = 5,
  ): { text: string; intent: string | null; similarity: number }[] {
    return this.examples.nearest(this.space.query(text, locale).match, count).map((example) => ({
      text: example.text,
      intent: this.intents[example.class] ?? null,
      similarity: roundConfidence(example.similarity),
    }));
  }
}

/**
 * Fits the calibration on cross-validation folds: each fold's examples are ranked by a matcher built from the
 * others (answers, weighted lower, stay in every training set), and the least confidence to answer with is the one
 * whose answers and abstentions are right most often over all folds (out-of-scope examples weighted as set).
 */
function calibrateOnFolds(
  examples: readonly LabelledExample[],
  options: MatcherOptions,
  resources: MatcherResources,
): Calibration {
  const fixed = examples.filter((example) => (example.weight ?? 1) < 1);
  const folding = examples.filter((example) => (example.weight ?? 1) >= 1);
  // Large sets need fewer folds for as many held-out examples, and each fold trains on most of them anyway.
  const folds = Math.max(3, Math.min(options.folds, Math.floor(LARGE_SET / folding.length)));
  const evidence: number[][] = [];
  const right: boolean[] = [];
  const outOfScope: boolean[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const train = [...fixed, ...folding.filter((_, i) => i % folds !== fold)];
    const held = folding.filter((_, i) => i % folds === fold);
    const matcher = IntentMatcher.trainFold(train, options, resources);
    matcher.heldOutEvidence(held, resources.analyses).forEach((result, i) => {
      if (result.evidence.length === 0) return;
      evidence.push(result.evidence);
      right.push(result.right);
      outOfScope.push(held[i]!.intent === null);
    });
  }
  return fitCalibration(evidence, right, outOfScope, options);
}

/** True when the sentence ends with a question mark in the message. */
function isQuestion(text: string, sentence: string): boolean {
  const end = text.indexOf(sentence) + sentence.length;
  return text.charAt(end) === '?';
}

function strip(decision: Decision): Classification {
  const { best: _best, declined: _declined, ...classification } = decision;
  return classification;
}

/** A short fingerprint of JSON-able data. */
function digest(data: unknown): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('base64url');
}
