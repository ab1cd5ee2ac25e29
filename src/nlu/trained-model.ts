import { createHash } from 'node:crypto';
import { type CalibrationReport, Calibrator } from './calibration.js';
import type { ExampleIndexData } from './example-index.js';
import { LinearModel } from './linear.js';
import type { Locale } from './types.js';
import type { FeatureSpaceData } from './vectors.js';

/** What training produces: the linear model and the calibration (kept in memory for matchers built alike). */
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
 * (features, evidence, training), or the layout of a snapshot: models kept under an older version are not reused.
 */
export const MODEL_FORMAT = 3;

/**
 * A built matcher as a start-up snapshot keeps it: the trained model and everything the matcher worked out from its
 * examples (the feature space, the nearest-example index, the language guesser's words), so a start with a kept
 * model reads and analyses no example at all.
 */
export interface MatcherSnapshot {
  intents: string[];
  space: FeatureSpaceData;
  language: Record<Locale, string[]>;
  examples: ExampleIndexData;
  trained: TrainedModel;
}

type NumberArray = Int32Array | Uint8Array | Float32Array | Float64Array;
const ARRAY_TYPES = { i32: Int32Array, u8: Uint8Array, f32: Float32Array, f64: Float64Array } as const;
type ArrayType = keyof typeof ARRAY_TYPES;

/** The JSON part of a snapshot; the numbers are in binary sections after it, listed in `arrays`. */
interface Header {
  key: string;
  intents: string[];
  language: Record<Locale, string[]>;
  space: Omit<FeatureSpaceData, 'termIds' | 'contextIds' | 'kinds' | 'idf' | 'vocabulary'> & {
    vocabulary: Record<Locale, string[]>;
  };
  calibration?: { weights: number[]; minConfidence: number; folds: CalibrationReport };
  linear?: { classes: number };
  /** Each binary section: its name, element type and length, in the order they follow the header. */
  arrays: [name: string, type: ArrayType, length: number][];
}

/** Bytes before the header: the format (u32), the header's length (u32) and a sha256 of everything after them. */
const PREAMBLE = 40;
const DIGEST_AT = 8;

const aligned = (offset: number) => Math.ceil(offset / 8) * 8;

/**
 * A matcher's snapshot as bytes: a preamble, a JSON header (names, texts, the calibration) and the numbers as raw
 * arrays, each on an 8-byte boundary so it is read back without copying. `key` is written in, so a file left in
 * place of another model's is never taken for this one.
 */
export function encodeSnapshot(key: string, snapshot: MatcherSnapshot): Uint8Array {
  const { space, examples, trained } = snapshot;
  const arrays: Record<string, NumberArray> = {
    termIds: space.termIds,
    contextIds: space.contextIds,
    kinds: space.kinds,
    idf: space.idf,
    svCounts: space.vocabulary.sv.counts,
    enCounts: space.vocabulary.en.counts,
    // The texts apart from the header, as bytes: decoded only when the nearest examples are shown.
    texts: Buffer.from(JSON.stringify(examples.texts()), 'utf8'),
    classes: examples.classes,
    weights: examples.weights,
    postingStart: examples.postings.start,
    postingItems: examples.postings.items,
    postingWeights: examples.postings.weights,
    centroidStart: examples.centroids.start,
    centroidItems: examples.centroids.items,
    centroidWeights: examples.centroids.weights,
  };
  const linear = trained.linear?.export();
  if (linear) {
    arrays.linearFeatures = linear.features;
    arrays.linearWeights = linear.weights;
    arrays.linearBias = linear.bias;
  }
  const { termIds: _t, contextIds: _c, kinds: _k, idf: _i, vocabulary, ...spaceRest } = space;
  const header: Header = {
    key,
    intents: snapshot.intents,
    language: snapshot.language,
    space: { ...spaceRest, vocabulary: { sv: vocabulary.sv.words, en: vocabulary.en.words } },
    arrays: Object.entries(arrays).map(([name, array]) => [name, typeOf(array), array.length]),
  };
  if (trained.calibration) {
    header.calibration = {
      weights: [...trained.calibration.calibrator.weights],
      minConfidence: trained.calibration.minConfidence,
      folds: trained.calibration.folds,
    };
  }
  if (linear) header.linear = { classes: linear.classes };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  let size = aligned(PREAMBLE + json.length);
  const offsets = Object.values(arrays).map((array) => {
    const at = size;
    size = aligned(size + array.byteLength);
    return at;
  });
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, MODEL_FORMAT, true);
  view.setUint32(4, json.length, true);
  out.set(json, PREAMBLE);
  Object.values(arrays).forEach((array, i) => {
    out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), offsets[i]);
  });
  out.set(createHash('sha256').update(out.subarray(PREAMBLE)).digest(), DIGEST_AT);
  return out;
}

/**
 * The snapshot in `encodeSnapshot`'s bytes, its arrays viewing the bytes (not copied); undefined when the bytes are
 * of another format or another key, damaged (the digest), or do not fit together (a calibration that is not
 * numbers), so the matcher is trained again rather than run on weights that are not what training wrote.
 * The parts' own shapes are checked where they are used (`FeatureSpace.fromData`, `ExampleIndex.fromData`).
 */
export function decodeSnapshot(bytes: Uint8Array, key: string): MatcherSnapshot | undefined {
  try {
    if (bytes.byteLength < PREAMBLE) return undefined;
    // Arrays view the bytes: they must start on an 8-byte boundary of their buffer (a pooled Buffer may not).
    const data = bytes.byteOffset % 8 === 0 ? bytes : new Uint8Array(bytes);
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const length = view.getUint32(4, true);
    if (view.getUint32(0, true) !== MODEL_FORMAT || PREAMBLE + length > data.byteLength) return undefined;
    const digest = createHash('sha256').update(data.subarray(PREAMBLE)).digest();
    if (!digest.equals(data.subarray(DIGEST_AT, PREAMBLE))) return undefined;
    const header = JSON.parse(Buffer.from(data.subarray(PREAMBLE, PREAMBLE + length)).toString('utf8')) as Header;
    if (header.key !== key || !fits(header)) return undefined;
    const arrays = new Map<string, NumberArray>();
    // A Buffer read from a file, never shared memory.
    const buffer = data.buffer as ArrayBuffer;
    let offset = aligned(PREAMBLE + length);
    for (const [name, type, count] of header.arrays) {
      const Type = ARRAY_TYPES[type];
      if (offset + count * Type.BYTES_PER_ELEMENT > data.byteLength) return undefined;
      arrays.set(name, new Type(buffer, data.byteOffset + offset, count));
      offset = aligned(offset + count * Type.BYTES_PER_ELEMENT);
    }
    const array = <T extends NumberArray>(name: string, Type: new (length: number) => T): T => {
      const found = arrays.get(name);
      if (!(found instanceof Type)) throw new RangeError(`no ${name} in the snapshot`);
      return found;
    };
    const linear = header.linear
      ? LinearModel.import({
          features: array('linearFeatures', Int32Array),
          weights: array('linearWeights', Float32Array),
          bias: array('linearBias', Float64Array),
          classes: header.linear.classes,
        })
      : undefined;
    if (header.linear && (!linear || header.linear.classes !== header.intents.length)) return undefined;
    const { vocabulary, ...space } = header.space;
    return {
      intents: header.intents,
      language: header.language,
      space: {
        ...space,
        termIds: array('termIds', Int32Array),
        contextIds: array('contextIds', Int32Array),
        kinds: array('kinds', Uint8Array),
        idf: array('idf', Float64Array),
        vocabulary: {
          sv: { words: vocabulary.sv, counts: array('svCounts', Int32Array) },
          en: { words: vocabulary.en, counts: array('enCounts', Int32Array) },
        },
      },
      examples: {
        texts: lazyTexts(array('texts', Uint8Array)),
        classes: array('classes', Int32Array),
        weights: array('weights', Float64Array),
        postings: {
          start: array('postingStart', Int32Array),
          items: array('postingItems', Int32Array),
          weights: array('postingWeights', Float64Array),
        },
        centroids: {
          start: array('centroidStart', Int32Array),
          items: array('centroidItems', Int32Array),
          weights: array('centroidWeights', Float64Array),
        },
      },
      trained: {
        linear,
        calibration: header.calibration && {
          calibrator: new Calibrator(header.calibration.weights),
          minConfidence: header.calibration.minConfidence,
          folds: header.calibration.folds,
        },
      },
    };
  } catch {
    return undefined;
  }
}

/** The examples' texts from their bytes (JSON), decoded at the first call and kept. */
function lazyTexts(bytes: Uint8Array): () => readonly string[] {
  let texts: readonly string[] | undefined;
  return () =>
    (texts ??= JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')) as string[]);
}

function typeOf(array: NumberArray): ArrayType {
  if (array instanceof Int32Array) return 'i32';
  if (array instanceof Uint8Array) return 'u8';
  return array instanceof Float32Array ? 'f32' : 'f64';
}

/** Whether a header's calibration is numbers and its arrays are of known types. */
function fits(header: Header): boolean {
  if (!Array.isArray(header.intents) || !Array.isArray(header.arrays)) return false;
  if (!header.arrays.every(([, type, count]) => Object.hasOwn(ARRAY_TYPES, type) && Number.isInteger(count))) {
    return false;
  }
  const { calibration } = header;
  if (calibration) {
    const { weights, minConfidence } = calibration;
    if (!Array.isArray(weights) || weights.length === 0 || !weights.every(Number.isFinite)) return false;
    if (!(minConfidence >= 0 && minConfidence <= 1)) return false;
  }
  return Number.isFinite(header.space.unknownIdf);
}
