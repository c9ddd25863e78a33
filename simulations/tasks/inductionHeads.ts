/**
 * Induction heads (Mamba §4.1 / App. E.1; generator semantics of HazyResearch/safari
 * `generate_induction_head`): a random sequence over 0 … V−2, a special trigger token (V−1) placed at a random
 * position p, the trigger repeated as the last token; the target at the end is the token that followed the
 * first trigger. With `extraTriggerProbability` more copies of "trigger, same token" are planted (safari adds
 * several triggers with probability 0.5) — the answer is unchanged.
 */
import { createRng } from '../random/rng';
import { IGNORE_INDEX, type TaskExample } from './example';

export interface InductionHeadsOptions {
  seqLen: number;
  vocabSize: number;
  numExamples: number;
  seed: number;
  /** Probability of planting one extra "trigger, answer" copy. @default 0 */
  extraTriggerProbability?: number;
}

export function generateInductionHeads({
  seqLen: L,
  vocabSize: V,
  numExamples,
  seed,
  extraTriggerProbability = 0,
}: InductionHeadsOptions): TaskExample[] {
  if (L < 4) throw new RangeError(`Induction heads needs seqLen ≥ 4, got ${L}`);
  if (V < 3) throw new RangeError(`Induction heads needs vocabSize ≥ 3, got ${V}`);
  const rng = createRng(seed);
  const trigger = V - 1;
  return Array.from({ length: numExamples }, () => {
    const inputs = Int32Array.from({ length: L }, () => rng.nextInt(V - 1));
    const p = rng.nextInt(L - 3); // trigger at p, answer at p + 1, both before the final trigger
    inputs[p] = trigger;
    const answer = inputs[p + 1];
    if (rng.nextFloat() < extraTriggerProbability) {
      const q = p + 2 + rng.nextInt(Math.max(1, L - p - 4));
      if (q + 1 < L - 1) {
        inputs[q] = trigger;
        inputs[q + 1] = answer;
      }
    }
    inputs[L - 1] = trigger;
    const labels = new Int32Array(L).fill(IGNORE_INDEX);
    labels[L - 1] = answer;
    return { inputs, labels };
  });
}
