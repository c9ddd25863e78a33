/**
 * Linear attention for training (architectures.md §3.3), heads as contiguous column blocks:
 *   featureMap: φ per head, [R, H·f] → [R, H·D] (elu+1, ReLU, identity, Based's Taylor map);
 *   linearAttention: y_i = φq_iᵀ S_i / (φq_i·z_i + ε),  S_i = Σ_{j≤i} φk_j v_jᵀ,  z_i = Σ_{j≤i} φk_j,
 * computed in the recurrent form (O(T·D·d_v) memory per sequence, not T²). Backward, with g_i = dy_i/(den_i+ε)
 * and e_i = −(dy_i·y_i)/(den_i+ε):  dφq_i = S_i g_i + z_i e_i;  with G_j = Σ_{i≥j} φq_i g_iᵀ and
 * u_j = Σ_{i≥j} φq_i e_i:  dφk_j = G_j v_j + u_j,  dv_j = G_jᵀ φk_j.
 */
import { type FeatureMapKind, featureSize } from '../../linearAttention/featureMaps';
import { LINEAR_ATTENTION_EPS } from '../../linearAttention/linearAttention';
import { type Tape, Var } from '../tape';
import { unary } from './elementwise';

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
  const y = new Float64Array(R * heads * D);
  for (let r = 0; r < R; r++)
    for (let h = 0; h < heads; h++) {
      const xo = r * heads * f + h * f;
      const yo = (r * heads + h) * D;
      y[yo] = 1;
      for (let i = 0; i < f; i++) y[yo + 1 + i] = x.data[xo + i] * s1;
      for (let i = 0; i < f; i++)
        for (let j = 0; j < f; j++) y[yo + 1 + f + i * f + j] = x.data[xo + i] * x.data[xo + j] * s2;
    }
  const out = new Var(y, [R, heads * D]);
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

export function linearAttention(
  tape: Tape,
  phiQ: Var,
  phiK: Var,
  v: Var,
  { batch: B, seqLen: T, heads: H }: { batch: number; seqLen: number; heads: number },
): Var {
  const D = phiQ.cols / H;
  const dv = v.cols / H;
  const [qd, kd, vd] = [phiQ.data, phiK.data, v.data];
  const y = new Float64Array(B * T * H * dv);
  const den = new Float64Array(B * T * H);
  const S = new Float64Array(D * dv);
  const z = new Float64Array(D);
  const at = (b: number, t: number, h: number, w: number) => (b * T + t) * H * w + h * w;
  for (let b = 0; b < B; b++)
    for (let h = 0; h < H; h++) {
      S.fill(0);
      z.fill(0);
      for (let t = 0; t < T; t++) {
        const [qo, ko, vo] = [at(b, t, h, D), at(b, t, h, D), at(b, t, h, dv)];
        for (let a = 0; a < D; a++) {
          const kv = kd[ko + a];
          z[a] += kv;
          for (let c = 0; c < dv; c++) S[a * dv + c] += kv * vd[vo + c];
        }
        let dn = 0;
        for (let a = 0; a < D; a++) dn += qd[qo + a] * z[a];
        den[(b * T + t) * H + h] = dn + LINEAR_ATTENTION_EPS;
        for (let c = 0; c < dv; c++) {
          let num = 0;
          for (let a = 0; a < D; a++) num += qd[qo + a] * S[a * dv + c];
          y[vo + c] = num / (dn + LINEAR_ATTENTION_EPS);
        }
      }
    }
  const out = new Var(y, [B * T, H * dv]);
  tape.record(() => {
    const dy = out.grad;
    const [gq, gk, gv] = [phiQ.grad, phiK.grad, v.grad];
    const g = new Float64Array(T * dv);
    const e = new Float64Array(T);
    const G = new Float64Array(D * dv);
    const u = new Float64Array(D);
    for (let b = 0; b < B; b++)
      for (let h = 0; h < H; h++) {
        // Forward sweep: g_i, e_i and dφq_i = S_i g_i + z_i e_i.
        S.fill(0);
        z.fill(0);
        for (let t = 0; t < T; t++) {
          const [qo, ko, vo] = [at(b, t, h, D), at(b, t, h, D), at(b, t, h, dv)];
          const dn = den[(b * T + t) * H + h];
          let dot = 0;
          for (let c = 0; c < dv; c++) {
            g[t * dv + c] = dy[vo + c] / dn;
            dot += dy[vo + c] * y[vo + c];
          }
          e[t] = -dot / dn;
          for (let a = 0; a < D; a++) {
            const kv = kd[ko + a];
            z[a] += kv;
            let s = z[a] * e[t];
            for (let c = 0; c < dv; c++) {
              S[a * dv + c] += kv * vd[vo + c];
              s += S[a * dv + c] * g[t * dv + c];
            }
            gq[qo + a] += s;
          }
        }
        // Reverse sweep: G_j, u_j → dφk_j, dv_j.
        G.fill(0);
        u.fill(0);
        for (let t = T - 1; t >= 0; t--) {
          const [qo, ko, vo] = [at(b, t, h, D), at(b, t, h, D), at(b, t, h, dv)];
          for (let a = 0; a < D; a++) {
            const qv = qd[qo + a];
            u[a] += qv * e[t];
            let s = u[a];
            const kv = kd[ko + a];
            for (let c = 0; c < dv; c++) {
              G[a * dv + c] += qv * g[t * dv + c];
              s += G[a * dv + c] * vd[vo + c];
              gv[vo + c] += G[a * dv + c] * kv;
            }
            gk[ko + a] += s;
          }
        }
      }
  });
  return out;
}
