/**
 * S4D: a diagonal linear time-invariant SSM per channel (Gu et al. 2022; `state-spaces/s4` models/s4/s4d.py;
 * architectures.md §3.5). With M = N/2 complex modes A_n = −exp(logA_re,n) + i·A_im,n, step Δ = exp(log_dt),
 * ZOH discretisation and B ≡ 1 folded into C:
 *   Ā_n = e^{ΔA_n},   C̃_n = C_n·(e^{ΔA_n} − 1)/A_n
 *   recurrent:   h_t[n] = Ā_n h_{t−1}[n] + u_t,    y_t = 2·Re Σ_n C̃_n h_t[n] + D·u_t
 *   convolution: K_ℓ = 2·Re Σ_n C̃_n Ā_n^ℓ (a Vandermonde product),  y = K ∗ u + D·u  (FFT, length 2L)
 * The factor 2·Re accounts for the conjugate modes. Both forms are equal (tested).
 */

import { fftCausalConv } from '../ops/fft';
import type { createRng } from '../random/rng';

/** One channel's parameters. Complex numbers as separate real/imaginary arrays of length M. */
export interface S4DChannel {
  logDt: number;
  logAReal: Float64Array;
  aImag: Float64Array;
  cReal: Float64Array;
  cImag: Float64Array;
  d: number;
}

/** Ā and C̃ of a channel (ZOH). */
export function discretise({ logDt, logAReal, aImag, cReal, cImag }: S4DChannel) {
  const M = logAReal.length;
  const dt = Math.exp(logDt);
  const barRe = new Float64Array(M);
  const barIm = new Float64Array(M);
  const ctRe = new Float64Array(M);
  const ctIm = new Float64Array(M);
  for (let n = 0; n < M; n++) {
    const ar = -Math.exp(logAReal[n]);
    const ai = aImag[n];
    const mag = Math.exp(dt * ar);
    barRe[n] = mag * Math.cos(dt * ai);
    barIm[n] = mag * Math.sin(dt * ai);
    // (Ā − 1)/A, then times C.
    const nr = barRe[n] - 1;
    const ni = barIm[n];
    const den = ar * ar + ai * ai;
    const qr = (nr * ar + ni * ai) / den;
    const qi = (ni * ar - nr * ai) / den;
    ctRe[n] = cReal[n] * qr - cImag[n] * qi;
    ctIm[n] = cReal[n] * qi + cImag[n] * qr;
  }
  return { barRe, barIm, ctRe, ctIm };
}

/** The convolution kernel K_0 … K_{L−1} of a channel. */
export function s4dKernel(channel: S4DChannel, L: number): Float64Array {
  const { barRe, barIm, ctRe, ctIm } = discretise(channel);
  const K = new Float64Array(L);
  for (let n = 0; n < barRe.length; n++) {
    // Running power Ā^ℓ·C̃.
    let pr = ctRe[n];
    let pi = ctIm[n];
    for (let l = 0; l < L; l++) {
      K[l] += 2 * pr;
      [pr, pi] = [pr * barRe[n] - pi * barIm[n], pr * barIm[n] + pi * barRe[n]];
    }
  }
  return K;
}

export function s4dConvolution(channel: S4DChannel, u: ArrayLike<number>): Float64Array {
  const y = fftCausalConv(u, s4dKernel(channel, u.length));
  for (let t = 0; t < u.length; t++) y[t] += channel.d * u[t];
  return y;
}

/** Recurrent form; with `states`, also returns |h_t[n]| for every step [T, M] (for the state view). */
export function s4dRecurrent(
  channel: S4DChannel,
  u: ArrayLike<number>,
  { states = false } = {},
): { y: Float64Array; stateMagnitudes?: Float64Array } {
  const { barRe, barIm, ctRe, ctIm } = discretise(channel);
  const M = barRe.length;
  const hr = new Float64Array(M);
  const hi = new Float64Array(M);
  const y = new Float64Array(u.length);
  const magnitudes = states ? new Float64Array(u.length * M) : undefined;
  for (let t = 0; t < u.length; t++) {
    let out = channel.d * u[t];
    for (let n = 0; n < M; n++) {
      [hr[n], hi[n]] = [barRe[n] * hr[n] - barIm[n] * hi[n] + u[t], barRe[n] * hi[n] + barIm[n] * hr[n]];
      out += 2 * (ctRe[n] * hr[n] - ctIm[n] * hi[n]);
      if (magnitudes) magnitudes[t * M + n] = Math.hypot(hr[n], hi[n]);
    }
    y[t] = out;
  }
  return { y, stateMagnitudes: magnitudes };
}

/** S4D-Lin: A_n = −½ + iπn;  S4D-Inv: A_n = −½ + i(N/π)(N/(2n+1) − 1). C ~ 𝒩(0, 1) complex (per part ½), D ~ 𝒩(0, 1). */
export function initS4DChannel(
  M: number,
  init: 'lin' | 'inv',
  rng: ReturnType<typeof createRng>,
): S4DChannel {
  const N = 2 * M;
  const logDt = Math.log(1e-3) + rng.nextFloat() * (Math.log(1e-1) - Math.log(1e-3));
  const aImag = Float64Array.from({ length: M }, (_, n) =>
    init === 'lin' ? Math.PI * n : (N / Math.PI) * (N / (2 * n + 1) - 1),
  );
  return {
    logDt,
    logAReal: new Float64Array(M).fill(Math.log(0.5)),
    aImag,
    cReal: Float64Array.from({ length: M }, () => rng.nextNormal() * Math.SQRT1_2),
    cImag: Float64Array.from({ length: M }, () => rng.nextNormal() * Math.SQRT1_2),
    d: rng.nextNormal(),
  };
}
