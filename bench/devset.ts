import { readFileSync } from 'node:fs';
import { evaluate } from '../src/nlu/evaluate.js';
import type { IntentMatcher } from '../src/nlu/matcher.js';
import { parseLabelledLines } from '../src/nlu/evaluate.js';
import type { LabelledExample, Locale } from '../src/nlu/types.js';
import { type LatencySummary, summarize } from './stats.js';

/** Accuracy figures of one language, or of the whole dev set. */
export interface AccuracyFigures {
  inScopeAccuracy: number;
  oosRecall: number;
  inScope: number;
  outOfScope: number;
}

/** The dev-set evaluation as the bench reports it. */
export interface DevsetResult {
  file: string;
  lines: number;
  byLocale: Record<Locale, AccuracyFigures>;
  overall: AccuracyFigures;
  macroF1: number;
  topConfusions: { expected: string; predicted: string; count: number }[];
}

/** Reads the labelled dev set (JSON lines). */
export function readDevset(path: string): LabelledExample[] {
  return parseLabelledLines(readFileSync(path, 'utf8'), path);
}

/** Evaluates the matcher on the dev set: in-scope accuracy and out-of-scope recall per language and overall. */
export function measureDevset(matcher: IntentMatcher, devset: readonly LabelledExample[], file: string): DevsetResult {
  const report = evaluate(matcher, devset);
  const empty: AccuracyFigures = { inScopeAccuracy: 0, oosRecall: 0, inScope: 0, outOfScope: 0 };
  const byLocale = { sv: report.byLocale.sv ?? empty, en: report.byLocale.en ?? empty };
  return {
    file,
    lines: report.lines,
    byLocale,
    overall: {
      inScopeAccuracy: report.inScopeAccuracy,
      oosRecall: report.oosRecall,
      inScope: byLocale.sv.inScope + byLocale.en.inScope,
      outOfScope: byLocale.sv.outOfScope + byLocale.en.outOfScope,
    },
    macroF1: report.macroF1,
    topConfusions: report.confusions.slice(0, 5),
  };
}

/** Per-call latency of `classify` over the dev set. */
export interface ClassifyLatencyResult extends LatencySummary {
  warmupRounds: number;
  rounds: number;
  messages: number;
}

/**
 * Times every `classify` call (each dev-set text, in its language) over `rounds` passes after `warmupRounds`
 * untimed passes, with `process.hrtime.bigint()`.
 */
export function measureClassifyLatency(
  matcher: IntentMatcher,
  devset: readonly LabelledExample[],
  warmupRounds = 5,
  rounds = 20,
): ClassifyLatencyResult {
  let sink = 0;
  for (let r = 0; r < warmupRounds; r++) {
    for (const example of devset) sink += matcher.classify(example.text, example.locale).confidence;
  }
  const durations = new Float64Array(rounds * devset.length);
  let n = 0;
  for (let r = 0; r < rounds; r++) {
    for (const example of devset) {
      const start = process.hrtime.bigint();
      const result = matcher.classify(example.text, example.locale);
      durations[n++] = Number(process.hrtime.bigint() - start) / 1e6;
      sink += result.confidence;
    }
  }
  if (Number.isNaN(sink)) throw new Error('bench: classify returned a NaN confidence');
  return { ...summarize(durations), warmupRounds, rounds, messages: devset.length };
}
