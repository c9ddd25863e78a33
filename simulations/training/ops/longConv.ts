/**
 * Causal long convolution per channel of each sequence, direct form (T ≤ a few hundred in training):
 *   y[b, t, c] = Σ_{ℓ=0}^{min(t, Lk−1)} K[c, ℓ]·u[b, t − ℓ, c]      (K indexed by lag; Lk ≤ T taps)
 * Backward: du[s] = Σ_ℓ K[ℓ]·dy[s + ℓ],  dK[ℓ] = Σ_t dy[t]·u[t − ℓ]. Equal to the FFT form of the reference.
 */
import type { Tape, Var } from '../tape';

export function longConv(tape: Tape, u: Var, K: Var, seqLen: number): Var {
  const [R, C] = [u.rows, u.cols];
  const Lk = K.data.length / C;
  const T = seqLen;
  const kernels = tape.kernels;
  if (kernels) {
    // The float32 path: simulations/wasm/assembly/train/longConv.ts, channels split across threads.
    const out = tape.var(tape.output(R * C), [R, C]);
    const off = (a: Var['data']) => kernels.offset(a);
    const split = {
      work: R * C * Lk,
      scratchIndex: 7,
      scratchFloats: kernels.call('longConvScratchFloats', [T, Lk]),
    };
    kernels.run('longConvForward', [off(u.data), off(K.data), off(out.data), R / T, T, C, Lk, 0], C, split);
    tape.record(() => {
      const args = [off(u.data), off(K.data), off(out.grad), off(u.grad), off(K.grad), R / T, T, C, Lk, 0];
      kernels.run('longConvBackward', args, C, { ...split, work: 2 * R * C * Lk, scratchIndex: 9 });
    });
    return out;
  }
  const y = tape.floats(R * C);
  for (let r0 = 0; r0 < R; r0 += T)
    for (let c = 0; c < C; c++)
      for (let t = 0; t < T; t++) {
        let s = 0;
        const last = Math.min(t, Lk - 1);
        for (let l = 0; l <= last; l++) s += K.data[c * Lk + l] * u.data[(r0 + t - l) * C + c];
        y[(r0 + t) * C + c] = s;
      }
  const out = tape.var(y, [R, C]);
  tape.record(() => {
    const g = out.grad;
    const [gu, gK] = [u.grad, K.grad];
    for (let r0 = 0; r0 < R; r0 += T)
      for (let c = 0; c < C; c++)
        for (let t = 0; t < T; t++) {
          const gy = g[(r0 + t) * C + c];
          if (gy === 0) continue;
          const last = Math.min(t, Lk - 1);
          for (let l = 0; l <= last; l++) {
            const ui = (r0 + t - l) * C + c;
            gK[c * Lk + l] += gy * u.data[ui];
            gu[ui] += gy * K.data[c * Lk + l];
          }
        }
  });
  return out;
}
