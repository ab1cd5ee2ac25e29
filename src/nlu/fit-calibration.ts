import { type Calibration } from './trained-model.js';
import { Calibrator, reliability } from './calibration.js';

/** What the fitting needs of the matcher's options. */
export interface FitOptions {
  /** The expected share of out-of-scope messages (see `MatcherOptions.outOfScopeShare`). */
  outOfScopeShare: number | undefined;
  /** A fixed least confidence, or undefined to choose the one right most often. */
  minConfidence: number | undefined;
}

/**
 * The calibration from the held-out folds' evidence and truth: the calibrator, the least confidence to answer
 * with, and the reliability on the folds. Out-of-scope examples are weighted to the expected share of all messages.
 */
export function fitCalibration(
  evidence: readonly number[][],
  right: readonly boolean[],
  outOfScope: readonly boolean[],
  options: FitOptions,
): Calibration {
  const outside = outOfScope.filter(Boolean).length;
  const share = options.outOfScopeShare;
  // Each out-of-scope example counts so that together they are the expected share of all messages.
  const outsideWeight =
    share === undefined || outside === 0 ? 1 : ((evidence.length - outside) * share) / ((1 - share) * outside);
  const weights = outOfScope.map((outsideIt) => (outsideIt ? outsideWeight : 1));
  const calibrator = Calibrator.fit(evidence, right, weights);
  const predictions = evidence.map((values, i) => ({
    confidence: calibrator.confidence(values),
    right: right[i]!,
    weight: weights[i]!,
    outOfScope: outOfScope[i]!,
  }));
  // Without an out-of-scope example, or an expected share of them, nothing says messages outside the examples
  // exist: the best intent is always the best guess (only the similarity floor still applies).
  const anyOutside = outside > 0 || (share ?? 0) > 0;
  const minConfidence = !anyOutside ? 0 : (options.minConfidence ?? bestThreshold(predictions));
  return { calibrator, minConfidence, folds: reliability(predictions) };
}

/**
 * The least confidence at which answering is right most often: below it the matcher abstains, which is right
 * for an out-of-scope example and wrong for an in-scope one.
 */
function bestThreshold(
  predictions: { confidence: number; right: boolean; weight: number; outOfScope: boolean }[],
): number {
  const sorted = [...predictions].sort((a, b) => a.confidence - b.confidence);
  // With the threshold just above sorted[k - 1]: the first k abstain, the rest answer.
  let score = sorted.reduce((sum, p) => sum + (p.right ? p.weight : 0), 0);
  let best = score;
  let bestAt = 0;
  for (let k = 1; k <= sorted.length; k++) {
    const p = sorted[k - 1]!;
    score += (p.outOfScope ? p.weight : 0) - (p.right ? p.weight : 0);
    if (score > best + 1e-9) {
      best = score;
      bestAt = k;
    }
  }
  if (bestAt === 0) return 0;
  const below = sorted[bestAt - 1]!.confidence;
  const above = sorted[bestAt]?.confidence ?? 1;
  return (below + above) / 2;
}
