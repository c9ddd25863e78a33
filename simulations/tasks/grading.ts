/**
 * What "correct" means, once, for every readout (the playground's, the chapters' live figures, the library's
 * RecallReadout): a query is answered correctly when the model's top prediction is the expected label.
 */

/** ✓, ✗, or no answer. */
export type Grade = 'correct' | 'wrong' | 'missing';

/** The grade of a predicted label (null or undefined: no answer yet) against the expected one. */
export function gradeAnswer(expected: string, predicted: string | null | undefined): Grade {
  if (predicted === null || predicted === undefined) return 'missing';
  return predicted === expected ? 'correct' : 'wrong';
}
