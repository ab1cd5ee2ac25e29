import type { SparseVector } from './vectors.js';
import { seeded } from './random.js';

/** How the linear model is trained. */
export interface LinearOptions {
  /** Passes over the examples. */
  epochs: number;
  /** Step size of the first pass; it shrinks pass by pass. */
  rate: number;
  /** Pull of every weight towards zero (L2, per example seen): gives one best model, whatever the order. */
  l2: number;
}

/** A class whose gradient is smaller than this is not updated for that example (most of them, after a pass). */
const MIN_GRADIENT = 1e-3;
/** The bias (how common a class is) learns slower than the features, so it does not outweigh them. */
const BIAS_RATE = 0.1;
/** The training order's seed: the same examples always give the same model. */
const SEED = 0x5eed;

export const DEFAULT_LINEAR_OPTIONS: LinearOptions = { epochs: 4, rate: 4, l2: 0.00001 };

/** One training example: its vector (by the feature space), its class and how much it counts. */
export interface LinearExample {
  vector: SparseVector;
  label: number;
  weight: number;
}

/**
 * A multinomial logistic regression over the same sparse features as the nearest-example search. Where the
 * nearest examples say how *close* a message is to an intent, this learns which features *tell intents apart*
 * ("avboka" against "boka" when both speak of "utvecklingssamtal"). Trained by stochastic gradient descent in a
 * fixed order, so the same examples always give the same model.
 */
export class LinearModel {
  /** Feature id → its row in `weights`, or -1: an array, for the hundred lookups of every message. */
  private readonly rowOf: Int32Array;

  private constructor(
    /** Row → its feature id (-1 for a row whose feature is unknown). */
    private readonly features: Int32Array,
    /** One row of `classes` weights per feature; single precision once trained (half the memory, same answers). */
    private readonly weights: Float32Array,
    private readonly bias: Float64Array,
    readonly classes: number,
  ) {
    let last = -1;
    for (let row = 0; row < features.length; row++) if (features[row]! > last) last = features[row]!;
    this.rowOf = new Int32Array(last + 1).fill(-1);
    for (let row = 0; row < features.length; row++) {
      const id = features[row]!;
      if (id >= 0) this.rowOf[id] = row;
    }
  }

  static train(examples: readonly LinearExample[], classes: number, options: Partial<LinearOptions> = {}): LinearModel {
    const { epochs, rate, l2 } = { ...DEFAULT_LINEAR_OPTIONS, ...options };
    const rows = new Map<number, number>();
    for (const { vector } of examples) for (const id of vector.ids) if (!rows.has(id)) rows.set(id, rows.size);
    // The weights are `scale` times `stored`, so shrinking all of them (L2) is one multiplication per step.
    const stored = new Float32Array(rows.size * classes);
    let scale = 1;
    const bias = new Float64Array(classes);
    // Each distinct input as row offsets and unit-length values, computed once. Examples with the same features
    // and different classes are one input whose target is shared among the classes, so no order favours either.
    type Input = { offsets: Int32Array; values: Float64Array; targets: Map<number, number> };
    // Inputs by a hash of their features (a list per hash: equal hashes of different inputs stay apart).
    const byFeatures = new Map<number, Input[]>();
    for (const { vector, label, weight } of examples) {
      const offsets = Int32Array.from(vector.ids, (id) => rows.get(id)! * classes);
      const values = Float64Array.from(vector.weights, (w) => w / vector.norm);
      const hash = hashInput(offsets, values);
      const same = byFeatures.get(hash) ?? [];
      let input = same.find((other) => equalArrays(other.offsets, offsets) && equalArrays(other.values, values));
      if (!input) {
        input = { offsets, values, targets: new Map() };
        same.push(input);
        byFeatures.set(hash, same);
      }
      input.targets.set(label, (input.targets.get(label) ?? 0) + weight);
    }
    // Targets stay sparse (an input names one class or a few); `target` is filled for one step at a time.
    const inputs = [...byFeatures.values()].flat().map(({ offsets, values, targets }) => {
      const weight = [...targets.values()].reduce((a, b) => a + b, 0);
      const labels = Int32Array.from(targets.keys());
      const shares = Float64Array.from(targets.values(), (share) => share / weight);
      return { offsets, values, labels, shares, weight };
    });
    byFeatures.clear();
    const target = new Float64Array(classes);
    const order = inputs.map((_, i) => i);
    const random = seeded(SEED);
    const scores = new Float64Array(classes);
    const activeClasses = new Int32Array(classes);
    const activeGradients = new Float64Array(classes);
    for (let epoch = 0; epoch < epochs; epoch++) {
      shuffle(order, random);
      const step = rate / (1 + epoch);
      for (const index of order) {
        const { offsets, values, labels, shares, weight } = inputs[index]!;
        for (let i = 0; i < labels.length; i++) target[labels[i]!] = shares[i]!;
        linearScores(stored, scale, bias, offsets, values, classes, scores);
        softmaxInPlace(scores);
        scale *= 1 - step * l2;
        if (scale < 1e-3) {
          for (let i = 0; i < stored.length; i++) stored[i] = stored[i]! * scale;
          scale = 1;
        }
        // Only the classes the example says something about are updated: few of them, once training is under way.
        let active = 0;
        for (let c = 0; c < classes; c++) {
          const gradient = (scores[c]! - target[c]!) * weight;
          if (gradient > -MIN_GRADIENT && gradient < MIN_GRADIENT) continue;
          bias[c] = bias[c]! - step * gradient * BIAS_RATE;
          activeClasses[active] = c;
          activeGradients[active++] = gradient;
        }
        for (let k = 0; k < offsets.length; k++) {
          const offset = offsets[k]!;
          const x = (step * values[k]!) / scale;
          for (let a = 0; a < active; a++) {
            const at = offset + activeClasses[a]!;
            stored[at] = stored[at]! - x * activeGradients[a]!;
          }
        }
        for (let i = 0; i < labels.length; i++) target[labels[i]!] = 0;
      }
    }
    for (let i = 0; i < stored.length; i++) stored[i] = stored[i]! * scale;
    const features = new Int32Array(rows.size);
    for (const [id, row] of rows) features[row] = id;
    return new LinearModel(features, stored, bias, classes);
  }

  /** The model as plain arrays (for keeping it on disk): the feature id of each row, the weights, the biases. */
  export(): { features: Int32Array; weights: Float32Array; bias: Float64Array; classes: number } {
    return { features: this.features, weights: this.weights, bias: this.bias, classes: this.classes };
  }

  /**
   * A model from `export`'s arrays (kept as they are, not copied); a row whose feature is unknown now (undefined or
   * negative id) is never read. Undefined when the arrays do not fit `classes` (a damaged or foreign file).
   */
  static import(data: {
    features: ArrayLike<number | undefined>;
    weights: Float32Array;
    bias: Float64Array;
    classes: number;
  }): LinearModel | undefined {
    const { features, weights, bias, classes } = data;
    if (bias.length !== classes || weights.length !== features.length * classes) return undefined;
    const ids = features instanceof Int32Array ? features : Int32Array.from(features, (id) => id ?? -1);
    return new LinearModel(ids, weights, bias, classes);
  }

  /** The class probabilities of a vector. */
  probabilities(vector: SparseVector): Float64Array {
    const { rowOf, weights, classes } = this;
    const out = new Float64Array(classes);
    out.set(this.bias);
    for (let k = 0; k < vector.ids.length; k++) {
      const row = rowOf[vector.ids[k]!] ?? -1;
      if (row < 0) continue;
      const offset = row * classes;
      const x = vector.weights[k]! / vector.norm;
      for (let c = 0; c < classes; c++) out[c] = out[c]! + weights[offset + c]! * x;
    }
    softmaxInPlace(out);
    return out;
  }
}

function linearScores(
  weights: Float32Array,
  scale: number,
  bias: Float64Array,
  offsets: Int32Array,
  values: Float64Array,
  classes: number,
  out: Float64Array,
): void {
  out.set(bias);
  for (let k = 0; k < offsets.length; k++) {
    const offset = offsets[k]!;
    const x = values[k]! * scale;
    for (let c = 0; c < classes; c++) out[c] = out[c]! + weights[offset + c]! * x;
  }
}

function softmaxInPlace(values: Float64Array): void {
  let max = -Infinity;
  for (const v of values) max = Math.max(max, v);
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    values[i] = Math.exp(values[i]! - max);
    sum += values[i]!;
  }
  for (let i = 0; i < values.length; i++) values[i] = values[i]! / sum;
}

/** A 32-bit FNV-1a hash of an input's row offsets and values (their bits). */
function hashInput(offsets: Int32Array, values: Float64Array): number {
  let hash = 0x811c9dc5;
  const mix = (word: number) => {
    hash = Math.imul(hash ^ word, 0x01000193);
  };
  for (const offset of offsets) mix(offset);
  const bits = new Int32Array(values.buffer, values.byteOffset, values.length * 2);
  for (const word of bits) mix(word);
  return hash >>> 0;
}

function equalArrays(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function shuffle(values: number[], random: () => number): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [values[i], values[j]] = [values[j]!, values[i]!];
  }
}
