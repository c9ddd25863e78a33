/**
 * Depthwise causal 1-D convolution per sequence of a batch, as simulations/ops/causalConv1d.ts:
 *   y[b, t, c] = bias[c] + Σ_k w[c, k]·x[b, t − (K−1) + k, c]   (w[c, K−1] multiplies the current token).
 */
import type { Tape, Var } from '../tape';
import { causalConvWasm } from './recurrentWasm';

export function causalConv(tape: Tape, x: Var, weight: Var, bias: Var | undefined, seqLen: number): Var {
  const [R, C] = [x.rows, x.cols];
  const K = weight.data.length / C;
  if (!Number.isInteger(K))
    throw new RangeError(`causalConv: weight of ${weight.data.length} for ${C} channels`);
  if (tape.kernels) return causalConvWasm(tape, tape.kernels, x, weight, bias, seqLen);
  const T = seqLen;
  const y = tape.floats(R * C);
  for (let r = 0; r < R; r++) {
    const t = r % T;
    for (let c = 0; c < C; c++) {
      let acc = bias ? bias.data[c] : 0;
      for (let k = 0; k < K; k++) {
        const s = t - (K - 1) + k;
        if (s >= 0) acc += weight.data[c * K + k] * x.data[(r - t + s) * C + c];
      }
      y[r * C + c] = acc;
    }
  }
  const out = tape.var(y, [R, C]);
  tape.record(() => {
    const g = out.grad;
    const [gx, gw] = [x.grad, weight.grad];
    const gb = bias?.grad;
    for (let r = 0; r < R; r++) {
      const t = r % T;
      for (let c = 0; c < C; c++) {
        const gy = g[r * C + c];
        if (gb) gb[c] += gy;
        for (let k = 0; k < K; k++) {
          const s = t - (K - 1) + k;
          if (s < 0) continue;
          const xi = (r - t + s) * C + c;
          gw[c * K + k] += gy * x.data[xi];
          gx[xi] += gy * weight.data[c * K + k];
        }
      }
    }
  });
  return out;
}
