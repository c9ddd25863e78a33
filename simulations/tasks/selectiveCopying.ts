/**
 * Selective copying (Mamba §4.1), following `state-spaces/s4` `torch_copying_data(L, M, A, variable=True)`:
 * M data tokens from 1 … A−2 are scattered at sorted random positions among L + M noise slots (token 0), then
 * M marker tokens (A−1) follow; at the j-th marker the model must output the j-th data token.
 * The s4 code scores the last M outputs against the data tokens; in our next-token label convention that is
 * labels[L + M + j] = data[j]. Total length L + 2M. (Whether Mamba used exactly this split of 4096 into L and
 * M is unverified — architectures.md §2.1.)
 */
import { createRng } from '../random/rng';
import { IGNORE_INDEX, type TaskExample } from './example';
import { sampleWithoutReplacement } from './sampling';

export interface SelectiveCopyingOptions {
  /** Noise slots L (the data tokens are spread over L + M positions). */
  noiseLength: number;
  /** Data tokens to copy, M. */
  numTokens: number;
  /** Alphabet size A (0 = noise, A−1 = marker, data from 1 … A−2). */
  vocabSize: number;
  numExamples: number;
  seed: number;
}

export function generateSelectiveCopying({
  noiseLength: L,
  numTokens: M,
  vocabSize: A,
  numExamples,
  seed,
}: SelectiveCopyingOptions): TaskExample[] {
  if (A < 3) throw new RangeError(`Selective copying needs vocabSize ≥ 3 (noise, marker, data), got ${A}`);
  if (!Number.isInteger(M) || M < 1 || !Number.isInteger(L) || L < 0)
    throw new RangeError(`Invalid lengths L=${L}, M=${M}`);
  const rng = createRng(seed);
  const positions = Array.from({ length: L + M }, (_, i) => i);
  return Array.from({ length: numExamples }, () => {
    const data = Array.from({ length: M }, () => 1 + rng.nextInt(A - 2));
    const where = sampleWithoutReplacement(positions, M, rng).sort((a, b) => a - b);
    const inputs = new Int32Array(L + 2 * M);
    const labels = new Int32Array(L + 2 * M).fill(IGNORE_INDEX);
    where.forEach((p, j) => {
      inputs[p] = data[j];
    });
    for (let j = 0; j < M; j++) {
      inputs[L + M + j] = A - 1;
      labels[L + M + j] = data[j];
    }
    return { inputs, labels };
  });
}
