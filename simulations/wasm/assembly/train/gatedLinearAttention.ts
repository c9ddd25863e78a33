// Decayed (gated) linear attention for training, recurrent form, forward and backward — the core of RetNet,
// GLA and Mamba-2's SSD (simulations/training/ops/gatedLinearAttention.ts is the float64 reference). Per
// (sequence b, head h), with S_t ∈ ℝ^{dk×dv}:
//   S_t = Diag(e^{g_t}) S_{t−1} + k_t v_tᵀ,   o_t = scale·S_tᵀ q_t
// q, k, g [B·T, H·dk]; v, o [B·T, H·dv] (heads as column blocks, row b·T + t). Threads split (sequence, head)
// PAIRS p = b·H + h in [0, B·H): every array a pair touches is its own. f32x4 SIMD over dv (S rows).
// Nothing is saved: the backward pass recomputes the pair's states into a per-thread scratch (T·dk·dv' floats,
// dv' = ⌈dv/4⌉·4), cheaper than writing and reading back B·H·T·dk·dv floats through memory.
import { expInPlace, hsum, loadLanes, storeLanes } from './selectiveScan';

// @ts-ignore: decorator
@inline
function padded(n: i32): i32 {
  return (n + 3) & ~3;
}

/** Per-thread scratch of the forward and backward kernels: decays [T, dk'], states [T, dk, dv'], P [dk, dv']. */
export function gatedLinearAttentionScratchFloats(T: i32, dk: i32, dv: i32): i32 {
  return T * padded(dk) + (T + 1) * dk * padded(dv);
}

/** e^{g_t} of pair (b, h) for t in [0, T) into decays [T, dk'] (zeros beyond dk are never read). */
// @ts-ignore: decorator
@inline
function pairDecays(g: usize, decays: usize, b: i32, h: i32, T: i32, H: i32, dk: i32): void {
  const dkp = padded(dk);
  const full = dk & ~3;
  const rem = dk & 3;
  for (let t = 0; t < T; t++) {
    const src = g + ((<usize>((b * T + t) * H + h) * <usize>dk) << 2);
    const dst = decays + ((<usize>t * <usize>dkp) << 2);
    let a = 0;
    for (; a < full; a += 4) v128.store(dst + (<usize>a << 2), v128.load(src + (<usize>a << 2)));
    if (rem) v128.store(dst + (<usize>a << 2), loadLanes(src + (<usize>a << 2), rem));
  }
  expInPlace(decays, T * dkp);
}

/**
 * S_t[a, :] = e^{g_t[a]}·S_{t−1}[a, :] + k_t[a]·v_t (S_{−1} = 0) for every row a, at `cur` from `prev`;
 * with o ≠ 0 also o_t = Σ_a (scale·q_t[a])·S_t[a, :] (overwritten).
 */
// @ts-ignore: decorator
@inline
function stateStep(
  prev: usize,
  cur: usize,
  decayRow: usize,
  kRow: usize,
  qRow: usize,
  vRow: usize,
  oRow: usize,
  dk: i32,
  dv: i32,
  scale: f32,
  first: bool,
  withOutput: bool,
): void {
  const full = <usize>(dv & ~3) << 2;
  const rem = dv & 3;
  const rowBytes = <usize>padded(dv) << 2;
  if (withOutput) {
    let c: usize = 0;
    for (; c < full; c += 16) v128.store(oRow + c, f32x4.splat(0));
    if (rem) storeLanes(oRow + c, f32x4.splat(0), rem);
  }
  for (let a = 0; a < dk; a++) {
    const ka = f32x4.splat(load<f32>(kRow + (<usize>a << 2)));
    const decay = f32x4.splat(load<f32>(decayRow + (<usize>a << 2)));
    const qa = f32x4.splat(load<f32>(qRow + (<usize>a << 2)) * scale);
    const Sp = prev + <usize>a * rowBytes;
    const Sc = cur + <usize>a * rowBytes;
    let c: usize = 0;
    for (; c < full; c += 16) {
      let s = f32x4.mul(ka, v128.load(vRow + c));
      if (!first) s = f32x4.add(f32x4.mul(decay, v128.load(Sp + c)), s);
      if (withOutput) {
        const ov = v128.load(oRow + c); // before the store to S (4K aliasing, see selectiveScan.ts)
        v128.store(Sc + c, s);
        v128.store(oRow + c, f32x4.add(ov, f32x4.mul(qa, s)));
      } else {
        v128.store(Sc + c, s);
      }
    }
    if (rem) {
      let s = f32x4.mul(ka, loadLanes(vRow + c, rem));
      if (!first) s = f32x4.add(f32x4.mul(decay, v128.load(Sp + c)), s);
      if (withOutput) {
        const ov = loadLanes(oRow + c, rem);
        v128.store(Sc + c, s);
        storeLanes(oRow + c, f32x4.add(ov, f32x4.mul(qa, s)), rem);
      } else {
        v128.store(Sc + c, s);
      }
    }
  }
}

/**
 * o = gatedLinearAttention(q, k, v, g) for pairs [pairStart, pairEnd) of B·H (p = b·H + h; overwrites their
 * columns of o). `scratch`: gatedLinearAttentionScratchFloats(T, dk, dv) floats of this thread.
 */
export function gatedLinearAttentionForward(
  q: usize,
  k: usize,
  v: usize,
  g: usize,
  o: usize,
  scratch: usize,
  T: i32,
  H: i32,
  dk: i32,
  dv: i32,
  scale: f32,
  pairStart: i32,
  pairEnd: i32,
): void {
  const decays = scratch;
  const state = scratch + ((<usize>T * <usize>padded(dk)) << 2);
  const dkp = <usize>padded(dk) << 2;
  for (let p = pairStart; p < pairEnd; p++) {
    const b = p / H;
    const h = p % H;
    pairDecays(g, decays, b, h, T, H, dk);
    for (let t = 0; t < T; t++) {
      const r = b * T + t;
      const kq = (<usize>(r * H + h) * <usize>dk) << 2;
      const vo = (<usize>(r * H + h) * <usize>dv) << 2;
      const decayRow = decays + <usize>t * dkp;
      if (t == 0) stateStep(state, state, decayRow, k + kq, q + kq, v + vo, o + vo, dk, dv, scale, true, true);
      else stateStep(state, state, decayRow, k + kq, q + kq, v + vo, o + vo, dk, dv, scale, false, true);
    }
  }
}

/**
 * Backpropagation through time for pairs [pairStart, pairEnd), from dO = ∂L/∂o, with P_t = ∂L/∂S_t:
 *   P_t = scale·q_t dO_tᵀ + Diag(e^{g_{t+1}}) P_{t+1};  dq_t += scale·S_t dO_t;  dk_t += P_t v_t;
 *   dv_t += P_tᵀ k_t;  dg_t[a] += e^{g_t[a]}·Σ_c P_t[a, c]·S_{t−1}[a, c]  (t > 0).
 * ACCUMULATES into gq, gk, gg [B·T, H·dk] and gv [B·T, H·dv]. `scratch`: gatedLinearAttentionScratchFloats.
 */
export function gatedLinearAttentionBackward(
  q: usize,
  k: usize,
  v: usize,
  g: usize,
  dO: usize,
  gq: usize,
  gk: usize,
  gv: usize,
  gg: usize,
  scratch: usize,
  T: i32,
  H: i32,
  dk: i32,
  dv: i32,
  scale: f32,
  pairStart: i32,
  pairEnd: i32,
): void {
  const dkp = <usize>padded(dk) << 2;
  const rowBytes = <usize>padded(dv) << 2;
  const stateBytes = <usize>dk * rowBytes;
  const decays = scratch;
  const hist = scratch + <usize>T * dkp;
  const P = hist + <usize>T * stateBytes;
  const full = <usize>(dv & ~3) << 2;
  const rem = dv & 3;
  for (let p = pairStart; p < pairEnd; p++) {
    const b = p / H;
    const h = p % H;
    pairDecays(g, decays, b, h, T, H, dk);
    for (let t = 0; t < T; t++) {
      const r = b * T + t;
      const kq = (<usize>(r * H + h) * <usize>dk) << 2;
      const vo = (<usize>(r * H + h) * <usize>dv) << 2;
      const cur = hist + <usize>t * stateBytes;
      const decayRow = decays + <usize>t * dkp;
      if (t == 0) stateStep(cur, cur, decayRow, k + kq, q + kq, v + vo, 0, dk, dv, scale, true, false);
      else stateStep(cur - stateBytes, cur, decayRow, k + kq, q + kq, v + vo, 0, dk, dv, scale, false, false);
    }
    memory.fill(P, 0, stateBytes);
    for (let t = T - 1; t >= 0; t--) {
      const r = b * T + t;
      const kq = (<usize>(r * H + h) * <usize>dk) << 2;
      const vo = (<usize>(r * H + h) * <usize>dv) << 2;
      const S = hist + <usize>t * stateBytes;
      const dOr = dO + vo;
      const vr = v + vo;
      const gvr = gv + vo;
      // Decays of step t + 1 carry P back (P_T = 0, so any value serves at t = T − 1).
      const nextDecay = decays + <usize>min(t + 1, T - 1) * dkp;
      const decayRow = decays + <usize>t * dkp;
      for (let a = 0; a < dk; a++) {
        const ao = <usize>a << 2;
        const qa = f32x4.splat(load<f32>(q + kq + ao) * scale);
        const ka = f32x4.splat(load<f32>(k + kq + ao));
        const carry = f32x4.splat(t < T - 1 ? load<f32>(nextDecay + ao) : 0);
        const Pa = P + <usize>a * rowBytes;
        const Sa = S + <usize>a * rowBytes;
        let dq = f32x4.splat(0);
        let dkA = f32x4.splat(0);
        let dg = f32x4.splat(0);
        let c: usize = 0;
        for (; c < full; c += 16) {
          const d = v128.load(dOr + c);
          const s = v128.load(Sa + c);
          const vv = v128.load(vr + c);
          const gvv = v128.load(gvr + c);
          const pa = f32x4.add(f32x4.mul(carry, v128.load(Pa + c)), f32x4.mul(qa, d));
          dq = f32x4.add(dq, f32x4.mul(s, d));
          dkA = f32x4.add(dkA, f32x4.mul(pa, vv));
          if (t > 0) dg = f32x4.add(dg, f32x4.mul(pa, v128.load(Sa - stateBytes + c)));
          v128.store(Pa + c, pa);
          v128.store(gvr + c, f32x4.add(gvv, f32x4.mul(pa, ka)));
        }
        if (rem) {
          const d = loadLanes(dOr + c, rem);
          const s = v128.load(Sa + c);
          const vv = loadLanes(vr + c, rem);
          const gvv = loadLanes(gvr + c, rem);
          const pa = f32x4.add(f32x4.mul(carry, v128.load(Pa + c)), f32x4.mul(qa, d));
          dq = f32x4.add(dq, f32x4.mul(s, d));
          dkA = f32x4.add(dkA, f32x4.mul(pa, vv));
          if (t > 0) dg = f32x4.add(dg, f32x4.mul(pa, v128.load(Sa - stateBytes + c)));
          v128.store(Pa + c, pa);
          storeLanes(gvr + c, f32x4.add(gvv, f32x4.mul(pa, ka)), rem);
        }
        store<f32>(gq + kq + ao, load<f32>(gq + kq + ao) + scale * hsum(dq));
        store<f32>(gk + kq + ao, load<f32>(gk + kq + ao) + hsum(dkA));
        if (t > 0) store<f32>(gg + kq + ao, load<f32>(gg + kq + ao) + load<f32>(decayRow + ao) * hsum(dg));
      }
    }
  }
}
