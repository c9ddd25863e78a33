/**
 * The expected answer at every query position of a labelled sequence (readable labels: keys as words, values
 * as numbers, filler _), under one of three rules, in a given vocabulary; a word outside it is reported, not
 * guessed:
 *  - 'bindings': the binding rule (freeEditing.ts `readBindings`; reproduces MQAR, needle and key-overwrite
 *    labels exactly);
 *  - 'induction': the last token is a query; its answer follows that token's most recent earlier copy (one
 *    that is not the token just before it);
 *  - 'selective-copy': each marker (the vocabulary's last token) is a query; the j-th marker's answer is the
 *    j-th data token (neither noise 0 nor the marker) before the first marker.
 */
import { createVocabulary, type Vocabulary } from '../vocabulary/vocabulary';
import { IGNORE_INDEX } from './example';
import { type BindingRole, readBindings } from './freeEditing';

export type GroundTruthRule = 'bindings' | 'induction' | 'selective-copy';

export interface Query {
  /** Position whose next-token prediction is scored. */
  position: number;
  /** Expected label. */
  expected: string;
}

export type GroundTruth =
  | {
      ok: true;
      ids: Int32Array;
      queries: Query[];
      /** Each token's role: the binding rule's keys, values and queries; under the other rules only queries. */
      roles: (BindingRole | null)[];
    }
  | { ok: false; problems: string[] };

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
  const { labels: targets, roles } = targetIds(ids, vocabSize, rule, vocab);
  const queries: Query[] = [];
  targets.forEach((target, position) => {
    if (target !== IGNORE_INDEX) queries.push({ position, expected: vocab.label(target) });
  });
  return { ok: true, ids, queries, roles };
}

function targetIds(
  ids: Int32Array,
  V: number,
  rule: GroundTruthRule,
  vocab: Vocabulary,
): { labels: Int32Array; roles: (BindingRole | null)[] } {
  if (rule === 'bindings') return readBindings(ids, vocab);
  const labels = new Int32Array(ids.length).fill(IGNORE_INDEX);
  const queriesOnly = () => ({
    labels,
    roles: Array.from(labels, (l): BindingRole | null => (l === IGNORE_INDEX ? null : 'query')),
  });
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
    return queriesOnly();
  }
  // Selective copying: marker = V − 1, noise = 0.
  const marker = V - 1;
  const firstMarker = ids.indexOf(marker);
  if (firstMarker < 0) return queriesOnly();
  const data = Array.from(ids.subarray(0, firstMarker)).filter((t) => t !== 0 && t !== marker);
  let j = 0;
  for (let t = firstMarker; t < T; t++) if (ids[t] === marker && j < data.length) labels[t] = data[j++];
  return queriesOnly();
}
