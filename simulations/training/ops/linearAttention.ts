/**
 * Linear attention for training (architectures.md §3.3), heads as contiguous column blocks:
 *   featureMap: φ per head, [R, H·f] → [R, H·D] (elu+1, ReLU, identity, Based's Taylor map);
 *   linearAttention: y_i = φq_iᵀ S_i / (φq_i·z_i + ε),  S_i = Σ_{j≤i} φk_j v_jᵀ,  z_i = Σ_{j≤i} φk_j,
 * which equals the parallel form Σ_{j≤i} (φq_i·φk_j) v_j / (Σ_{j≤i} φq_i·φk_j + ε) used below.
 */
import { type FeatureMapKind, featureSize } from '../../linearAttention/featureMaps';
import { LINEAR_ATTENTION_EPS } from '../../linearAttention/linearAttention';
import { gemmABt, transpose } from '../gemm';
import type { Tape, Var } from '../tape';
import { unary } from './elementwise';
import { addHead, readHead } from './headBlocks';
import { linearAttentionWasm } from './recurrentWasm';

/** φ applied to each head's f-wide chunk of x [R, H·f]. */
export function featureMap(tape: Tape, kind: FeatureMapKind, x: Var, heads: number): Var {
  if (kind === 'eluPlusOne' || kind === 'relu') return unary(tape, kind, x);
  if (kind === 'identity') return x;
  // Taylor: φ(x) = [1, x/f^{1/4}, vec(x xᵀ)/(√2·√f)].
  const R = x.rows;
  const f = x.cols / heads;
  const D = featureSize('taylor', f);
  const s1 = 1 / Math.sqrt(Math.sqrt(f));
  const s2 = 1 / (Math.SQRT2 * Math.sqrt(f));
  const y = tape.floats(R * heads * D);
  for (let r = 0; r < R; r++)
    for (let h = 0; h < heads; h++) {
      const xo = r * heads * f + h * f;
      const yo = (r * heads + h) * D;
      y[yo] = 1;
      for (let i = 0; i < f; i++) y[yo + 1 + i] = x.data[xo + i] * s1;
      for (let i = 0; i < f; i++)
        for (let j = 0; j < f; j++) y[yo + 1 + f + i * f + j] = x.data[xo + i] * x.data[xo + j] * s2;
    }
  const out = tape.var(y, [R, heads * D]);
  tape.record(() => {
    const g = out.grad;
    const gx = x.grad;
    for (let r = 0; r < R; r++)
      for (let h = 0; h < heads; h++) {
        const xo = r * heads * f + h * f;
        const yo = (r * heads + h) * D;
        for (let i = 0; i < f; i++) {
          let s = g[yo + 1 + i] * s1;
          for (let j = 0; j < f; j++)
            s += (g[yo + 1 + f + i * f + j] + g[yo + 1 + f + j * f + i]) * x.data[xo + j] * s2;
          gx[xo + i] += s;
        }
      }
  });
  return out;
}

/**
 * Parallel (quadratic) form for training: per (sequence, head), Â = (φQ φKᵀ) ⊙ causal mask, den = Â·1 + ε,
 * y = Â V / den — dense T×T products through the register-blocked gemm, cheaper than the recurrent form's
 * T·D·d_v scalar updates at the lengths we train (T ≤ 256, D up to 273). Backward, with G = dY / den and
 * e = −rowsum(dY ⊙ Y)/den:  dÂ = (G Vᵀ + e 1ᵀ) ⊙ mask,  dφQ = dÂ φK,  dφK = dÂᵀ φQ,  dV = Âᵀ G.
 */
export function linearAttention(
  tape: Tape,
  phiQ: Var,
  phiK: Var,
  v: Var,
  { batch: B, seqLen: T, heads: H }: { batch: number; seqLen: number; heads: number },
): Var {
  if (tape.kernels)
    return linearAttentionWasm(
      tape,
      tape.kernels,
      phiQ,
      phiK,
      v,
      { batch: B, seqLen: T, heads: H },
      LINEAR_ATTENTION_EPS,
    );
  const D = phiQ.cols / H;
  const dv = v.cols / H;
  const y = tape.floats(B * T * H * dv);
  const Ahat = new Float64Array(B * H * T * T);
  const den = new Float64Array(B * H * T);
  const [Q, K] = [new Float64Array(T * D), new Float64Array(T * D)];
  const [V, Y] = [new Float64Array(T * dv), new Float64Array(T * dv)];
  for (let b = 0; b < B; b++)
    for (let h = 0; h < H; h++) {
      const bh = b * H + h;
      const A = Ahat.subarray(bh * T * T, (bh + 1) * T * T);
      gemmABt(
        readHead(phiQ.data, b, h, T, H, D, Q),
        readHead(phiK.data, b, h, T, H, D, K),
        A,
        T,
        T,
        D,
        false,
      );
      for (let i = 0; i < T; i++) {
        let sum = 0;
        for (let j = 0; j < T; j++) {
          if (j > i) A[i * T + j] = 0;
          sum += A[i * T + j];
        }
        den[bh * T + i] = sum + LINEAR_ATTENTION_EPS;
      }
      gemmABt(A, transpose(readHead(v.data, b, h, T, H, dv, V), T, dv), Y, T, dv, T, false);
      for (let i = 0; i < T; i++) for (let c = 0; c < dv; c++) Y[i * dv + c] /= den[bh * T + i];
      addHead(y, b, h, T, H, dv, Y);
    }
  const out = tape.var(y, [B * T, H * dv]);
  tape.record(() => {
    const [G, dY, dQ, dK, dV] = [
      new Float64Array(T * dv),
      new Float64Array(T * dv),
      new Float64Array(T * D),
      new Float64Array(T * D),
      new Float64Array(T * dv),
    ];
    const dA = new Float64Array(T * T);
    for (let b = 0; b < B; b++)
      for (let h = 0; h < H; h++) {
        const bh = b * H + h;
        const A = Ahat.subarray(bh * T * T, (bh + 1) * T * T);
        readHead(out.grad, b, h, T, H, dv, dY);
        readHead(y, b, h, T, H, dv, Y);
        readHead(v.data, b, h, T, H, dv, V);
        const e = new Float64Array(T);
        for (let i = 0; i < T; i++) {
          const dn = den[bh * T + i];
          let dot = 0;
          for (let c = 0; c < dv; c++) {
            G[i * dv + c] = dY[i * dv + c] / dn;
            dot += dY[i * dv + c] * Y[i * dv + c];
          }
          e[i] = -dot / dn;
        }
        gemmABt(G, V, dA, T, T, dv, false);
        for (let i = 0; i < T; i++)
          for (let j = 0; j < T; j++) dA[i * T + j] = j <= i ? dA[i * T + j] + e[i] : 0;
        readHead(phiQ.data, b, h, T, H, D, Q);
        readHead(phiK.data, b, h, T, H, D, K);
        gemmABt(dA, transpose(K, T, D), dQ, T, D, T, false);
        gemmABt(transpose(dA, T, T), transpose(Q, T, D), dK, T, D, T, false);
        gemmABt(transpose(A, T, T), transpose(G, T, dv), dV, T, dv, T, false);
        addHead(phiQ.grad, b, h, T, H, D, dQ);
        addHead(phiK.grad, b, h, T, H, D, dK);
        addHead(v.grad, b, h, T, H, dv, dV);
      }
  });
  return out;
}
