import { describe, expect, it } from 'vitest';
import { Calibrator, reliability } from '../../src/nlu/calibration.js';

/** A deterministic sequence in [0, 1) (the same every run). */
function uniform(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe('Calibrator', () => {
  it('recovers the chance of being right from evidence whose truth it was fitted on', () => {
    const next = uniform(7);
    const evidence: number[][] = [];
    const right: boolean[] = [];
    // The truth: right with probability 1 / (1 + e^-(4x - 2)) for evidence x in [0, 1).
    for (let i = 0; i < 20_000; i++) {
      const x = next();
      evidence.push([x]);
      right.push(next() < 1 / (1 + Math.exp(-(4 * x - 2))));
    }
    const calibrator = Calibrator.fit(evidence, right);
    for (const [x, expected] of [
      [0, 0.119],
      [0.5, 0.5],
      [1, 0.881],
    ] as const) {
      expect(calibrator.confidence([x])).toBeCloseTo(expected, 1);
    }
  });

  it('fits as if some examples were more common when they are weighted', () => {
    const evidence = [[1], [1], [0], [0]];
    const right = [true, false, true, false];
    const even = Calibrator.fit(evidence, right);
    const wrongTwice = Calibrator.fit(evidence, right, [1, 3, 1, 3]);
    expect(even.confidence([1])).toBeCloseTo(0.5, 1);
    expect(wrongTwice.confidence([1])).toBeCloseTo(0.25, 1);
  });
});

describe('reliability', () => {
  it.each([
    ['right as often as stated', 0.7, 0.7, 0],
    ['stated 0.9, right half the time', 0.9, 0.5, 0.4],
    ['stated 0.2, right 0.6 of the time', 0.2, 0.6, 0.4],
  ])('%s: expected calibration error %s', (_, stated, rate, error) => {
    const predictions = Array.from({ length: 100 }, (_, i) => ({ confidence: stated, right: i < rate * 100 }));
    const report = reliability(predictions);
    expect(report.expectedCalibrationError).toBeCloseTo(error, 5);
    const bin = report.bins.find((b) => b.count > 0);
    expect(bin).toMatchObject({ count: 100, meanConfidence: stated, accuracy: rate });
    expect(report.bins).toHaveLength(10);
  });

  it('puts confidence 1 in the last bin and 0 in the first', () => {
    const report = reliability([
      { confidence: 1, right: true },
      { confidence: 0, right: false },
    ]);
    expect(report.bins[9]?.count).toBe(1);
    expect(report.bins[0]?.count).toBe(1);
    expect(report.expectedCalibrationError).toBe(0);
  });
});
