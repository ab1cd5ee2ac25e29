import type { SparseVector } from './vectors.js';

/** The class of an out-of-scope example. */
export const OUT_OF_SCOPE = -1;

/** A query's similarities, per class: its best and second-best example, its centroid; and the best out of scope. */
export interface Scores {
  best: Float64Array;
  second: Float64Array;
  centroid: Float64Array;
  outOfScope: number;
}

/**
 * Postings as three flat arrays (compressed sparse rows): the entries of feature `id` are `items` and `weights`
 * from `start[id]` to `start[id + 1]`. One array each instead of two small ones per feature: tens of thousands of
 * typed arrays fewer in memory, and what a start-up snapshot keeps as it is.
 */
export interface Postings {
  start: Int32Array;
  items: Int32Array;
  weights: Float64Array;
}

/** Everything an index is made of, as a start-up snapshot keeps it (see `ExampleIndex.fromData`). */
export interface ExampleIndexData {
  /**
   * The examples' texts, asked for only to show the nearest examples (a snapshot's are decoded then: a server never
   * holds a second copy of the knowledge base's questions).
   */
  texts: () => readonly string[];
  classes: Int32Array;
  weights: Float64Array;
  postings: Postings;
  centroids: Postings;
}

/**
 * The nearest-example search: an inverted index of the examples' unit vectors (feature → examples and weights)
 * and of each class's centroid (all its examples summed), scored by cosine similarity. Classes are numbers; the
 * matcher keeps their names.
 */
export class ExampleIndex {
  /** Each example's class, weight and text, by its number (typed: scanned for every message). */
  private readonly docClass: Int32Array;
  private readonly docWeight: Float64Array;
  private readonly docText: () => readonly string[];
  /** By feature id: the examples that have it and its weight in each (their unit vectors). */
  private readonly postings: Postings;
  /** By feature id: the classes whose centroid has it, and its weight there. */
  private readonly centroids: Postings;
  /**
   * Scratch space for one query's dot products, one per example, reused so a message allocates nothing per
   * example. Every entry is back to zero between queries. Scanned whole rather than through a list of the
   * examples touched: for a long message (a few thousand of five thousand examples) that was half the time.
   */
  private readonly dotOf: Float64Array;

  private constructor(data: ExampleIndexData) {
    this.docClass = data.classes;
    this.docWeight = data.weights;
    this.docText = data.texts;
    this.postings = data.postings;
    this.centroids = data.centroids;
    this.dotOf = new Float64Array(data.classes.length);
  }

  /** Indexes the examples (class `OUT_OF_SCOPE` for out-of-scope ones) and the centroids of their classes. */
  static build(
    examples: readonly { text: string; class: number; weight: number; vector: SparseVector }[],
  ): ExampleIndex {
    return new ExampleIndex({
      texts: constant(examples.map((example) => example.text)),
      classes: Int32Array.from(examples, (example) => example.class),
      weights: Float64Array.from(examples, (example) => example.weight),
      postings: examplePostings(examples),
      centroids: centroidPostings(examples),
    });
  }

  /**
   * An index from the parts `data()` gave, unchanged (a start-up snapshot); undefined when they do not fit together
   * (lengths, examples of classes that do not exist), so a snapshot that is not one is built again instead.
   */
  static fromData(data: ExampleIndexData, classes: number): ExampleIndex | undefined {
    const examples = data.classes.length;
    if (data.weights.length !== examples) return undefined;
    if (!fitsPostings(data.postings) || !fitsPostings(data.centroids)) return undefined;
    for (const c of data.classes) if (c < OUT_OF_SCOPE || c >= classes) return undefined;
    return new ExampleIndex(data);
  }

  /** The parts of this index, for a start-up snapshot (shared, not copied: the index never changes them). */
  data(): ExampleIndexData {
    return {
      texts: this.docText,
      classes: this.docClass,
      weights: this.docWeight,
      postings: this.postings,
      centroids: this.centroids,
    };
  }

  /** Cosine similarity of the query with every example sharing a feature, folded per class (`classes` of them). */
  score(query: SparseVector, classes: number): Scores {
    this.dots(query);
    const { dotOf, docClass, docWeight } = this;
    const best = new Float64Array(classes);
    const second = new Float64Array(classes);
    let outOfScope = 0;
    for (let doc = 0; doc < dotOf.length; doc++) {
      const dot = dotOf[doc]!;
      if (dot === 0) continue;
      dotOf[doc] = 0;
      const similarity = (dot / query.norm) * docWeight[doc]!;
      const c = docClass[doc]!;
      if (c === OUT_OF_SCOPE) {
        outOfScope = Math.max(outOfScope, similarity);
      } else if (similarity > best[c]!) {
        second[c] = best[c]!;
        best[c] = similarity;
      } else if (similarity > second[c]!) {
        second[c] = similarity;
      }
    }
    const centroid = new Float64Array(classes);
    const { start, items, weights } = this.centroids;
    const features = start.length - 1;
    for (let k = 0; k < query.ids.length; k++) {
      const id = query.ids[k]!;
      if (id >= features) continue;
      const end = start[id + 1]!;
      const weight = query.weights[k]! / query.norm;
      for (let j = start[id]!; j < end; j++) centroid[items[j]!]! += weight * weights[j]!;
    }
    return { best, second, centroid, outOfScope };
  }

  /** The examples sharing a feature with the query: text, class and similarity, most similar first. */
  nearest(query: SparseVector, count: number): { text: string; class: number; similarity: number }[] {
    this.dots(query);
    const nearest: { text: string; class: number; similarity: number }[] = [];
    const texts = this.docText();
    for (let doc = 0; doc < this.dotOf.length; doc++) {
      if (this.dotOf[doc] === 0) continue;
      nearest.push({
        text: texts[doc] ?? '',
        class: this.docClass[doc]!,
        similarity: (this.dotOf[doc]! / query.norm) * this.docWeight[doc]!,
      });
      this.dotOf[doc] = 0;
    }
    return nearest.sort((a, b) => b.similarity - a.similarity).slice(0, count);
  }

  /**
   * Dot products of the query with every example sharing a feature with it, left in `dotOf` for the caller to
   * read and reset. (Scoring is synchronous, so one scratch space suffices.)
   */
  private dots(query: SparseVector): void {
    const { dotOf } = this;
    const { start, items, weights } = this.postings;
    const features = start.length - 1;
    for (let k = 0; k < query.ids.length; k++) {
      const id = query.ids[k]!;
      if (id >= features) continue;
      const weight = query.weights[k]!;
      const end = start[id + 1]!;
      for (let j = start[id]!; j < end; j++) {
        const doc = items[j]!;
        dotOf[doc] = dotOf[doc]! + weight * weights[j]!;
      }
    }
  }
}

/** A function that always gives the same value. */
function constant<T>(value: T): () => T {
  return () => value;
}

/**
 * Whether postings are well formed: `start` rising from 0 to the entries' count. (Each item's range is not checked
 * again: a snapshot's digest already says its bytes are the ones `build` wrote.)
 */
function fitsPostings({ start, items, weights }: Postings): boolean {
  if (start.length === 0 || start[0] !== 0 || start[start.length - 1] !== items.length) return false;
  if (weights.length !== items.length) return false;
  for (let i = 1; i < start.length; i++) if (start[i]! < start[i - 1]!) return false;
  return true;
}

/**
 * Postings from entries given feature by feature in the order they are to be scanned: `each` calls `add(id, item,
 * weight)` for every entry, twice (once to count, once to fill), in the same order.
 */
function postingsOf(each: (add: (id: number, item: number, weight: number) => void) => void): Postings {
  let features = 0;
  let entries = 0;
  each((id) => {
    features = Math.max(features, id + 1);
    entries++;
  });
  const start = new Int32Array(features + 1);
  each((id) => {
    start[id + 1] = start[id + 1]! + 1;
  });
  for (let id = 0; id < features; id++) start[id + 1] = start[id + 1]! + start[id]!;
  const next = start.slice(0, features);
  const items = new Int32Array(entries);
  const weights = new Float64Array(entries);
  each((id, item, weight) => {
    const at = next[id]!;
    next[id] = at + 1;
    items[at] = item;
    weights[at] = weight;
  });
  return { start, items, weights };
}

/** Each feature's examples, in the examples' order, with its weight in each example's unit vector. */
function examplePostings(examples: readonly { vector: SparseVector }[]): Postings {
  return postingsOf((add) =>
    examples.forEach(({ vector }, doc) => {
      for (let k = 0; k < vector.ids.length; k++) add(vector.ids[k]!, doc, vector.weights[k]! / vector.norm);
    }),
  );
}

/** Sums each class's example vectors into one, so a query is also compared with a class's whole vocabulary. */
function centroidPostings(examples: readonly { class: number; vector: SparseVector; weight: number }[]): Postings {
  const sums = new Map<number, Map<number, number>>();
  for (const { class: c, vector, weight } of examples) {
    if (c === OUT_OF_SCOPE) continue;
    const sum = sums.get(c) ?? new Map<number, number>();
    vector.ids.forEach((id, k) => sum.set(id, (sum.get(id) ?? 0) + (weight * vector.weights[k]!) / vector.norm));
    sums.set(c, sum);
  }
  const norms = new Map<number, number>();
  for (const [c, sum] of sums) norms.set(c, Math.sqrt([...sum.values()].reduce((a, w) => a + w * w, 0)) || 1);
  return postingsOf((add) => {
    for (const [c, sum] of sums) {
      const norm = norms.get(c)!;
      for (const [id, weight] of sum) add(id, c, weight / norm);
    }
  });
}
