/**
 * Retention matrices for the visualisations: R[i, j] = how much of token j's contribution survives at step i
 * (0 for j > i). Mixers build them only when a trace is requested, as they cost O(T²) or more.
 */

/** Mean over channels of |k_c(ℓ)| for lags ℓ < T; `kernelAt(c, ℓ)` reads channel c's filter. */
export function meanAbsKernelByLag(
  channels: number,
  T: number,
  kernelAt: (c: number, lag: number) => number,
): Float64Array {
  const byLag = new Float64Array(T);
  for (let c = 0; c < channels; c++)
    for (let l = 0; l < T; l++) byLag[l] += Math.abs(kernelAt(c, l)) / channels;
  return byLag;
}

/** A time-invariant filter forgets by lag only: R[i, j] = byLag[i − j] (a lower-triangular Toeplitz matrix). */
export function toeplitzRetention(byLag: Float64Array, T: number): Float32Array {
  const r = new Float32Array(T * T);
  for (let i = 0; i < T; i++) for (let j = 0; j <= i; j++) r[i * T + j] = byLag[i - j];
  return r;
}

/** Data-dependent decays a [T, D]: R[i, j] = mean_c ∏_{s=j+1}^{i} a_{s,c}. */
export function decayRetention(a: Float32Array, T: number, D: number): Float32Array {
  const r = new Float32Array(T * T);
  const logA = a.map(Math.log);
  const acc = new Float64Array(D);
  for (let j = 0; j < T; j++) {
    acc.fill(0);
    for (let t = j; t < T; t++) {
      let s = 0;
      for (let c = 0; c < D; c++) {
        if (t > j) acc[c] += logA[t * D + c];
        s += Math.exp(acc[c]);
      }
      r[t * T + j] = s / D;
    }
  }
  return r;
}
