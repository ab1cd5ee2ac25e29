/**
 * Calibrated confidence: a small logistic regression from what the matcher saw when it ranked a message (how
 * close the nearest examples were, how sure the linear model was, how much of the message it knew …) to the chance
 * that its best intent is the right one. It is fitted on cross-validation folds of the training examples, where the
 * truth is known, so "0.9" means right about nine times in ten on messages the matcher had not seen.
 */

/** Pull of the weights towards zero: keeps the fit stable when a feature separates the folds' examples perfectly. */
const L2 = 1e-3;
const ITERATIONS = 25;
/** Confidence bins of the reliability table. */
const BINS = 10;

/** A fitted calibration: the weights of the evidence (the first is the bias). */
export class Calibrator {
  constructor(readonly weights: readonly number[]) {}

  /**
   * Fits P(right | evidence) by Newton's method (iteratively reweighted least squares): a handful of evidence
   * values and a few thousand examples converge in a few steps, with the same result every time.
   */
  static fit(
    evidence: readonly (readonly number[])[],
    right: readonly boolean[],
    weights: readonly number[] = evidence.map(() => 1),
  ): Calibrator {
    const dimension = (evidence[0]?.length ?? 0) + 1;
    const w = new Float64Array(dimension);
    const row = new Float64Array(dimension);
    const total = weights.reduce((a, b) => a + b, 0);
    for (let iteration = 0; iteration < ITERATIONS; iteration++) {
      const gradient = new Float64Array(dimension);
      const hessian = new Float64Array(dimension * dimension);
      evidence.forEach((values, n) => {
        row[0] = 1;
        for (let i = 1; i < dimension; i++) row[i] = values[i - 1]!;
        const p = logistic(dot(w, row));
        const weight = weights[n] ?? 1;
        const error = (p - (right[n] ? 1 : 0)) * weight;
        const curvature = Math.max(p * (1 - p), 1e-6) * weight;
        for (let i = 0; i < dimension; i++) {
          gradient[i] = gradient[i]! + error * row[i]!;
          for (let j = 0; j <= i; j++)
            hessian[i * dimension + j] = hessian[i * dimension + j]! + curvature * row[i]! * row[j]!;
        }
      });
      for (let i = 0; i < dimension; i++) {
        for (let j = 0; j < i; j++) hessian[j * dimension + i] = hessian[i * dimension + j]!;
        // The bias is not pulled towards zero: only the evidence's weights are.
        if (i > 0) {
          gradient[i] = gradient[i]! + L2 * total * w[i]!;
          hessian[i * dimension + i] = hessian[i * dimension + i]! + L2 * total;
        }
      }
      const step = solve(hessian, gradient, dimension);
      let change = 0;
      for (let i = 0; i < dimension; i++) {
        w[i] = w[i]! - step[i]!;
        change = Math.max(change, Math.abs(step[i]!));
      }
      if (change < 1e-7) break;
    }
    return new Calibrator([...w]);
  }

  /** The chance that the best intent is right, given the evidence of one ranking. */
  confidence(evidence: readonly number[]): number {
    let z = this.weights[0] ?? 0;
    for (let i = 0; i < evidence.length; i++) z += (this.weights[i + 1] ?? 0) * evidence[i]!;
    return logistic(z);
  }
}

/** One bin of a reliability table: predictions with confidence in [from, to), how sure they were, how often right. */
export interface ReliabilityBin {
  from: number;
  to: number;
  count: number;
  meanConfidence: number;
  accuracy: number;
}

/** How well stated confidences match how often the predictions were right. */
export interface CalibrationReport {
  /** Expected calibration error: the count-weighted mean gap between confidence and accuracy over the bins. */
  expectedCalibrationError: number;
  bins: ReliabilityBin[];
}

/**
 * The reliability table and expected calibration error of predictions (confidence, was it right, and how much
 * each counts: 1 unless given).
 */
export function reliability(
  predictions: readonly { confidence: number; right: boolean; weight?: number }[],
): CalibrationReport {
  const bins: ReliabilityBin[] = Array.from({ length: BINS }, (_, b) => ({
    from: b / BINS,
    to: (b + 1) / BINS,
    count: 0,
    meanConfidence: 0,
    accuracy: 0,
  }));
  const mass = new Float64Array(BINS);
  for (const { confidence, right, weight = 1 } of predictions) {
    const b = Math.min(BINS - 1, Math.max(0, Math.floor(confidence * BINS)));
    const bin = bins[b]!;
    bin.count++;
    mass[b] = mass[b]! + weight;
    bin.meanConfidence += weight * confidence;
    bin.accuracy += right ? weight : 0;
  }
  let gap = 0;
  let total = 0;
  bins.forEach((bin, b) => {
    const weight = mass[b]!;
    if (weight === 0) return;
    bin.meanConfidence = round(bin.meanConfidence / weight);
    bin.accuracy = round(bin.accuracy / weight);
    gap += weight * Math.abs(bin.accuracy - bin.meanConfidence);
    total += weight;
  });
  return { expectedCalibrationError: round(gap / Math.max(total, 1e-12)), bins };
}

function logistic(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/** Solves the symmetric system A x = b by Gaussian elimination with partial pivoting (A is small and dense). */
function solve(matrix: Float64Array, vector: Float64Array, size: number): Float64Array {
  const a = Float64Array.from(matrix);
  const x = Float64Array.from(vector);
  for (let col = 0; col < size; col++) {
    let pivot = col;
    for (let r = col + 1; r < size; r++) if (Math.abs(a[r * size + col]!) > Math.abs(a[pivot * size + col]!)) pivot = r;
    if (pivot !== col) {
      for (let c = 0; c < size; c++)
        [a[col * size + c], a[pivot * size + c]] = [a[pivot * size + c]!, a[col * size + c]!];
      [x[col], x[pivot]] = [x[pivot]!, x[col]!];
    }
    const diagonal = a[col * size + col]! || 1e-12;
    for (let r = col + 1; r < size; r++) {
      const factor = a[r * size + col]! / diagonal;
      if (factor === 0) continue;
      for (let c = col; c < size; c++) a[r * size + c] = a[r * size + c]! - factor * a[col * size + c]!;
      x[r] = x[r]! - factor * x[col]!;
    }
  }
  for (let r = size - 1; r >= 0; r--) {
    let sum = x[r]!;
    for (let c = r + 1; c < size; c++) sum -= a[r * size + c]! * x[c]!;
    x[r] = sum / (a[r * size + r]! || 1e-12);
  }
  return x;
}

function round(value: number): number {
  return Math.round(value * 10000) / 10000;
}
