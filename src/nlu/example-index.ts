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
  private readonly docClass: number[] = [];
  private readonly docWeight: number[] = [];
  private readonly docText: string[] = [];
  /** Feature id → parallel arrays of example and weight (typed once indexing is done: faster to scan). */
  private postings = new Map<number, { docs: ArrayLike<number>; weights: ArrayLike<number> }>();
  /** Feature id → the classes whose centroid has it, and its weight there. */
  private readonly centroidPostings = new Map<number, { classes: ArrayLike<number>; weights: ArrayLike<number> }>();
  /** Scratch space for one query's dot products, reused so a message allocates no per-example objects. */
  private dotOf = new Float64Array(0);
  private touched = new Int32Array(0);

  /** Indexes the examples (class `OUT_OF_SCOPE` for out-of-scope ones) and the centroids of their classes. */
  constructor(examples: readonly { text: string; class: number; weight: number; vector: SparseVector }[]) {
    const building = new Map<number, { docs: number[]; weights: number[] }>();
    examples.forEach((example, doc) => this.add(doc, example, building));
    for (const [id, { docs, weights }] of building) {
      this.postings.set(id, { docs: Int32Array.from(docs), weights: Float64Array.from(weights) });
    }
    this.buildCentroids(examples);
  }

  /** Cosine similarity of the query with every example sharing a feature, folded per class (`classes` of them). */
  score(query: SparseVector, classes: number): Scores {
    const count = this.dots(query);
    const { dotOf, touched } = this;
    const best = new Float64Array(classes);
    const second = new Float64Array(classes);
    let outOfScope = 0;
    for (let t = 0; t < count; t++) {
      const doc = touched[t]!;
      const dot = dotOf[doc]!;
      dotOf[doc] = 0;
      const similarity = (dot / query.norm) * this.docWeight[doc]!;
      const c = this.docClass[doc]!;
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
      const posting = this.centroidPostings.get(query.ids[k]!);
      if (!posting) continue;
      const weight = query.weights[k]! / query.norm;
      for (let j = 0; j < posting.classes.length; j++) centroid[posting.classes[j]!]! += weight * posting.weights[j]!;
    }
    return { best, second, centroid, outOfScope };
  }

  /** The examples sharing a feature with the query: text, class and similarity, most similar first. */
  nearest(query: SparseVector, count: number): { text: string; class: number; similarity: number }[] {
    const touched = [...this.touched.subarray(0, this.dots(query))];
    const nearest = touched.map((doc) => ({
      text: this.docText[doc] ?? '',
      class: this.docClass[doc] ?? OUT_OF_SCOPE,
      similarity: (this.dotOf[doc]! / query.norm) * (this.docWeight[doc] ?? 1),
    }));
    for (const doc of touched) this.dotOf[doc] = 0;
    return nearest.sort((a, b) => b.similarity - a.similarity).slice(0, count);
  }

  /**
   * Dot products of the query with every example sharing a feature with it, left in `dotOf` for the examples
   * listed in `touched`; returns how many were touched. (Scoring is synchronous, so one scratch space suffices.)
   */
  private dots(query: SparseVector): number {
    if (this.dotOf.length !== this.docClass.length) {
      this.dotOf = new Float64Array(this.docClass.length);
      this.touched = new Int32Array(this.docClass.length);
    }
    const { dotOf, touched } = this;
    let count = 0;
    for (let k = 0; k < query.ids.length; k++) {
      const posting = this.postings.get(query.ids[k]!);
      if (!posting) continue;
      const weight = query.weights[k]!;
      const { docs, weights } = posting;
      for (let j = 0; j < docs.length; j++) {
        const doc = docs[j]!;
        if (dotOf[doc] === 0) touched[count++] = doc;
        dotOf[doc] = dotOf[doc]! + weight * weights[j]!;
      }
    }
    return count;
  }

  private add(
    doc: number,
    example: { text: string; class: number; weight: number; vector: SparseVector },
    postings: Map<number, { docs: number[]; weights: number[] }>,
  ): void {
    const { vector } = example;
    this.docClass[doc] = example.class;
    this.docWeight[doc] = example.weight;
    this.docText[doc] = example.text;
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
      this.centroidPostings.set(id, { classes: Int32Array.from(classes), weights: Float64Array.from(weights) });
    }
  }
}
