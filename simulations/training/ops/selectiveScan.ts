/**
 * Mamba's selective scan for training, as simulations/ssm/selectiveScan.ts (Euler B̄ = Δ·B, the reference
 * code's choice), per sequence b and channel c:
 *   h_t[n] = exp(Δ_t[c]·A[c, n])·h_{t−1}[n] + Δ_t[c]·B_t[n]·x_t[c],   y_t[c] = Σ_n C_t[n]·h_t[n] + D[c]·x_t[c]
 * x, Δ [B·T, C]; A [C, N]; B, C [B·T, N]; D [C]. Backward is backpropagation through time, one channel at
 * a time, from the states and decays kept by the forward pass:
 *   dh_t = C_t dy_t + a_{t+1} dh_{t+1};  da_t = dh_t·h_{t−1};  a = exp(ΔA) ⇒ dΔ += Σ_n da·a·A, dA += da·a·Δ;
 *   the input term Δ·B·x gives dΔ += Σ_n dh·B·x, dB += dh·Δ·x, dx += Σ_n dh·Δ·B.
 */
import type { Tape, Var } from '../tape';
import { selectiveScanWasm } from './recurrentWasm';

export function selectiveScan(
  tape: Tape,
  inputs: { x: Var; delta: Var; A: Var; B: Var; C: Var; D: Var },
  seqLen: number,
): Var {
  if (tape.kernels) return selectiveScanWasm(tape, tape.kernels, inputs, seqLen);
  const { x, delta, A, B, C, D } = inputs;
  const [R, Ch] = [x.rows, x.cols];
  const N = A.data.length / Ch;
  const T = seqLen;
  const nSeq = R / T;
  const y = tape.floats(R * Ch);
  // States h and decays a = exp(Δ·A) of every (sequence, channel), kept for the backward pass: [nSeq, Ch, T, N].
  const states = new Float64Array(nSeq * Ch * T * N);
  const decays = new Float64Array(nSeq * Ch * T * N);
  for (let s = 0; s < nSeq; s++)
    for (let c = 0; c < Ch; c++) {
      const base = (s * Ch + c) * T * N;
      for (let t = 0; t < T; t++) {
        const r = s * T + t;
        const dt = delta.data[r * Ch + c];
        const xv = x.data[r * Ch + c];
        let acc = D.data[c] * xv;
        const o = base + t * N;
        for (let n = 0; n < N; n++) {
          const a = Math.exp(dt * A.data[c * N + n]);
          const h = (t > 0 ? a * states[o - N + n] : 0) + dt * B.data[r * N + n] * xv;
          decays[o + n] = a;
          states[o + n] = h;
          acc += C.data[r * N + n] * h;
        }
        y[r * Ch + c] = acc;
      }
    }
  const out = tape.var(y, [R, Ch]);
  tape.record(() => {
    const dy = out.grad;
    const [gx, gd, gA, gB, gC, gD] = [x.grad, delta.grad, A.grad, B.grad, C.grad, D.grad];
    const dh = new Float64Array(N);
    for (let s = 0; s < nSeq; s++)
      for (let c = 0; c < Ch; c++) {
        const base = (s * Ch + c) * T * N;
        dh.fill(0);
        for (let t = T - 1; t >= 0; t--) {
          const r = s * T + t;
          const g = dy[r * Ch + c];
          const dt = delta.data[r * Ch + c];
          const xv = x.data[r * Ch + c];
          gD[c] += g * xv;
          let dx = g * D.data[c];
          let ddt = 0;
          const o = base + t * N;
          for (let n = 0; n < N; n++) {
            gC[r * N + n] += g * states[o + n];
            const dhn = dh[n] + C.data[r * N + n] * g;
            const bn = B.data[r * N + n];
            // Input term Δ·B·x.
            ddt += dhn * bn * xv;
            gB[r * N + n] += dhn * dt * xv;
            dx += dhn * dt * bn;
            // Decay term a·h_{t−1}.
            const a = decays[o + n];
            const da = t > 0 ? dhn * states[o - N + n] * a : 0;
            ddt += da * A.data[c * N + n];
            gA[c * N + n] += da * dt;
            dh[n] = dhn * a;
          }
          gx[r * Ch + c] += dx;
          gd[r * Ch + c] += ddt;
        }
      }
  });
  return out;
}
