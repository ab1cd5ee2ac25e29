import { type CalibrationReport, Calibrator } from './calibration.js';
import { LinearModel } from './linear.js';

/**
 * What training produces and start-up can reuse: the linear model and the calibration. The nearest-example index
 * is rebuilt from the examples at every start (it takes a fraction of the time); these two take seconds.
 */
export interface TrainedModel {
  linear: LinearModel | undefined;
  calibration: Calibration | undefined;
}

/** The confidence model, the least confidence the matcher answers with, and how well it did on the folds. */
export interface Calibration {
  calibrator: Calibrator;
  minConfidence: number;
  /** The reliability of the calibrated confidence on the held-out folds it was fitted on. */
  folds: CalibrationReport;
}

/**
 * Where trained models are kept between runs, under a digest of what they were trained from (examples and
 * options), so a restart with the same knowledge base answers within a second instead of training again.
 */
export interface ModelStore {
  read(key: string): Uint8Array | undefined;
  write(key: string, data: Uint8Array): void;
}

/**
 * Bump when what a model learns, or how a message is turned into the evidence its calibration was fitted on, changes
 * (features, evidence, training): models kept under an older version are not reused.
 */
export const MODEL_FORMAT = 2;

interface Header {
  format: number;
  calibration?: { weights: number[]; minConfidence: number; folds: CalibrationReport };
  linear?: { classes: number; features: string[]; weights: number; bias: number };
}

/**
 * The model as bytes: a JSON header (calibration, and the linear model's features by name) followed by the
 * weights and biases as raw single and double precision numbers.
 */
export function encodeModel(model: TrainedModel, featureNames: readonly string[]): Uint8Array {
  const linear = model.linear?.export();
  const header: Header = { format: MODEL_FORMAT };
  if (model.calibration) {
    header.calibration = {
      weights: [...model.calibration.calibrator.weights],
      minConfidence: model.calibration.minConfidence,
      folds: model.calibration.folds,
    };
  }
  if (linear) {
    header.linear = {
      classes: linear.classes,
      features: Array.from(linear.features, (id) => featureNames[id] ?? ''),
      weights: linear.weights.length,
      bias: linear.bias.length,
    };
  }
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  // The header is padded so the numbers after it start on an 8-byte boundary.
  const headerBytes = Math.ceil((4 + json.length) / 8) * 8;
  const weightBytes = linear ? Math.ceil((linear.weights.length * 4) / 8) * 8 : 0;
  const out = new Uint8Array(headerBytes + weightBytes + (linear ? linear.bias.length * 8 : 0));
  new DataView(out.buffer).setUint32(0, json.length, true);
  out.set(json, 4);
  if (linear) {
    out.set(new Uint8Array(linear.weights.buffer, linear.weights.byteOffset, linear.weights.byteLength), headerBytes);
    out.set(
      new Uint8Array(linear.bias.buffer, linear.bias.byteOffset, linear.bias.byteLength),
      headerBytes + weightBytes,
    );
  }
  return out;
}

/**
 * The model from `encodeModel`'s bytes, with its features mapped to today's ids; undefined when unreadable or when
 * its shape does not fit (a linear model for another number of intents, weights that are not finite numbers), so
 * a damaged file is trained again rather than turned into confidences that are not numbers.
 */
export function decodeModel(
  bytes: Uint8Array,
  featureId: (name: string) => number | undefined,
  intents: number,
): TrainedModel | undefined {
  try {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const length = view.getUint32(0, true);
    const header = JSON.parse(Buffer.from(bytes.subarray(4, 4 + length)).toString('utf8')) as Header;
    if (header.format !== MODEL_FORMAT || !fits(header, intents)) return undefined;
    const headerBytes = Math.ceil((4 + length) / 8) * 8;
    let linear: LinearModel | undefined;
    if (header.linear) {
      const weightBytes = Math.ceil((header.linear.weights * 4) / 8) * 8;
      // Copied out of the file's buffer, so the typed arrays are aligned and the buffer can go.
      const weights = new Float32Array(copy(bytes, headerBytes, header.linear.weights * 4));
      const bias = new Float64Array(copy(bytes, headerBytes + weightBytes, header.linear.bias * 8));
      if (!allFinite(weights) || !allFinite(bias)) return undefined;
      linear = LinearModel.import({
        features: header.linear.features.map(featureId),
        weights,
        bias,
        classes: header.linear.classes,
      });
    }
    const calibration = header.calibration
      ? {
          calibrator: new Calibrator(header.calibration.weights),
          minConfidence: header.calibration.minConfidence,
          folds: header.calibration.folds,
        }
      : undefined;
    return { linear, calibration };
  } catch {
    return undefined;
  }
}

/** Whether a header describes a model for this many intents, with as many weights as features times intents. */
function fits(header: Header, intents: number): boolean {
  const { linear, calibration } = header;
  if (linear) {
    if (linear.classes !== intents || linear.bias !== intents) return false;
    if (!Array.isArray(linear.features) || linear.weights !== linear.features.length * intents) return false;
  }
  if (calibration) {
    const { weights, minConfidence } = calibration;
    if (!Array.isArray(weights) || weights.length === 0 || !weights.every(Number.isFinite)) return false;
    if (!(minConfidence >= 0 && minConfidence <= 1)) return false;
  }
  return true;
}

function allFinite(values: Float32Array | Float64Array): boolean {
  for (const value of values) if (!Number.isFinite(value)) return false;
  return true;
}

function copy(bytes: Uint8Array, offset: number, length: number): ArrayBuffer {
  if (offset + length > bytes.byteLength) throw new RangeError('truncated model');
  // A copy in a buffer of its own (a Node Buffer's `slice` would share, and start anywhere in, a pooled one).
  return new Uint8Array(bytes.subarray(offset, offset + length)).buffer;
}
