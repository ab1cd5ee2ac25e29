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
 * The nearest-example search: an inverted index of the examples' unit vectors (feature → examples and weights)
 * and of each class's centroid (all its examples summed), scored by cosine similarity. Classes are numbers; the
 * matcher keeps their names.
 */
export class ExampleIndex {
  /** Each example's class, weight and text, by its number (typed: scanned for every message). */
  private readonly docClass: Int32Array;
  private readonly docWeight: Float64Array;
  private readonly docText: readonly string[];
  /**
   * By feature id: parallel arrays of example and weight (typed once indexing is done: faster to scan). An array,
   * not a map, as ids are small dense numbers and a message looks up a hundred of them several times.
   */
  private readonly postings: ({ docs: Int32Array; weights: Float64Array } | undefined)[] = [];
  /** By feature id: the classes whose centroid has it, and its weight there. */
  private readonly centroidPostings: ({ classes: Int32Array; weights: Float64Array } | undefined)[] = [];
  /**
   * Scratch space for one query's dot products, one per example, reused so a message allocates nothing per
   * example. Every entry is back to zero between queries. Scanned whole rather than through a list of the
   * examples touched: for a long message (a few thousand of five thousand examples) that was half the time.
   */
  private readonly dotOf: Float64Array;

  /** Indexes the examples (class `OUT_OF_SCOPE` for out-of-scope ones) and the centroids of their classes. */
  constructor(examples: readonly { text: string; class: number; weight: number; vector: SparseVector }[]) {
    this.docClass = Int32Array.from(examples, (example) => example.class);
    this.docWeight = Float64Array.from(examples, (example) => example.weight);
    this.docText = examples.map((example) => example.text);
    this.dotOf = new Float64Array(examples.length);
    const building = new Map<number, { docs: number[]; weights: number[] }>();
    examples.forEach((example, doc) => this.add(doc, example.vector, building));
    for (const [id, { docs, weights }] of building) {
      this.postings[id] = { docs: Int32Array.from(docs), weights: Float64Array.from(weights) };
    }
    this.buildCentroids(examples);
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
    for (let k = 0; k < query.ids.length; k++) {
      const posting = this.centroidPostings[query.ids[k]!];
      if (!posting) continue;
      const weight = query.weights[k]! / query.norm;
      for (let j = 0; j < posting.classes.length; j++) centroid[posting.classes[j]!]! += weight * posting.weights[j]!;
    }
    return { best, second, centroid, outOfScope };
  }

  /** The examples sharing a feature with the query: text, class and similarity, most similar first. */
  nearest(query: SparseVector, count: number): { text: string; class: number; similarity: number }[] {
    this.dots(query);
    const nearest: { text: string; class: number; similarity: number }[] = [];
    for (let doc = 0; doc < this.dotOf.length; doc++) {
      if (this.dotOf[doc] === 0) continue;
      nearest.push({
        text: this.docText[doc]!,
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
    for (let k = 0; k < query.ids.length; k++) {
      const posting = this.postings[query.ids[k]!];
      if (!posting) continue;
      const weight = query.weights[k]!;
      const { docs, weights } = posting;
      for (let j = 0; j < docs.length; j++) {
        const doc = docs[j]!;
        dotOf[doc] = dotOf[doc]! + weight * weights[j]!;
      }
    }
  }

  private add(doc: number, vector: SparseVector, postings: Map<number, { docs: number[]; weights: number[] }>): void {
    vector.ids.forEach((id, k) => {
      let posting = postings.get(id);
      if (!posting) {
        posting = { docs: [], weights: [] };
        postings.set(id, posting);
      }
      posting.docs.push(doc);
      posting.weights.push(vector.weights[k]! / vector.norm);
    });
  }

  /** Sums each class's example vectors into one, so a query is also compared with a class's whole vocabulary. */
  private buildCentroids(examples: readonly { class: number; vector: SparseVector; weight: number }[]): void {
    const sums = new Map<number, Map<number, number>>();
    for (const { class: c, vector, weight } of examples) {
      if (c === OUT_OF_SCOPE) continue;
      const sum = sums.get(c) ?? new Map<number, number>();
      vector.ids.forEach((id, k) => sum.set(id, (sum.get(id) ?? 0) + (weight * vector.weights[k]!) / vector.norm));
      sums.set(c, sum);
    }
    const building = new Map<number, { classes: number[]; weights: number[] }>();
    for (const [c, sum] of sums) {
      const norm = Math.sqrt([...sum.values()].reduce((a, w) => a + w * w, 0)) || 1;
      for (const [id, weight] of sum) {
        let posting = building.get(id);
        if (!posting) {
          posting = { classes: [], weights: [] };
          building.set(id, posting);
        }
        posting.classes.push(c);
        posting.weights.push(weight / norm);
      }
    }
    for (const [id, { classes, weights }] of building) {
      this.centroidPostings[id] = { classes: Int32Array.from(classes), weights: Float64Array.from(weights) };
    }
  }
}
