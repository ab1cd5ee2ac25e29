import { describe, expect, it } from 'vitest';
import { LinearModel, type LinearExample } from '../../src/nlu/linear.js';
import type { SparseVector } from '../../src/nlu/vectors.js';

/** A vector of features (ids) of equal weight. */
const vector = (...ids: number[]): SparseVector => ({
  ids: Int32Array.from(ids),
  weights: Float64Array.from(ids, () => 1),
  norm: Math.sqrt(ids.length),
});

// Feature 0 stands for "utvecklingssamtal" (both classes), 1 for "boka", 2 for "avboka", 3 for "tid" (both).
const BOOK = 0;
const CANCEL = 1;
const examples: LinearExample[] = [
  { vector: vector(0, 1), label: BOOK, weight: 1 },
  { vector: vector(0, 1, 3), label: BOOK, weight: 1 },
  { vector: vector(1, 3), label: BOOK, weight: 1 },
  { vector: vector(0, 2), label: CANCEL, weight: 1 },
  { vector: vector(0, 2, 3), label: CANCEL, weight: 1 },
  { vector: vector(2), label: CANCEL, weight: 1 },
];

describe('LinearModel', () => {
  const model = LinearModel.train(examples, 2);

  it('learns the feature that tells two classes apart, not the ones they share', () => {
    expect(model.probabilities(vector(0, 2))[CANCEL]).toBeGreaterThan(0.8);
    expect(model.probabilities(vector(0, 1))[BOOK]).toBeGreaterThan(0.8);
    expect(model.probabilities(vector(2, 3))[CANCEL]).toBeGreaterThan(0.8);
  });

  it('is unsure when only shared features are given', () => {
    const [book = 0, cancel = 0] = model.probabilities(vector(0, 3));
    expect(Math.abs(book - cancel)).toBeLessThan(0.3);
  });

  it('gives probabilities that sum to 1, and ignores features it never saw', () => {
    const probabilities = model.probabilities(vector(0, 2, 99));
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(probabilities[CANCEL]).toBeGreaterThan(0.5);
  });

  it('trains the same model from the same examples', () => {
    const again = LinearModel.train(examples, 2);
    expect([...again.probabilities(vector(0, 3))]).toEqual([...model.probabilities(vector(0, 3))]);
  });
});
