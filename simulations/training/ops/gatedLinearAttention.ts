/**
 * Decayed (gated) linear attention without a normaliser, per (sequence, head), recurrent form — the core of
 * RetNet, GLA and Mamba-2's SSD (simulations/linearAttention/gatedLinearAttention.ts, simulations/ssm/ssd.ts):
 *   S_t = Diag(e^{g_t}) S_{t−1} + k_t v_tᵀ,   o_t = scale·S_tᵀ q_t        (S_t ∈ ℝ^{dk×dv}, g_t ≤ 0 log-decays)
 * q, k, g [B·T, H·dk]; v [B·T, H·dv]. Backward (BPTT), with P_t = dS_t accumulated from the end:
 *   dq_t = scale·S_t do_t;  P_t = scale·q_t do_tᵀ + Diag(e^{g_{t+1}}) P_{t+1};
 *   dk_t = P_t v_t;  dv_t = P_tᵀ k_t;  dg_t[a] = e^{g_t[a]}·Σ_c P_t[a, c]·S_{t−1}[a, c].
 * The states S_t are kept from the forward pass (B·H·T·dk·dv values).
 */
import type { Tape, Var } from '../tape';
import { gatedLinearAttentionWasm } from './recurrentWasm';

export interface GatedShape {
  batch: number;
  seqLen: number;
  heads: number;
  /** Multiplies q (RetNet and GLA use 1/√dk; SSD uses 1). */
  scale: number;
}

export function gatedLinearAttention(tape: Tape, q: Var, k: Var, v: Var, g: Var, shape: GatedShape): Var {
  if (tape.kernels) return gatedLinearAttentionWasm(tape, tape.kernels, q, k, v, g, shape);
  const { batch: B, seqLen: T, heads: H, scale } = shape;
  const dk = q.cols / H;
  const dv = v.cols / H;
  const size = dk * dv;
  const states = new Float64Array(B * H * T * size);
  const o = tape.floats(B * T * H * dv);
  const [qd, kd, vd, gd] = [q.data, k.data, v.data, g.data];
  for (let b = 0; b < B; b++)
    for (let h = 0; h < H; h++)
      for (let t = 0; t < T; t++) {
        const r = b * T + t;
        const S = ((b * H + h) * T + t) * size;
        const kq = r * H * dk + h * dk;
        const vo = r * H * dv + h * dv;
        for (let a = 0; a < dk; a++) {
          const decay = Math.exp(gd[kq + a]);
          const ka = kd[kq + a];
          const qa = qd[kq + a] * scale;
          for (let c = 0; c < dv; c++) {
            const s = (t > 0 ? decay * states[S - size + a * dv + c] : 0) + ka * vd[vo + c];
            states[S + a * dv + c] = s;
            o[vo + c] += qa * s;
          }
        }
      }
  const out = tape.var(o, [B * T, H * dv]);
  tape.record(() => {
    const dO = out.grad;
    const [gq, gk, gv, gg] = [q.grad, k.grad, v.grad, g.grad];
    const P = new Float64Array(size);
    for (let b = 0; b < B; b++)
      for (let h = 0; h < H; h++) {
        P.fill(0);
        for (let t = T - 1; t >= 0; t--) {
          const r = b * T + t;
          const S = ((b * H + h) * T + t) * size;
          const kq = r * H * dk + h * dk;
          const vo = r * H * dv + h * dv;
          if (t < T - 1) {
            // Carry P_{t+1} back through the decay of step t + 1.
            const next = kq + H * dk;
            for (let a = 0; a < dk; a++) {
              const decay = Math.exp(gd[next + a]);
              for (let c = 0; c < dv; c++) P[a * dv + c] *= decay;
            }
          }
          for (let a = 0; a < dk; a++) {
            const qa = qd[kq + a] * scale;
            let dq = 0;
            let dkA = 0;
            let dg = 0;
            const decay = Math.exp(gd[kq + a]);
            for (let c = 0; c < dv; c++) {
              const i = a * dv + c;
              dq += states[S + i] * dO[vo + c];
              P[i] += qa * dO[vo + c];
              dkA += P[i] * vd[vo + c];
              gv[vo + c] += P[i] * kd[kq + a];
              if (t > 0) dg += P[i] * states[S - size + i];
            }
            gq[kq + a] += scale * dq;
            gk[kq + a] += dkA;
            gg[kq + a] += decay * dg;
          }
        }
      }
  });
  return out;
}
