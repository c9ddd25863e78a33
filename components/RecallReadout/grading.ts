/**
 * Grading of a recall readout, apart from React: is a prediction the expected value (the one definition,
 * simulations/tasks/grading.ts, which the app's readout uses too), and how many queries each architecture got
 * right. Probabilities read as words via shared/format.ts (never a bare colour: ✓/✗ plus words).
 */
import { type Grade, gradeAnswer } from '../../simulations/tasks/grading';

export type { Grade } from '../../simulations/tasks/grading';

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

export function grade(query: RecallQuery, prediction: RecallPrediction | null | undefined): Grade {
  return gradeAnswer(query.expected, prediction?.label);
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
