import { z } from 'zod';
import { type CalibrationReport, reliability } from './calibration.js';
import type { Classification, LabelledExample, Locale } from './types.js';

/**
 * What is evaluated: the matcher itself, or anything that classifies like it (the bot's router, which adds task
 * cues and language rules), with the matcher's calibration if it has one.
 */
export interface Classifier {
  classify(text: string, locale?: Locale): Classification;
  readonly calibrationSummary?: { minConfidence: number; folds: CalibrationReport } | undefined;
}

/** How test lines are given to the classifier: with their language, as a channel would, or without, as SMS. */
export interface EvaluationOptions {
  withLocale?: boolean;
}

/** One labelled line of a train or test file: `{"text", "intent": string|null, "locale"?}`. */
const lineSchema = z.object({
  text: z.string().min(1),
  intent: z.string().min(1).nullable(),
  locale: z.enum(['sv', 'en']).optional(),
});

/** Parses JSON lines of labelled examples; a bad line throws an error naming the file and line number. */
export function parseLabelledLines(content: string, source: string): LabelledExample[] {
  const examples: LabelledExample[] = [];
  content.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new Error(`${source}:${i + 1}: not valid JSON`);
    }
    const parsed = lineSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${source}:${i + 1}: ${issue?.path.join('.') || 'line'}: ${issue?.message ?? 'invalid'}`);
    }
    examples.push(parsed.data);
  });
  return examples;
}

export interface IntentScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** How well a matcher did on labelled test lines. */
export interface EvaluationReport {
  /** Share of in-scope lines given their right intent. */
  inScopeAccuracy: number;
  /** Share of out-of-scope lines (intent null) the matcher abstained on. */
  oosRecall: number;
  /** Mean F1 over every label of the test lines, out-of-scope ("null") counted as one label. */
  macroF1: number;
  perIntent: Record<string, IntentScores>;
  /** Most frequent mistakes, expected → predicted ("null" = out of scope). */
  confusions: { expected: string; predicted: string; count: number }[];
  /** The same two shares per language of the lines. */
  byLocale: Partial<
    Record<Locale, { inScopeAccuracy: number; oosRecall: number; inScope: number; outOfScope: number }>
  >;
  lines: number;
  /** Share of the lines (with a locale) whose language was taken to be theirs. */
  languageAccuracy: number;
  /**
   * How well the stated confidence in the best intent matches how often it is right, on these lines (an
   * out-of-scope line has no right intent); with the least confidence the matcher answers with and the same table
   * on the training folds that least confidence was chosen from, when the matcher is calibrated.
   */
  calibration: CalibrationReport & { minConfidence?: number; folds?: CalibrationReport };
}

const OUT = 'null';

/** Classifies every test line and scores the result. */
export function evaluate(
  matcher: Classifier,
  tests: readonly LabelledExample[],
  options: EvaluationOptions = {},
): EvaluationReport {
  const withLocale = options.withLocale ?? true;
  let languageRight = 0;
  let languageLines = 0;
  const counts = new Map<string, { tp: number; fp: number; fn: number; support: number }>();
  const entry = (label: string) => {
    let c = counts.get(label);
    if (!c) counts.set(label, (c = { tp: 0, fp: 0, fn: 0, support: 0 }));
    return c;
  };
  const confusions = new Map<string, number>();
  const perLocale = new Map<Locale, { right: number; inScope: number; abstained: number; outOfScope: number }>();
  const stated: { confidence: number; right: boolean }[] = [];
  for (const test of tests) {
    const result = matcher.classify(test.text, withLocale ? test.locale : undefined);
    if (test.locale) {
      languageLines++;
      if (result.locale === test.locale) languageRight++;
    }
    const expected = test.intent ?? OUT;
    const predicted = result.intent ?? OUT;
    // The best intent and the confidence in it, whether or not the matcher answered with it.
    const best = result.intent === null ? result.alternatives[0] : result;
    if (best) stated.push({ confidence: best.confidence, right: best.intent === test.intent });
    const locale = test.locale ?? result.locale;
    const tally = perLocale.get(locale) ?? { right: 0, inScope: 0, abstained: 0, outOfScope: 0 };
    perLocale.set(locale, tally);
    entry(expected).support++;
    if (expected === OUT) {
      tally.outOfScope++;
      if (predicted === OUT) tally.abstained++;
    } else {
      tally.inScope++;
      if (predicted === expected) tally.right++;
    }
    if (predicted === expected) {
      entry(expected).tp++;
    } else {
      entry(expected).fn++;
      entry(predicted).fp++;
      const key = `${expected}\u0000${predicted}`;
      confusions.set(key, (confusions.get(key) ?? 0) + 1);
    }
  }
  const perIntent: Record<string, IntentScores> = {};
  for (const [label, c] of counts) {
    if (c.support === 0) continue;
    const precision = c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : 0;
    const recall = c.tp / c.support;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    perIntent[label] = { precision: round(precision), recall: round(recall), f1: round(f1), support: c.support };
  }
  const f1s = Object.values(perIntent).map((s) => s.f1);
  let right = 0;
  let inScope = 0;
  let abstained = 0;
  let outOfScope = 0;
  const byLocale: EvaluationReport['byLocale'] = {};
  for (const [locale, t] of perLocale) {
    right += t.right;
    inScope += t.inScope;
    abstained += t.abstained;
    outOfScope += t.outOfScope;
    byLocale[locale] = {
      inScopeAccuracy: ratio(t.right, t.inScope),
      oosRecall: ratio(t.abstained, t.outOfScope),
      inScope: t.inScope,
      outOfScope: t.outOfScope,
    };
  }
  return {
    inScopeAccuracy: ratio(right, inScope),
    oosRecall: ratio(abstained, outOfScope),
    macroF1: round(f1s.reduce((a, b) => a + b, 0) / Math.max(f1s.length, 1)),
    perIntent,
    confusions: [...confusions]
      .map(([key, count]) => {
        const [expected = '', predicted = ''] = key.split('\u0000');
        return { expected, predicted, count };
      })
      .sort((a, b) => b.count - a.count || a.expected.localeCompare(b.expected))
      .slice(0, 20),
    byLocale,
    lines: tests.length,
    languageAccuracy: ratio(languageRight, languageLines),
    calibration: { ...reliability(stated), ...matcher.calibrationSummary },
  };
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : round(part / whole);
}

function round(value: number): number {
  return Math.round(value * 10000) / 10000;
}

/** One language's figures on a labelled set, as the evaluation set is reported. */
export interface LocaleScores {
  inScopeAccuracy: number;
  oosRecall: number;
  /** Of the lines whose intent is a task, the share given that task (the bot starts it). */
  taskAccuracy: number;
  /** Share of the lines answered in their own language. */
  languageAccuracy: number;
  inScope: number;
  outOfScope: number;
  tasks: number;
}

/**
 * In-scope accuracy, out-of-scope recall, task statements and language per language of the lines: figures only,
 * never a line, so a set that must stay unseen can be measured.
 */
export function scoreByLocale(
  classifier: Classifier,
  lines: readonly LabelledExample[],
  isTask: (intent: string) => boolean,
  options: EvaluationOptions = {},
): Partial<Record<Locale, LocaleScores>> {
  const withLocale = options.withLocale ?? true;
  const counts = new Map<
    Locale,
    Record<'in' | 'inRight' | 'out' | 'outRight' | 'task' | 'taskRight' | 'language', number>
  >();
  for (const line of lines) {
    if (!line.locale) continue;
    const result = classifier.classify(line.text, withLocale ? line.locale : undefined);
    const c = counts.get(line.locale) ?? { in: 0, inRight: 0, out: 0, outRight: 0, task: 0, taskRight: 0, language: 0 };
    counts.set(line.locale, c);
    const right = result.intent === line.intent;
    if (result.locale === line.locale) c.language++;
    if (line.intent === null) {
      c.out++;
      if (right) c.outRight++;
    } else {
      c.in++;
      if (right) c.inRight++;
      if (isTask(line.intent)) {
        c.task++;
        if (right) c.taskRight++;
      }
    }
  }
  const scores: Partial<Record<Locale, LocaleScores>> = {};
  for (const [locale, c] of counts) {
    scores[locale] = {
      inScopeAccuracy: ratio(c.inRight, c.in),
      oosRecall: ratio(c.outRight, c.out),
      taskAccuracy: ratio(c.taskRight, c.task),
      languageAccuracy: ratio(c.language, c.in + c.out),
      inScope: c.in,
      outOfScope: c.out,
      tasks: c.task,
    };
  }
  return scores;
}
