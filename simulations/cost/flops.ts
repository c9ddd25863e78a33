/**
 * The counting conventions of the cost model (costModels.ts), as small helpers the architecture cards use to
 * write their FLOPs and state bytes once: multiply-add = 2 FLOPs, float32 state.
 */

/** Bytes of a float32 state value. */
export const BYTES = 4;
/** FLOPs of x[N, a]·W[a, b]. */
export const matmul = (N: number, a: number, b: number) => 2 * N * a * b;
/** Causal attention scores + weighted values over `pairs` (query, key) pairs at head dim d. */
export const attentionCore = (pairs: number, d: number) => 4 * d * pairs;
/** Real FFT convolution of length-N sequences, padded to 2N, per channel: 3 FFTs of 2N points. */
export const fftConv = (N: number) => 3 * 5 * 2 * N * Math.log2(2 * N);
/** Taylor feature size D = 1 + f + f(f+1)/2 (Based counts the symmetric half of x⊗x). */
export const taylorFeatureSize = (f: number) => 1 + f + (f * (f + 1)) / 2;

/** (query, key) pairs of causal attention over N tokens under a window of W (W + 1 keys per query once full). */
export const windowPairs = (N: number, W: number) => {
  // Σ_i min(i + 1, W + 1): W + 1 keys per query once the window is full.
  const full = Math.max(0, N - W);
  return full * (W + 1) + (Math.min(N, W) * (Math.min(N, W) + 1)) / 2;
};
