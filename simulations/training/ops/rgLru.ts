/**
 * The RG-LRU recurrence for training, as simulations/recurrent/rgLru.ts, per sequence and channel:
 *   a_t = exp(−c·r_t·softplus(Λ)),  h_t = a_t·h_{t−1} + m_t·i_t·x_t,  m_t = √(1 − a_t²) (m_0 = 1).
 * x, r, i [B·T, C]; Λ [C]. Backward (BPTT): dh_t += a_{t+1} dh_{t+1};
 *   da_t = dh_t·(h_{t−1} − i_t x_t·a_t/m_t) (the second term only for t > 0);
 *   a = exp(−c r sp) ⇒ dr += da·a·(−c·sp),  dsp += da·a·(−c·r),  dΛ = dsp·σ(Λ);  di += dh·m·x,  dx += dh·m·i.
 */
import { sigmoid, softplus } from '../../ops/activations';
import { RG_LRU_C } from '../../recurrent/rgLru';
import type { Tape, Var } from '../tape';
import { rgLruWasm } from './recurrentWasm';

export function rgLru(tape: Tape, x: Var, r: Var, gateI: Var, lambda: Var, seqLen: number): Var {
  if (tape.kernels) return rgLruWasm(tape, tape.kernels, x, r, gateI, lambda, seqLen);
  const [R, Ch] = [x.rows, x.cols];
  const T = seqLen;
  const sp = Float64Array.from(lambda.data, softplus);
  const a = new Float64Array(R * Ch);
  const h = tape.floats(R * Ch);
  for (let row = 0; row < R; row++) {
    const t = row % T;
    for (let c = 0; c < Ch; c++) {
      const k = row * Ch + c;
      const at = Math.exp(-RG_LRU_C * r.data[k] * sp[c]);
      a[k] = at;
      const m = t === 0 ? 1 : Math.sqrt(1 - at * at);
      h[k] = (t > 0 ? at * h[k - Ch] : 0) + m * gateI.data[k] * x.data[k];
    }
  }
  const out = tape.var(h, [R, Ch]);
  tape.record(() => {
    const dh = out.grad;
    const [gx, gr, gi, gl] = [x.grad, r.grad, gateI.grad, lambda.grad];
    const carry = new Float64Array(Ch);
    for (let row = R - 1; row >= 0; row--) {
      const t = row % T;
      if (t === T - 1) carry.fill(0);
      for (let c = 0; c < Ch; c++) {
        const k = row * Ch + c;
        const g = dh[k] + carry[c];
        const at = a[k];
        const m = t === 0 ? 1 : Math.sqrt(1 - at * at);
        const ix = gateI.data[k] * x.data[k];
        gi[k] += g * m * x.data[k];
        gx[k] += g * m * gateI.data[k];
        const da = t === 0 ? 0 : g * (h[k - Ch] - (ix * at) / m);
        gr[k] += da * at * -RG_LRU_C * sp[c];
        gl[c] += da * at * -RG_LRU_C * r.data[k] * sigmoid(lambda.data[c]);
        carry[c] = g * at;
      }
    }
  });
  return out;
}
