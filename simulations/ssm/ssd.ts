/**
 * Mamba-2's state-space duality (Dao & Gu 2024; mamba2_simple.py, ssd_minimal.py; architectures.md §3.7),
 * one head: scalar decay A < 0, step Δ_t > 0, x_t ∈ ℝ^P, B_t, C_t ∈ ℝ^N, state h_t ∈ ℝ^{P×N}:
 *   recurrent  h_t = e^{Δ_t A} h_{t−1} + Δ_t x_t B_tᵀ,   y_t = h_t C_t + D x_t
 *   quadratic  y_t = Σ_{s ≤ t} M_ts x_s + D x_t,  M_ts = (C_t·B_s)·e^{A(Λ_t − Λ_s)}·Δ_s,  Λ_t = Σ_{r ≤ t} Δ_r
 *              — M is the implicit attention matrix, on the same axes as softmax attention
 *   chunked    (ssd_minimal_discrete) per chunk of Q steps: intra-chunk M, chunk states, an inter-chunk
 *              recurrence over the states, and state → output.
 * All three agree (tested).
 */
export interface SsdHeadInputs {
  /** x [T, P] */
  x: Float32Array;
  /** Δ [T] */
  delta: Float32Array;
  /** scalar A < 0 */
  A: number;
  /** B [T, N] */
  B: Float32Array;
  /** C [T, N] */
  C: Float32Array;
  /** skip D (scalar per head) */
  D: number;
  seqLen: number;
  headDim: number;
  stateSize: number;
}

export function ssdRecurrent({
  x,
  delta,
  A,
  B,
  C,
  D,
  seqLen: T,
  headDim: P,
  stateSize: N,
}: SsdHeadInputs): Float32Array {
  const h = new Float64Array(P * N);
  const y = new Float32Array(T * P);
  for (let t = 0; t < T; t++) {
    const decay = Math.exp(delta[t] * A);
    for (let p = 0; p < P; p++) {
      let out = D * x[t * P + p];
      for (let n = 0; n < N; n++) {
        h[p * N + n] = decay * h[p * N + n] + delta[t] * x[t * P + p] * B[t * N + n];
        out += h[p * N + n] * C[t * N + n];
      }
      y[t * P + p] = out;
    }
  }
  return y;
}

/** The implicit attention matrix M [T, T] (lower triangular). */
export function ssdImplicitAttention({
  delta,
  A,
  B,
  C,
  seqLen: T,
  stateSize: N,
}: SsdHeadInputs): Float64Array {
  const cum = new Float64Array(T);
  for (let t = 0; t < T; t++) cum[t] = (t > 0 ? cum[t - 1] : 0) + delta[t];
  const M = new Float64Array(T * T);
  for (let t = 0; t < T; t++) {
    for (let s = 0; s <= t; s++) {
      let cb = 0;
      for (let n = 0; n < N; n++) cb += C[t * N + n] * B[s * N + n];
      M[t * T + s] = cb * Math.exp(A * (cum[t] - cum[s])) * delta[s];
    }
  }
  return M;
}

export function ssdQuadratic(inputs: SsdHeadInputs): Float32Array {
  const { x, D, seqLen: T, headDim: P } = inputs;
  const M = ssdImplicitAttention(inputs);
  const y = new Float32Array(T * P);
  for (let t = 0; t < T; t++) {
    for (let p = 0; p < P; p++) {
      let s = D * x[t * P + p];
      for (let u = 0; u <= t; u++) s += M[t * T + u] * x[u * P + p];
      y[t * P + p] = s;
    }
  }
  return y;
}

export function ssdChunked(inputs: SsdHeadInputs, chunkSize: number): Float32Array {
  const { x, delta, A, B, C, D, seqLen: T, headDim: P, stateSize: N } = inputs;
  if (!Number.isInteger(chunkSize) || chunkSize < 1)
    throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);
  const cum = new Float64Array(T + 1); // cum[t + 1] = Λ_t, cum[0] = 0
  for (let t = 0; t < T; t++) cum[t + 1] = cum[t] + delta[t];
  const y = new Float32Array(T * P);
  const H = new Float64Array(P * N); // state entering the chunk
  for (let start = 0; start < T; start += chunkSize) {
    const end = Math.min(T, start + chunkSize);
    for (let t = start; t < end; t++) {
      // State → output: the carried state decayed to t, read by C_t.
      const carry = Math.exp(A * (cum[t + 1] - cum[start]));
      for (let p = 0; p < P; p++) {
        let out = D * x[t * P + p];
        for (let n = 0; n < N; n++) out += carry * H[p * N + n] * C[t * N + n];
        // Intra-chunk: the quadratic form restricted to the chunk.
        for (let s = start; s <= t; s++) {
          let cb = 0;
          for (let n = 0; n < N; n++) cb += C[t * N + n] * B[s * N + n];
          out += cb * Math.exp(A * (cum[t + 1] - cum[s + 1])) * delta[s] * x[s * P + p];
        }
        y[t * P + p] = out;
      }
    }
    // Chunk state and the inter-chunk recurrence: H ← e^{A·ΣΔ_chunk} H + Σ_s e^{A(Λ_end − Λ_s)} Δ_s x_s B_sᵀ.
    const whole = Math.exp(A * (cum[end] - cum[start]));
    for (let i = 0; i < H.length; i++) H[i] *= whole;
    for (let s = start; s < end; s++) {
      const w = Math.exp(A * (cum[end] - cum[s + 1])) * delta[s];
      for (let p = 0; p < P; p++) for (let n = 0; n < N; n++) H[p * N + n] += w * x[s * P + p] * B[s * N + n];
    }
  }
  return y;
}
