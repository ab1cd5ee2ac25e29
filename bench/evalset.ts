/**
 * The evaluation set (test/nlu/evalset.jsonl), the benchmark's headline: frozen, written by people who never saw
 * `faq/`, and measured in aggregate only. Nothing here returns, prints or keeps a line of the set, a per-intent
 * figure or a confused pair: only shares and counts per language, and the reliability table of the confidences.
 */
import type { CalibrationReport } from '../src/nlu/calibration.js';
import { type Classifier, evaluate, type LocaleScores, scoreByLocale } from '../src/nlu/evaluate.js';
import type { IntentMatcher } from '../src/nlu/matcher.js';
import type { LabelledExample, Locale } from '../src/nlu/types.js';

/** One language's figures on the evaluation set, or all lines pooled. */
export type EvalsetScores = LocaleScores;

/** The evaluation set's figures in one way of giving the lines: per language and pooled. */
export interface EvalsetFigures {
  byLocale: Record<Locale, EvalsetScores>;
  overall: EvalsetScores;
}

/** The headline as the bench reports it. */
export interface EvalsetResult {
  file: string;
  lines: number;
  /** What is scored: the router's decision on each line as the first message of a new conversation. */
  decision: string;
  /** The lines given without a language (SMS, plain HTTP): the figures the targets are on. */
  withoutChannelLanguage: EvalsetFigures;
  /** The lines given with their language, as a channel that knows it would: shown, no targets. */
  withChannelLanguage: EvalsetFigures;
}

const empty: EvalsetScores = {
  inScopeAccuracy: 0,
  oosRecall: 0,
  taskAccuracy: 0,
  languageAccuracy: 0,
  inScope: 0,
  outOfScope: 0,
  tasks: 0,
};

/** Share with four decimals, as `scoreByLocale` gives them. */
const share = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 10000) / 10000);

/** Pools per-language scores (their shares are of whole counts, so the counts come back exactly). */
function pool(scores: readonly EvalsetScores[]): EvalsetScores {
  let inRight = 0;
  let outRight = 0;
  let taskRight = 0;
  let languageRight = 0;
  let inScope = 0;
  let outOfScope = 0;
  let tasks = 0;
  for (const s of scores) {
    inRight += Math.round(s.inScopeAccuracy * s.inScope);
    outRight += Math.round(s.oosRecall * s.outOfScope);
    taskRight += Math.round(s.taskAccuracy * s.tasks);
    languageRight += Math.round(s.languageAccuracy * (s.inScope + s.outOfScope));
    inScope += s.inScope;
    outOfScope += s.outOfScope;
    tasks += s.tasks;
  }
  return {
    inScopeAccuracy: share(inRight, inScope),
    oosRecall: share(outRight, outOfScope),
    taskAccuracy: share(taskRight, tasks),
    languageAccuracy: share(languageRight, inScope + outOfScope),
    inScope,
    outOfScope,
    tasks,
  };
}

function figures(
  classifier: Classifier,
  lines: readonly LabelledExample[],
  isTask: (intent: string) => boolean,
  withLocale: boolean,
): EvalsetFigures {
  const scores = scoreByLocale(classifier, lines, isTask, { withLocale });
  const byLocale = { sv: scores.sv ?? empty, en: scores.en ?? empty };
  return { byLocale, overall: pool([byLocale.sv, byLocale.en]) };
}

/**
 * Scores the evaluation set through the bot's decision for a first message (`firstMessages(buildRouter(…))`):
 * without a channel language (the targets) and with one. Aggregates only.
 */
export function measureEvalset(
  classifier: Classifier,
  lines: readonly LabelledExample[],
  isTask: (intent: string) => boolean,
  file: string,
): EvalsetResult {
  if (lines.some((line) => !line.locale)) {
    // scoreByLocale skips lines without a language; the count below would then overstate what was scored.
    throw new Error(`bench: ${file}: every line of the evaluation set needs a locale`);
  }
  return {
    file,
    lines: lines.length,
    decision: 'firstMessages(buildRouter(…)): the first message of a new conversation',
    withoutChannelLanguage: figures(classifier, lines, isTask, false),
    withChannelLanguage: figures(classifier, lines, isTask, true),
  };
}

/** The reliability of stated confidences on the evaluation set (aggregate bins only). */
export interface EvalsetCalibration extends CalibrationReport {
  /** What stated the confidence. */
  classifier: string;
  /** Whether the lines were given their language (false: as the headline, without a channel language). */
  withLocale: boolean;
}

/** Calibration of the knowledge base's matcher, and how it holds on the evaluation set. */
export interface CalibrationResult {
  /** The least calibrated confidence the matcher answers with (null: not calibrated). */
  minConfidence: number | null;
  /** Expected calibration error and reliability table on the matcher's own training folds (null: not calibrated). */
  folds: CalibrationReport | null;
  /** The same on the evaluation set, the matcher's own confidence in its best intent. */
  evalset: EvalsetCalibration;
  /** The same on the evaluation set, the confidence of the bot's first-message decision (router rules included). */
  evalsetFirstMessages: EvalsetCalibration;
}

/** Only the aggregate calibration of an evaluation: the rest of the report (per intent, confusions) is dropped. */
function calibrationOnly(
  classifier: Classifier,
  lines: readonly LabelledExample[],
  name: string,
  withLocale: boolean,
): EvalsetCalibration {
  const { expectedCalibrationError, bins } = evaluate(classifier, lines, { withLocale }).calibration;
  return { classifier: name, withLocale, expectedCalibrationError, bins };
}

/**
 * The matcher's `calibrationSummary` (least confidence answered with, calibration on its training folds) and the
 * expected calibration error on the evaluation set, lines given without a language as in the headline.
 */
export function measureCalibration(
  matcher: IntentMatcher,
  firstMessages: Classifier,
  lines: readonly LabelledExample[],
): CalibrationResult {
  const summary = matcher.calibrationSummary;
  return {
    minConfidence: summary?.minConfidence ?? null,
    folds: summary
      ? { expectedCalibrationError: summary.folds.expectedCalibrationError, bins: summary.folds.bins }
      : null,
    evalset: calibrationOnly(matcher, lines, 'IntentMatcher.classify', false),
    evalsetFirstMessages: calibrationOnly(firstMessages, lines, 'firstMessages(buildRouter(…))', false),
  };
}
