/** How a message ranked: the intents by score, and what the matcher knew of it. */
export interface Ranking {
  ranked: { index: number; score: number; similarity: number; probability: number }[];
  /** The highest similarity of any intent. */
  closest: number;
  outOfScope: number;
  /** Share of the content words the vocabulary knew, and of those it only guessed by spelling. */
  known: number;
  corrected: number;
  words: number;
  /** The intent the linear model alone would pick, or -1. */
  linearBest: number;
}

/**
 * What the calibration reads of a ranking: how close the best intent's examples are, how far ahead of the next it
 * is, how sure the linear model is and whether it agrees, how close the out-of-scope examples are, and how much of
 * the message the vocabulary knew.
 */
export function evidence(ranking: Ranking): number[] {
  const [top, next] = ranking.ranked;
  if (!top) return [];
  return [
    top.similarity,
    ranking.closest - top.similarity,
    top.probability,
    top.probability - (next?.probability ?? 0),
    top.score - (next?.score ?? 0),
    ranking.outOfScope,
    top.similarity - ranking.outOfScope,
    ranking.known,
    ranking.corrected,
    Math.log1p(ranking.words),
    ranking.linearBest === top.index ? 1 : 0,
  ];
}
