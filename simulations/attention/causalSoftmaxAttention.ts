/**
 * Causal multi-head softmax attention — the CPU reference (architectures.md §3.1).
 *
 *   S_ij = q_i · k_j / √d_h        for j ≤ i   (keys after i are masked out)
 *   A_i  = softmax_j(S_i)
 *   y_i  = Σ_j A_ij v_j
 *
 * Zoology adds −1e4 to masked scores; we drop masked keys from the softmax entirely, so a masked weight is
 * exactly 0 rather than ≈ e^−1e4. The two agree to far below float32 precision.
 * Accumulation is in float64 (JS numbers); results are stored as float32.
 */

/** Head-major projected inputs of one sequence. */
export interface AttentionInputs {
  /** Queries, shape [heads, seqLen, headDim], row-major. */
  q: Float32Array;
  /** Keys, shape [heads, seqLen, headDim]. */
  k: Float32Array;
  /** Values, shape [heads, seqLen, headDim]. */
  v: Float32Array;
  heads: number;
  seqLen: number;
  headDim: number;
}

export interface AttentionResult {
  /** Outputs y, shape [heads, seqLen, headDim]. */
  output: Float32Array;
  /** Attention weights A, shape [heads, seqLen (query), seqLen (key)]; zero above the diagonal. */
  weights: Float32Array;
}

/** Throws a descriptive error unless every array has the length its shape promises. */
export function validateAttentionInputs({ q, k, v, heads, seqLen, headDim }: AttentionInputs): void {
  for (const [name, n] of [
    ['heads', heads],
    ['seqLen', seqLen],
    ['headDim', headDim],
  ] as const) {
    if (!Number.isInteger(n) || n < 1)
      throw new RangeError(`Attention ${name} must be a positive integer, got ${n}`);
  }
  const expected = heads * seqLen * headDim;
  for (const [name, arr] of [
    ['q', q],
    ['k', k],
    ['v', v],
  ] as const) {
    if (arr.length !== expected) {
      throw new RangeError(
        `Attention input ${name} has ${arr.length} values; shape [${heads}, ${seqLen}, ${headDim}] needs ${expected}`,
      );
    }
  }
}

export function causalSoftmaxAttention(inputs: AttentionInputs): AttentionResult {
  validateAttentionInputs(inputs);
  const { q, k, v, heads, seqLen: T, headDim: dh } = inputs;
  const scale = 1 / Math.sqrt(dh);
  const output = new Float32Array(heads * T * dh);
  const weights = new Float32Array(heads * T * T);
  const scores = new Float64Array(T);
  const acc = new Float64Array(dh);

  for (let h = 0; h < heads; h++) {
    const base = h * T * dh;
    for (let i = 0; i < T; i++) {
      // Scores against keys 0..i, and their maximum for a stable softmax.
      let max = Number.NEGATIVE_INFINITY;
      for (let j = 0; j <= i; j++) {
        let dot = 0;
        for (let c = 0; c < dh; c++) dot += q[base + i * dh + c] * k[base + j * dh + c];
        scores[j] = dot * scale;
        if (scores[j] > max) max = scores[j];
      }
      let denom = 0;
      for (let j = 0; j <= i; j++) {
        scores[j] = Math.exp(scores[j] - max);
        denom += scores[j];
      }
      acc.fill(0);
      const row = (h * T + i) * T;
      for (let j = 0; j <= i; j++) {
        const p = scores[j] / denom;
        weights[row + j] = p;
        for (let c = 0; c < dh; c++) acc[c] += p * v[base + j * dh + c];
      }
      output.set(acc, base + i * dh);
    }
  }
  return { output, weights };
}
