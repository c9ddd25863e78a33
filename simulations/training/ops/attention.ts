/**
 * Causal multi-head softmax attention over a batch, as simulations/attention (scale 1/√d_h, heads are
 * contiguous column blocks of q, k, v [B·T, H·d_h]); with `window` W, query i sees keys i − W … i (W + 1 keys).
 * Per (sequence, head), with P the masked row-softmax of S = scale·Q Kᵀ:
 *   forward  O = P V
 *   backward dP = dO Vᵀ,  dS = P ⊙ (dP − rowsum(P ⊙ dP)),  dQ = scale·dS K,  dK = scale·dSᵀ Q,  dV = Pᵀ dO.
 * Every product is a dense T×T gemm (the masked half is computed and zeroed: at T ≤ 1024 the register-blocked
 * gemm is faster than a triangular scalar loop).
 */
import { gemmABt, transpose } from '../gemm';
import type { Tape, Var } from '../tape';
import { causalAttentionWasm } from './attentionWasm';
import { addHead, readHead } from './headBlocks';

export interface AttentionShape {
  batch: number;
  seqLen: number;
  heads: number;
  /** Keys i − window … i; undefined = all earlier keys. */
  window?: number;
}

export function causalAttention(tape: Tape, q: Var, k: Var, v: Var, shape: AttentionShape): Var {
  const { batch: B, seqLen: T, heads: H, window } = shape;
  const dh = q.cols / H;
  if (tape.kernels) return causalAttentionWasm(tape, q, k, v, shape);
  const scale = 1 / Math.sqrt(dh);
  const first = (i: number) => (window === undefined ? 0 : Math.max(0, i - window));
  const probs = new Float64Array(B * H * T * T);
  const y = tape.floats(q.data.length);
  const [Q, K, Vb, O] = [0, 0, 0, 0].map(() => new Float64Array(T * dh));
  for (let b = 0; b < B; b++)
    for (let h = 0; h < H; h++) {
      const P = probs.subarray((b * H + h) * T * T, (b * H + h + 1) * T * T);
      gemmABt(readHead(q.data, b, h, T, H, dh, Q), readHead(k.data, b, h, T, H, dh, K), P, T, T, dh, false);
      for (let i = 0; i < T; i++) {
        const lo = first(i);
        let max = Number.NEGATIVE_INFINITY;
        for (let j = lo; j <= i; j++) max = Math.max(max, P[i * T + j] * scale);
        let sum = 0;
        for (let j = 0; j < T; j++) {
          const p = j >= lo && j <= i ? Math.exp(P[i * T + j] * scale - max) : 0;
          P[i * T + j] = p;
          sum += p;
        }
        for (let j = lo; j <= i; j++) P[i * T + j] /= sum;
      }
      readHead(v.data, b, h, T, H, dh, Vb);
      gemmABt(P, transpose(Vb, T, dh), O, T, dh, T, false);
      addHead(y, b, h, T, H, dh, O);
    }
  const out = tape.var(y, q.shape);
  tape.record(() => {
    const [dQ, dK, dV, dO, dP] = [
      new Float64Array(T * dh),
      new Float64Array(T * dh),
      new Float64Array(T * dh),
      new Float64Array(T * dh),
      new Float64Array(T * T),
    ];
    for (let b = 0; b < B; b++)
      for (let h = 0; h < H; h++) {
        const P = probs.subarray((b * H + h) * T * T, (b * H + h + 1) * T * T);
        readHead(out.grad, b, h, T, H, dh, dO);
        readHead(v.data, b, h, T, H, dh, Vb);
        gemmABt(dO, Vb, dP, T, T, dh, false);
        // dS (scaled), in place of dP.
        for (let i = 0; i < T; i++) {
          let dot = 0;
          for (let j = 0; j < T; j++) dot += P[i * T + j] * dP[i * T + j];
          for (let j = 0; j < T; j++) dP[i * T + j] = P[i * T + j] * (dP[i * T + j] - dot) * scale;
        }
        readHead(q.data, b, h, T, H, dh, Q);
        readHead(k.data, b, h, T, H, dh, K);
        gemmABt(dP, transpose(K, T, dh), dQ, T, dh, T, false);
        gemmABt(transpose(dP, T, T), transpose(Q, T, dh), dK, T, dh, T, false);
        gemmABt(transpose(P, T, T), transpose(dO, T, dh), dV, T, dh, T, false);
        addHead(q.grad, b, h, T, H, dh, dQ);
        addHead(k.grad, b, h, T, H, dh, dK);
        addHead(v.grad, b, h, T, H, dh, dV);
      }
  });
  return out;
}
