// Linear attention with a feature map for training, parallel (quadratic) form, forward and backward
// (simulations/training/ops/linearAttention.ts `linearAttention` is the float64 reference). Per (sequence b,
// head h), with Â = (φQ φKᵀ) ⊙ causal mask and den = Â·1 + ε:
//   y = Â V / den;  backward, with G = dY / den and e = −rowsum(dY ⊙ Y)/den:
//   dÂ = (G Vᵀ + e 1ᵀ) ⊙ mask,  dφQ = dÂ φK,  dφK = dÂᵀ φQ,  dV = Âᵀ G.
// φQ, φK [B·T, H·D]; v, y [B·T, H·dv] (heads as column blocks, row b·T + t). Threads split (sequence, head)
// PAIRS p = b·H + h. Only j ≤ i is computed; the products are register-blocked four rows at a time with f32x4
// over D or dv. The forward keeps Â [B·H, T, T] (zero above the diagonal) and den [B·H, T] for the backward.
import { gatherLanes, hsum, loadLanes, storeLanes } from './selectiveScan';

// @ts-ignore: decorator
@inline
function padded(n: i32): i32 {
  return (n + 3) & ~3;
}

/** Floats of the saved arrays: Â [B·H, T, T] then den [B·H, T]. */
export function linearAttentionSavedFloats(B: i32, T: i32, H: i32): i32 {
  return B * H * T * (T + 1);
}

/** Per-thread scratch of the backward kernel: dÂ [T, T], G [T, dv'], e [T]. */
export function linearAttentionScratchFloats(T: i32, dv: i32): i32 {
  return T * (T + padded(dv) + 1);
}

/** The four dot products a·b0 … a·b3 over n floats, as the lanes of one vector. */
// @ts-ignore: decorator
@inline
function dot4(a: usize, b0: usize, b1: usize, b2: usize, b3: usize, n: i32): v128 {
  let s0 = f32x4.splat(0);
  let s1 = f32x4.splat(0);
  let s2 = f32x4.splat(0);
  let s3 = f32x4.splat(0);
  const full = <usize>(n & ~3) << 2;
  let o: usize = 0;
  for (; o < full; o += 16) {
    const av = v128.load(a + o);
    s0 = f32x4.add(s0, f32x4.mul(av, v128.load(b0 + o)));
    s1 = f32x4.add(s1, f32x4.mul(av, v128.load(b1 + o)));
    s2 = f32x4.add(s2, f32x4.mul(av, v128.load(b2 + o)));
    s3 = f32x4.add(s3, f32x4.mul(av, v128.load(b3 + o)));
  }
  const rem = n & 3;
  if (rem) {
    const av = loadLanes(a + o, rem);
    s0 = f32x4.add(s0, f32x4.mul(av, loadLanes(b0 + o, rem)));
    s1 = f32x4.add(s1, f32x4.mul(av, loadLanes(b1 + o, rem)));
    s2 = f32x4.add(s2, f32x4.mul(av, loadLanes(b2 + o, rem)));
    s3 = f32x4.add(s3, f32x4.mul(av, loadLanes(b3 + o, rem)));
  }
  // Transpose-and-add: lane k of the result is the sum of s_k's lanes.
  const t01 = f32x4.add(v128.shuffle<f32>(s0, s1, 0, 4, 1, 5), v128.shuffle<f32>(s0, s1, 2, 6, 3, 7));
  const t23 = f32x4.add(v128.shuffle<f32>(s2, s3, 0, 4, 1, 5), v128.shuffle<f32>(s2, s3, 2, 6, 3, 7));
  return f32x4.add(v128.shuffle<f32>(t01, t23, 0, 1, 4, 5), v128.shuffle<f32>(t01, t23, 2, 3, 6, 7));
}

// @ts-ignore: decorator
@inline
function dot1(a: usize, b: usize, n: i32): f32 {
  let s = f32x4.splat(0);
  const full = <usize>(n & ~3) << 2;
  let o: usize = 0;
  for (; o < full; o += 16) s = f32x4.add(s, f32x4.mul(v128.load(a + o), v128.load(b + o)));
  const rem = n & 3;
  if (rem) s = f32x4.add(s, f32x4.mul(loadLanes(a + o, rem), loadLanes(b + o, rem)));
  return hsum(s);
}

/** dst[0, n) += c0·s0 + c1·s1 + c2·s2 + c3·s3 (rows of n floats). */
// @ts-ignore: decorator
@inline
function axpy4(dst: usize, c: v128, s0: usize, s1: usize, s2: usize, s3: usize, n: i32): void {
  const c0 = f32x4.splat(f32x4.extract_lane(c, 0));
  const c1 = f32x4.splat(f32x4.extract_lane(c, 1));
  const c2 = f32x4.splat(f32x4.extract_lane(c, 2));
  const c3 = f32x4.splat(f32x4.extract_lane(c, 3));
  const full = <usize>(n & ~3) << 2;
  let o: usize = 0;
  for (; o < full; o += 16) {
    let acc = f32x4.add(f32x4.mul(c0, v128.load(s0 + o)), f32x4.mul(c1, v128.load(s1 + o)));
    acc = f32x4.add(acc, f32x4.add(f32x4.mul(c2, v128.load(s2 + o)), f32x4.mul(c3, v128.load(s3 + o))));
    v128.store(dst + o, f32x4.add(v128.load(dst + o), acc));
  }
  const rem = n & 3;
  if (rem) {
    let acc = f32x4.add(f32x4.mul(c0, loadLanes(s0 + o, rem)), f32x4.mul(c1, loadLanes(s1 + o, rem)));
    acc = f32x4.add(acc, f32x4.add(f32x4.mul(c2, loadLanes(s2 + o, rem)), f32x4.mul(c3, loadLanes(s3 + o, rem))));
    storeLanes(dst + o, f32x4.add(loadLanes(dst + o, rem), acc), rem);
  }
}

/** dst[0, n) += c·s. */
// @ts-ignore: decorator
@inline
function axpy1(dst: usize, c: f32, s: usize, n: i32): void {
  const cv = f32x4.splat(c);
  const full = <usize>(n & ~3) << 2;
  let o: usize = 0;
  for (; o < full; o += 16) v128.store(dst + o, f32x4.add(v128.load(dst + o), f32x4.mul(cv, v128.load(s + o))));
  const rem = n & 3;
  if (rem) storeLanes(dst + o, f32x4.add(loadLanes(dst + o, rem), f32x4.mul(cv, loadLanes(s + o, rem))), rem);
}

/**
 * y = linearAttention(φQ, φK, v) for pairs [pairStart, pairEnd) of B·H (p = b·H + h; overwrites their columns
 * of y), keeping Â and den in `saved` (linearAttentionSavedFloats(B, T, H)) for the backward pass.
 */
export function linearAttentionForward(
  phiQ: usize,
  phiK: usize,
  v: usize,
  y: usize,
  saved: usize,
  B: i32,
  T: i32,
  H: i32,
  D: i32,
  dv: i32,
  eps: f32,
  pairStart: i32,
  pairEnd: i32,
): void {
  const qkRow = <usize>(H * D) << 2;
  const vRow = <usize>(H * dv) << 2;
  const denAll = saved + ((<usize>B * <usize>H * <usize>T * <usize>T) << 2);
  for (let p = pairStart; p < pairEnd; p++) {
    const b = p / H;
    const h = p % H;
    const Q = phiQ + <usize>b * <usize>T * qkRow + ((<usize>h * <usize>D) << 2);
    const K = phiK + <usize>b * <usize>T * qkRow + ((<usize>h * <usize>D) << 2);
    const V = v + <usize>b * <usize>T * vRow + ((<usize>h * <usize>dv) << 2);
    const Y = y + <usize>b * <usize>T * vRow + ((<usize>h * <usize>dv) << 2);
    const A = saved + ((<usize>p * <usize>T * <usize>T) << 2);
    const den = denAll + ((<usize>p * <usize>T) << 2);
    for (let i = 0; i < T; i++) {
      const Qi = Q + <usize>i * qkRow;
      const Ai = A + ((<usize>i * <usize>T) << 2);
      let j = 0;
      for (; j + 4 <= i + 1; j += 4) {
        const Kj = K + <usize>j * qkRow;
        v128.store(Ai + (<usize>j << 2), dot4(Qi, Kj, Kj + qkRow, Kj + 2 * qkRow, Kj + 3 * qkRow, D));
      }
      for (; j <= i; j++) store<f32>(Ai + (<usize>j << 2), dot1(Qi, K + <usize>j * qkRow, D));
      for (j = i + 1; j < T; j++) store<f32>(Ai + (<usize>j << 2), 0);
      let sum: f32 = 0;
      for (j = 0; j <= i; j++) sum += load<f32>(Ai + (<usize>j << 2));
      const dn = sum + eps;
      store<f32>(den + (<usize>i << 2), dn);
      const Yi = Y + <usize>i * vRow;
      memory.fill(Yi, 0, <usize>dv << 2);
      for (j = 0; j + 4 <= i + 1; j += 4) {
        const Vj = V + <usize>j * vRow;
        axpy4(Yi, v128.load(Ai + (<usize>j << 2)), Vj, Vj + vRow, Vj + 2 * vRow, Vj + 3 * vRow, dv);
      }
      for (; j <= i; j++) axpy1(Yi, load<f32>(Ai + (<usize>j << 2)), V + <usize>j * vRow, dv);
      const dnv = f32x4.splat(dn);
      const full = <usize>(dv & ~3) << 2;
      let o: usize = 0;
      for (; o < full; o += 16) v128.store(Yi + o, f32x4.div(v128.load(Yi + o), dnv));
      const rem = dv & 3;
      if (rem) storeLanes(Yi + o, f32x4.div(loadLanes(Yi + o, rem), dnv), rem);
    }
  }
}

/**
 * Backward of linearAttentionForward for pairs [pairStart, pairEnd), from dy = ∂L/∂y, the forward's output y and
 * its `saved` Â and den: ACCUMULATES into gQ, gK [B·T, H·D] and gv [B·T, H·dv].
 * `scratch`: linearAttentionScratchFloats(T, dv) floats of this thread.
 */
export function linearAttentionBackward(
  phiQ: usize,
  phiK: usize,
  v: usize,
  y: usize,
  dy: usize,
  saved: usize,
  gQ: usize,
  gK: usize,
  gv: usize,
  scratch: usize,
  B: i32,
  T: i32,
  H: i32,
  D: i32,
  dv: i32,
  pairStart: i32,
  pairEnd: i32,
): void {
  const qkRow = <usize>(H * D) << 2;
  const vRow = <usize>(H * dv) << 2;
  const gRow = <usize>padded(dv) << 2;
  const denAll = saved + ((<usize>B * <usize>H * <usize>T * <usize>T) << 2);
  const dA = scratch;
  const G = scratch + ((<usize>T * <usize>T) << 2);
  const e = G + <usize>T * gRow;
  const full = <usize>(dv & ~3) << 2;
  const rem = dv & 3;
  for (let p = pairStart; p < pairEnd; p++) {
    const b = p / H;
    const h = p % H;
    const base = <usize>b * <usize>T;
    const Q = phiQ + base * qkRow + ((<usize>h * <usize>D) << 2);
    const K = phiK + base * qkRow + ((<usize>h * <usize>D) << 2);
    const gQp = gQ + base * qkRow + ((<usize>h * <usize>D) << 2);
    const gKp = gK + base * qkRow + ((<usize>h * <usize>D) << 2);
    const headV = base * vRow + ((<usize>h * <usize>dv) << 2);
    const V = v + headV;
    const Y = y + headV;
    const dY = dy + headV;
    const gV = gv + headV;
    const A = saved + ((<usize>p * <usize>T * <usize>T) << 2);
    const den = denAll + ((<usize>p * <usize>T) << 2);
    // G_i = dY_i / den_i;  e_i = −(dY_i·Y_i)/den_i.
    for (let i = 0; i < T; i++) {
      const dn = load<f32>(den + (<usize>i << 2));
      const dnv = f32x4.splat(dn);
      const dYi = dY + <usize>i * vRow;
      const Gi = G + <usize>i * gRow;
      let o: usize = 0;
      for (; o < full; o += 16) v128.store(Gi + o, f32x4.div(v128.load(dYi + o), dnv));
      if (rem) v128.store(Gi + o, f32x4.div(loadLanes(dYi + o, rem), dnv));
      store<f32>(e + (<usize>i << 2), -dot1(dYi, Y + <usize>i * vRow, dv) / dn);
    }
    // dÂ_ij = G_i·V_j + e_i (j ≤ i), and dφQ_i += Σ_j dÂ_ij φK_j.
    for (let i = 0; i < T; i++) {
      const Gi = G + <usize>i * gRow;
      const dAi = dA + ((<usize>i * <usize>T) << 2);
      const ei = load<f32>(e + (<usize>i << 2));
      const ev = f32x4.splat(ei);
      let j = 0;
      for (; j + 4 <= i + 1; j += 4) {
        const Vj = V + <usize>j * vRow;
        v128.store(dAi + (<usize>j << 2), f32x4.add(dot4(Gi, Vj, Vj + vRow, Vj + 2 * vRow, Vj + 3 * vRow, dv), ev));
      }
      for (; j <= i; j++) store<f32>(dAi + (<usize>j << 2), dot1(Gi, V + <usize>j * vRow, dv) + ei);
      const gQi = gQp + <usize>i * qkRow;
      for (j = 0; j + 4 <= i + 1; j += 4) {
        const Kj = K + <usize>j * qkRow;
        axpy4(gQi, v128.load(dAi + (<usize>j << 2)), Kj, Kj + qkRow, Kj + 2 * qkRow, Kj + 3 * qkRow, D);
      }
      for (; j <= i; j++) axpy1(gQi, load<f32>(dAi + (<usize>j << 2)), K + <usize>j * qkRow, D);
    }
    // dφK_j += Σ_{i ≥ j} dÂ_ij φQ_i;  dV_j += Σ_{i ≥ j} Â_ij G_i (columns of dÂ and Â, gathered four at a time).
    const colStride = <usize>T << 2;
    for (let j = 0; j < T; j++) {
      const gKj = gKp + <usize>j * qkRow;
      const gVj = gV + <usize>j * vRow;
      const dAcol = dA + (<usize>j << 2);
      const Acol = A + (<usize>j << 2);
      let i = j;
      for (; i + 4 <= T; i += 4) {
        const at = <usize>i * colStride;
        const cdA = gatherLanes(dAcol + at, colStride, 4);
        const cA = gatherLanes(Acol + at, colStride, 4);
        const Qi = Q + <usize>i * qkRow;
        axpy4(gKj, cdA, Qi, Qi + qkRow, Qi + 2 * qkRow, Qi + 3 * qkRow, D);
        const Gi = G + <usize>i * gRow;
        axpy4(gVj, cA, Gi, Gi + gRow, Gi + 2 * gRow, Gi + 3 * gRow, dv);
      }
      for (; i < T; i++) {
        const at = <usize>i * colStride;
        axpy1(gKj, load<f32>(dAcol + at), Q + <usize>i * qkRow, D);
        axpy1(gVj, load<f32>(Acol + at), G + <usize>i * gRow, dv);
      }
    }
  }
}
