/**
 * Grading of a recall readout, apart from React: is a prediction the expected value, how many queries each
 * architecture got right, and how a probability reads (never a bare colour: ✓/✗ plus words).
 */

/** One query of the sequence: the key asked about, where, and the value the sequence binds to it. */
export interface RecallQuery {
  /** Position t of the query token in the sequence. */
  position: number;
  /** The queried key's label, e.g. "bee". */
  key: string;
  /** The expected answer's label (the value most recently bound to the key). */
  expected: string;
}

/** A model's answer at one query: the predicted label and its probability. */
export interface RecallPrediction {
  /** Predicted token label (argmax). */
  label: string;
  /** Softmax probability of that label in [0, 1]; NaN when unknown. */
  probability: number;
}

/** ✓, ✗, or no answer. */
export type Grade = 'correct' | 'wrong' | 'missing';

export function grade(query: RecallQuery, prediction: RecallPrediction | null | undefined): Grade {
  if (!prediction) return 'missing';
  return prediction.label === query.expected ? 'correct' : 'wrong';
}

/** Correct answers out of the queries that have a prediction. */
export function score(
  queries: readonly RecallQuery[],
  predictions: readonly (RecallPrediction | null | undefined)[],
): { correct: number; answered: number } {
  let correct = 0;
  let answered = 0;
  queries.forEach((q, i) => {
    const g = grade(q, predictions[i]);
    if (g !== 'missing') answered++;
    if (g === 'correct') correct++;
  });
  return { correct, answered };
}

/** "92%", "<1%", ">99%", or "–" for NaN/∞/out-of-range values. */
export function formatProbability(p: number): string {
  if (!Number.isFinite(p) || p < 0 || p > 1) return '–';
  if (p > 0 && p < 0.01) return '<1%';
  if (p < 1 && p > 0.99) return '>99%';
  return `${Math.round(100 * p)}%`;
}
