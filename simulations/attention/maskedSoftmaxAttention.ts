/**
 * Softmax attention restricted to a mask (architectures.md §3.1 with the sparse patterns of §4):
 *   A_ij = exp(s_ij) / Σ_{j' allowed} exp(s_ij')  for allowed j, exactly 0 otherwise.
 * The same mask applies to every head. A query row with no allowed key (impossible for masks built by
 * `buildMask`, which keep at least one key per row) outputs zeros and zero weights instead of NaN.
 */
import type { AttentionInputs, AttentionResult } from './causalSoftmaxAttention';
import { validateAttentionInputs } from './causalSoftmaxAttention';
import type { Mask } from './masks/maskSpec';

export function maskedSoftmaxAttention(inputs: AttentionInputs, mask: Mask): AttentionResult {
  validateAttentionInputs(inputs);
  const { q, k, v, heads, seqLen: T, headDim: dh } = inputs;
  if (mask.seqLen !== T) throw new RangeError(`Mask is for length ${mask.seqLen}, inputs have length ${T}`);
  const scale = 1 / Math.sqrt(dh);
  const output = new Float32Array(heads * T * dh);
  const weights = new Float32Array(heads * T * T);
  const scores = new Float64Array(T);
  const acc = new Float64Array(dh);
  for (let h = 0; h < heads; h++) {
    const base = h * T * dh;
    for (let i = 0; i < T; i++) {
      let max = Number.NEGATIVE_INFINITY;
      for (let j = 0; j < T; j++) {
        if (!mask.allowed[i * T + j]) continue;
        let dot = 0;
        for (let c = 0; c < dh; c++) dot += q[base + i * dh + c] * k[base + j * dh + c];
        scores[j] = dot * scale;
        if (scores[j] > max) max = scores[j];
      }
      if (max === Number.NEGATIVE_INFINITY) continue;
      let denom = 0;
      for (let j = 0; j < T; j++) {
        if (!mask.allowed[i * T + j]) continue;
        scores[j] = Math.exp(scores[j] - max);
        denom += scores[j];
      }
      acc.fill(0);
      for (let j = 0; j < T; j++) {
        if (!mask.allowed[i * T + j]) continue;
        const p = scores[j] / denom;
        weights[(h * T + i) * T + j] = p;
        for (let c = 0; c < dh; c++) acc[c] += p * v[base + j * dh + c];
      }
      output.set(acc, base + i * dh);
    }
  }
  return { output, weights };
}
