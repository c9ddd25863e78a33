/**
 * The expected answer at every query position of a labelled sequence, under a preset's rule (see presets.ts).
 * Works in the preset's vocabulary; a word outside it is reported, not guessed.
 */
import { expectedAnswers, IGNORE_INDEX } from '../../simulations/tasks';
import { createVocabulary } from '../../simulations/vocabulary/vocabulary';
import type { GroundTruthRule } from './presets';

export interface Query {
  /** Position whose next-token prediction is scored. */
  position: number;
  /** Expected label. */
  expected: string;
}

export type GroundTruth = { ok: true; ids: Int32Array; queries: Query[] } | { ok: false; problems: string[] };

export function groundTruth(
  labels: readonly string[],
  vocabSize: number,
  rule: GroundTruthRule,
): GroundTruth {
  const vocab = createVocabulary({ vocabSize });
  const problems: string[] = [];
  const ids = Int32Array.from(labels, (label, i) => {
    try {
      return vocab.idOf(label);
    } catch (error) {
      problems.push(`Token ${i + 1}: ${(error as Error).message}`);
      return 0;
    }
  });
  if (problems.length > 0) return { ok: false, problems };
  const targets = targetIds(ids, vocabSize, rule, vocab);
  const queries: Query[] = [];
  targets.forEach((target, position) => {
    if (target !== IGNORE_INDEX) queries.push({ position, expected: vocab.label(target) });
  });
  return { ok: true, ids, queries };
}

function targetIds(
  ids: Int32Array,
  V: number,
  rule: GroundTruthRule,
  vocab: ReturnType<typeof createVocabulary>,
): Int32Array {
  if (rule === 'bindings') return expectedAnswers(ids, vocab);
  const labels = new Int32Array(ids.length).fill(IGNORE_INDEX);
  const T = ids.length;
  if (rule === 'induction') {
    // The token after the most recent earlier copy of the last token (the generator's trigger never repeats
    // by chance: random tokens are drawn from 0 … V−2).
    for (let j = T - 2; j >= 0; j--) {
      if (ids[j] === ids[T - 1] && j + 1 < T - 1) {
        labels[T - 1] = ids[j + 1];
        break;
      }
    }
    return labels;
  }
  // Selective copying: marker = V − 1, noise = 0.
  const marker = V - 1;
  const firstMarker = ids.indexOf(marker);
  if (firstMarker < 0) return labels;
  const data = Array.from(ids.subarray(0, firstMarker)).filter((t) => t !== 0 && t !== marker);
  let j = 0;
  for (let t = firstMarker; t < T; t++) if (ids[t] === marker && j < data.length) labels[t] = data[j++];
  return labels;
}
