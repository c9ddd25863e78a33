/**
 * Causal multi-head softmax attention over a batch, as simulations/attention (scale 1/√d_h, heads are
 * contiguous column blocks of q, k, v [B·T, H·d_h]); with `window` W, query i sees keys i − W … i (W + 1 keys).
 * Backward (per head, per query row i with probabilities p and dp_j = dO_i·v_j):
 *   dv_j += p_j dO_i,  ds_j = p_j (dp_j − Σ p·dp),  dq_i += scale Σ_j ds_j k_j,  dk_j += scale ds_j q_i.
 */
import { type Tape, Var } from '../tape';

export interface AttentionShape {
  batch: number;
  seqLen: number;
  heads: number;
  /** Keys i − window … i; undefined = all earlier keys. */
  window?: number;
}

export function causalAttention(tape: Tape, q: Var, k: Var, v: Var, shape: AttentionShape): Var {
  const { batch: B, seqLen: T, heads: H, window } = shape;
  const width = q.cols;
  const dh = width / H;
  const scale = 1 / Math.sqrt(dh);
  const first = (i: number) => (window === undefined ? 0 : Math.max(0, i - window));
  // Probabilities p[b, h, i, j] (only j in first(i) … i are non-zero).
  const probs = new Float64Array(B * H * T * T);
  const y = new Float64Array(B * T * width);
  const [qd, kd, vd] = [q.data, k.data, v.data];
  for (let b = 0; b < B; b++)
    for (let h = 0; h < H; h++)
      for (let i = 0; i < T; i++) {
        const pRow = ((b * H + h) * T + i) * T;
        const qo = (b * T + i) * width + h * dh;
        let max = Number.NEGATIVE_INFINITY;
        for (let j = first(i); j <= i; j++) {
          const ko = (b * T + j) * width + h * dh;
          let s = 0;
          for (let c = 0; c < dh; c++) s += qd[qo + c] * kd[ko + c];
          probs[pRow + j] = s * scale;
          max = Math.max(max, s * scale);
        }
        let sum = 0;
        for (let j = first(i); j <= i; j++) {
          probs[pRow + j] = Math.exp(probs[pRow + j] - max);
          sum += probs[pRow + j];
        }
        for (let j = first(i); j <= i; j++) {
          const p = probs[pRow + j] / sum;
          probs[pRow + j] = p;
          const vo = (b * T + j) * width + h * dh;
          for (let c = 0; c < dh; c++) y[qo + c] += p * vd[vo + c];
        }
      }
  const out = new Var(y, [B * T, width]);
  tape.record(() => {
    const dO = out.grad;
    const [dq, dk, dv] = [q.grad, k.grad, v.grad];
    const dp = new Float64Array(T);
    for (let b = 0; b < B; b++)
      for (let h = 0; h < H; h++)
        for (let i = 0; i < T; i++) {
          const pRow = ((b * H + h) * T + i) * T;
          const qo = (b * T + i) * width + h * dh;
          let dot = 0;
          for (let j = first(i); j <= i; j++) {
            const vo = (b * T + j) * width + h * dh;
            const p = probs[pRow + j];
            let s = 0;
            for (let c = 0; c < dh; c++) {
              s += dO[qo + c] * vd[vo + c];
              dv[vo + c] += p * dO[qo + c];
            }
            dp[j] = s;
            dot += p * s;
          }
          for (let j = first(i); j <= i; j++) {
            const ds = probs[pRow + j] * (dp[j] - dot) * scale;
            if (ds === 0) continue;
            const ko = (b * T + j) * width + h * dh;
            for (let c = 0; c < dh; c++) {
              dq[qo + c] += ds * kd[ko + c];
              dk[ko + c] += ds * qd[qo + c];
            }
          }
        }
  });
  return out;
}
