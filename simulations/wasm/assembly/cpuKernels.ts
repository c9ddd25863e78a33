// AssemblyScript (compiled by scripts/build-wasm.mjs with SIMD; a second build with shared memory for worker
// threads): the float32 hot loops of inference on the CPU. Every kernel mirrors a plain-TypeScript reference in
// simulations/ (named in its comment) and is tested all-close against it (simulations/wasm/cpuKernels.test.ts).
// Operands live at byte offsets in linear memory; all arrays are row-major float32.

// ---------------------------------------------------------------------------------------------------------
// Matmul: y[T, dOut] = x[T, dIn] · W[dIn, dOut] + b        (simulations/ops/linear.ts `linear`)
//
// W is first packed into panels of 8 columns, [dOut/8][dIn][8] (`packPanels`), so the micro-kernel streams it
// contiguously; the micro-kernel keeps a 4 × 8 block of y in eight f32x4 registers and walks k in blocks of KC
// so that the panel slice (KC × 8 floats = 8 KB) stays in L1 and the x block in L2. Rows [rowStart, rowEnd)
// only, so worker threads can split the rows of one product over a shared memory.
// ---------------------------------------------------------------------------------------------------------

const KC: i32 = 256;
const MC: i32 = 64;

/** packed[p][k][j] = W[k][8p + j] (zero beyond dOut). */
export function packPanels(w: usize, packed: usize, dIn: i32, dOut: i32): void {
  const panels = (dOut + 7) >> 3;
  for (let p = 0; p < panels; p++) {
    const col0 = p << 3;
    const base = packed + ((<usize>p * <usize>dIn) << 5);
    if (col0 + 8 <= dOut) {
      for (let k = 0; k < dIn; k++) {
        const src = w + ((<usize>k * <usize>dOut + <usize>col0) << 2);
        const dst = base + (<usize>k << 5);
        v128.store(dst, v128.load(src));
        v128.store(dst + 16, v128.load(src + 16));
      }
    } else {
      for (let k = 0; k < dIn; k++) {
        const dst = base + (<usize>k << 5);
        for (let j = 0; j < 8; j++) {
          const col = col0 + j;
          store<f32>(dst + (<usize>j << 2), col < dOut ? load<f32>(w + ((<usize>k * <usize>dOut + <usize>col) << 2)) : 0);
        }
      }
    }
  }
}

/** y rows [rowStart, rowEnd) = x · W (+ b), from W packed by `packPanels`. */
export function matmulPacked(
  x: usize,
  packed: usize,
  bias: usize,
  y: usize,
  dIn: i32,
  dOut: i32,
  hasBias: i32,
  rowStart: i32,
  rowEnd: i32,
): void {
  const panels = (dOut + 7) >> 3;
  // Start from the bias (or 0); the k blocks then accumulate.
  for (let t = rowStart; t < rowEnd; t++) {
    const row = y + ((<usize>t * <usize>dOut) << 2);
    for (let o = 0; o < dOut; o++) store<f32>(row + (<usize>o << 2), hasBias ? load<f32>(bias + (<usize>o << 2)) : 0);
  }
  for (let k0 = 0; k0 < dIn; k0 += KC) {
    const kc = min(KC, dIn - k0);
    for (let m0 = rowStart; m0 < rowEnd; m0 += MC) {
      const m1 = min(m0 + MC, rowEnd);
      for (let p = 0; p < panels; p++) {
        const panel = packed + ((<usize>p * <usize>dIn + <usize>k0) << 5);
        const col0 = p << 3;
        const full = col0 + 8 <= dOut;
        let m = m0;
        if (full) for (; m + 4 <= m1; m += 4) block4x8(x, panel, y, m, col0, dIn, dOut, k0, kc);
        for (; m < m1; m++) block1x8(x, panel, y, m, col0, dIn, dOut, k0, kc);
      }
    }
  }
}

// @ts-ignore: decorator
@inline
function block4x8(x: usize, panel: usize, y: usize, m: i32, col0: i32, dIn: i32, dOut: i32, k0: i32, kc: i32): void {
  const rowX = <usize>dIn << 2;
  const x0 = x + ((<usize>m * <usize>dIn + <usize>k0) << 2);
  const x1 = x0 + rowX;
  const x2 = x1 + rowX;
  const x3 = x2 + rowX;
  let c00 = f32x4.splat(0);
  let c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0);
  let c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0);
  let c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0);
  let c31 = f32x4.splat(0);
  for (let k = 0; k < kc; k++) {
    const b = panel + (<usize>k << 5);
    const w0 = v128.load(b);
    const w1 = v128.load(b + 16);
    const o = <usize>k << 2;
    const a0 = f32x4.splat(load<f32>(x0 + o));
    c00 = f32x4.add(c00, f32x4.mul(a0, w0));
    c01 = f32x4.add(c01, f32x4.mul(a0, w1));
    const a1 = f32x4.splat(load<f32>(x1 + o));
    c10 = f32x4.add(c10, f32x4.mul(a1, w0));
    c11 = f32x4.add(c11, f32x4.mul(a1, w1));
    const a2 = f32x4.splat(load<f32>(x2 + o));
    c20 = f32x4.add(c20, f32x4.mul(a2, w0));
    c21 = f32x4.add(c21, f32x4.mul(a2, w1));
    const a3 = f32x4.splat(load<f32>(x3 + o));
    c30 = f32x4.add(c30, f32x4.mul(a3, w0));
    c31 = f32x4.add(c31, f32x4.mul(a3, w1));
  }
  const rowY = <usize>dOut << 2;
  const y0 = y + ((<usize>m * <usize>dOut + <usize>col0) << 2);
  addStore(y0, c00);
  addStore(y0 + 16, c01);
  addStore(y0 + rowY, c10);
  addStore(y0 + rowY + 16, c11);
  addStore(y0 + 2 * rowY, c20);
  addStore(y0 + 2 * rowY + 16, c21);
  addStore(y0 + 3 * rowY, c30);
  addStore(y0 + 3 * rowY + 16, c31);
}

// @ts-ignore: decorator
@inline
function addStore(at: usize, v: v128): void {
  v128.store(at, f32x4.add(v128.load(at), v));
}

/** One row against one panel; handles the last rows and a partial last panel. */
function block1x8(x: usize, panel: usize, y: usize, m: i32, col0: i32, dIn: i32, dOut: i32, k0: i32, kc: i32): void {
  const xr = x + ((<usize>m * <usize>dIn + <usize>k0) << 2);
  let c0 = f32x4.splat(0);
  let c1 = f32x4.splat(0);
  for (let k = 0; k < kc; k++) {
    const b = panel + (<usize>k << 5);
    const a = f32x4.splat(load<f32>(xr + (<usize>k << 2)));
    c0 = f32x4.add(c0, f32x4.mul(a, v128.load(b)));
    c1 = f32x4.add(c1, f32x4.mul(a, v128.load(b + 16)));
  }
  const yr = y + ((<usize>m * <usize>dOut + <usize>col0) << 2);
  if (col0 + 8 <= dOut) {
    addStore(yr, c0);
    addStore(yr + 16, c1);
    return;
  }
  for (let j = 0; j < dOut - col0; j++) {
    const v = j < 4 ? laneOf(c0, j) : laneOf(c1, j - 4);
    store<f32>(yr + (<usize>j << 2), load<f32>(yr + (<usize>j << 2)) + v);
  }
}

// @ts-ignore: decorator
@inline
function laneOf(v: v128, j: i32): f32 {
  if (j == 0) return f32x4.extract_lane(v, 0);
  if (j == 1) return f32x4.extract_lane(v, 1);
  if (j == 2) return f32x4.extract_lane(v, 2);
  return f32x4.extract_lane(v, 3);
}

// @ts-ignore: decorator
@inline
function hsum(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3);
}

/** Σ_i a[i]·b[i] over n floats, four lanes at a time. */
function dot(a: usize, b: usize, n: i32): f32 {
  let acc = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    acc = f32x4.add(acc, f32x4.mul(v128.load(a + o), v128.load(b + o)));
  }
  let s = hsum(acc);
  for (; i < n; i++) s += load<f32>(a + (<usize>i << 2)) * load<f32>(b + (<usize>i << 2));
  return s;
}

/** out[i] += w·v[i] over n floats. */
function axpy(out: usize, w: f32, v: usize, n: i32): void {
  const ws = f32x4.splat(w);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(out + o, f32x4.add(v128.load(out + o), f32x4.mul(ws, v128.load(v + o))));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, load<f32>(out + o) + w * load<f32>(v + o));
  }
}

// ---------------------------------------------------------------------------------------------------------
// Causal softmax attention, head-major q, k, v [H, T, dh]   (simulations/attention/causalSoftmaxAttention.ts)
//   S_ij = q_i·k_j/√dh for max(0, i − window + 1) ≤ j ≤ i;  A_i = softmax(S_i);  y_i = Σ_j A_ij v_j
// window ≤ 0 means full causal. Weights [H, T, T] are written (zero outside the band) because the
// visualisations show them; queries [queryStart, queryEnd) of every head only, for worker threads.
// ---------------------------------------------------------------------------------------------------------

export function causalAttention(
  q: usize,
  k: usize,
  v: usize,
  out: usize,
  weights: usize,
  H: i32,
  T: i32,
  dh: i32,
  window: i32,
  queryStart: i32,
  queryEnd: i32,
): void {
  const scale: f32 = 1 / Mathf.sqrt(<f32>dh);
  const headBytes = (<usize>T * <usize>dh) << 2;
  for (let h = 0; h < H; h++) {
    const qh = q + <usize>h * headBytes;
    const kh = k + <usize>h * headBytes;
    const vh = v + <usize>h * headBytes;
    const oh = out + <usize>h * headBytes;
    for (let i = queryStart; i < queryEnd; i++) {
      const row = weights + ((<usize>h * <usize>T + <usize>i) * <usize>T << 2);
      const first = window > 0 ? max(0, i - window + 1) : 0;
      const qi = qh + ((<usize>i * <usize>dh) << 2);
      let maxScore: f32 = -Infinity;
      for (let j = first; j <= i; j++) {
        const s = dot(qi, kh + ((<usize>j * <usize>dh) << 2), dh) * scale;
        store<f32>(row + (<usize>j << 2), s);
        if (s > maxScore) maxScore = s;
      }
      let total: f32 = 0;
      for (let j = first; j <= i; j++) {
        const e = Mathf.exp(load<f32>(row + (<usize>j << 2)) - maxScore);
        store<f32>(row + (<usize>j << 2), e);
        total += e;
      }
      const inv: f32 = 1 / total;
      const oi = oh + ((<usize>i * <usize>dh) << 2);
      memory.fill(oi, 0, <usize>dh << 2);
      for (let j = 0; j < first; j++) store<f32>(row + (<usize>j << 2), 0);
      for (let j = first; j <= i; j++) {
        const w = load<f32>(row + (<usize>j << 2)) * inv;
        store<f32>(row + (<usize>j << 2), w);
        axpy(oi, w, vh + ((<usize>j * <usize>dh) << 2), dh);
      }
      for (let j = i + 1; j < T; j++) store<f32>(row + (<usize>j << 2), 0);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Mamba's selective scan (simulations/ssm/selectiveScan.ts), channels [channelStart, channelEnd):
//   h_t[c, n] = exp(Δ_t[c]·A[c, n])·h_{t−1}[c, n] + Δ_t[c]·B_t[n]·x_t[c];  y_t[c] = Σ_n C_t[n]·h_t[c, n] + D[c]·x_t[c]
// `h` is scratch of N floats per channel range; with states ≠ 0 every h_t is written to states [T, D, N].
// ---------------------------------------------------------------------------------------------------------

export function selectiveScan(
  x: usize,
  delta: usize,
  A: usize,
  B: usize,
  C: usize,
  Dskip: usize,
  y: usize,
  states: usize,
  h: usize,
  T: i32,
  D: i32,
  N: i32,
  channelStart: i32,
  channelEnd: i32,
): void {
  const nBytes = <usize>N << 2;
  for (let c = channelStart; c < channelEnd; c++) {
    memory.fill(h, 0, nBytes);
    const Ac = A + <usize>c * nBytes;
    const skip = load<f32>(Dskip + (<usize>c << 2));
    for (let t = 0; t < T; t++) {
      const at = (<usize>t * <usize>D + <usize>c) << 2;
      const dt = load<f32>(delta + at);
      const xt = load<f32>(x + at);
      const Bt = B + <usize>t * nBytes;
      const Ct = C + <usize>t * nBytes;
      const dx = dt * xt;
      let acc: f32 = 0;
      for (let n = 0; n < N; n++) {
        const o = <usize>n << 2;
        const hn = Mathf.exp(dt * load<f32>(Ac + o)) * load<f32>(h + o) + dx * load<f32>(Bt + o);
        store<f32>(h + o, hn);
        acc += load<f32>(Ct + o) * hn;
      }
      store<f32>(y + at, acc + skip * xt);
      if (states) memory.copy(states + (<usize>t * <usize>D + <usize>c) * nBytes, h, nBytes);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// RG-LRU (simulations/recurrent/rgLru.ts): a_t = exp(−8·r_t·softplus(Λ));
//   h_t = a_t·h_{t−1} + √(1 − a_t²)·i_t·x_t   (multiplier 1 at t = 0)
// ---------------------------------------------------------------------------------------------------------

export function rgLru(x: usize, r: usize, i: usize, spLambda: usize, h: usize, a: usize, T: i32, D: i32): void {
  for (let c = 0; c < D; c++) {
    const lam = load<f32>(spLambda + (<usize>c << 2));
    let state: f32 = 0;
    for (let t = 0; t < T; t++) {
      const o = (<usize>t * <usize>D + <usize>c) << 2;
      const at = Mathf.exp(-8 * load<f32>(r + o) * lam);
      const mult: f32 = t == 0 ? 1 : Mathf.sqrt(1 - at * at);
      state = at * state + mult * load<f32>(i + o) * load<f32>(x + o);
      store<f32>(a + o, at);
      store<f32>(h + o, state);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Depthwise causal conv (simulations/ops/causalConv1d.ts): y[t, c] = b[c] + Σ_k w[c, k]·x[t − (K − 1) + k, c]
// ---------------------------------------------------------------------------------------------------------

export function causalConv(x: usize, w: usize, bias: usize, y: usize, T: i32, D: i32, K: i32, hasBias: i32): void {
  for (let t = 0; t < T; t++) {
    const yt = y + ((<usize>t * <usize>D) << 2);
    for (let c = 0; c < D; c++) {
      let acc: f32 = hasBias ? load<f32>(bias + (<usize>c << 2)) : 0;
      for (let k = 0; k < K; k++) {
        const s = t - (K - 1) + k;
        if (s >= 0) acc += load<f32>(w + ((<usize>c * <usize>K + <usize>k) << 2)) * load<f32>(x + ((<usize>s * <usize>D + <usize>c) << 2));
      }
      store<f32>(yt + (<usize>c << 2), acc);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Linear attention, recurrent form, one head (simulations/linearAttention/linearAttention.ts):
//   S_t = S_{t−1} + φ(k_t) v_tᵀ,  z_t = z_{t−1} + φ(k_t),  y_t = φ(q_t)ᵀ S_t / (φ(q_t)ᵀ z_t + ε)
// φ is applied by the caller. S [F, dv] and z [F] are scratch; with states ≠ 0, S_t → states [T, F, dv] and
// z_t → normalisers [T, F]. Each state row is updated with an f32x4 axpy over dv.
// ---------------------------------------------------------------------------------------------------------

export function linearAttentionHead(
  phiQ: usize,
  phiK: usize,
  v: usize,
  out: usize,
  S: usize,
  z: usize,
  states: usize,
  normalisers: usize,
  T: i32,
  F: i32,
  dv: i32,
  eps: f32,
): void {
  const rowBytes = <usize>dv << 2;
  memory.fill(S, 0, <usize>F * rowBytes);
  memory.fill(z, 0, <usize>F << 2);
  for (let t = 0; t < T; t++) {
    const kt = phiK + ((<usize>t * <usize>F) << 2);
    const qt = phiQ + ((<usize>t * <usize>F) << 2);
    const vt = v + <usize>t * rowBytes;
    const yt = out + <usize>t * rowBytes;
    for (let a = 0; a < F; a++) {
      const ka = load<f32>(kt + (<usize>a << 2));
      store<f32>(z + (<usize>a << 2), load<f32>(z + (<usize>a << 2)) + ka);
      axpy(S + <usize>a * rowBytes, ka, vt, dv);
    }
    const denom = dot(qt, z, F) + eps;
    memory.fill(yt, 0, rowBytes);
    for (let a = 0; a < F; a++) axpy(yt, load<f32>(qt + (<usize>a << 2)), S + <usize>a * rowBytes, dv);
    const inv = f32x4.splat(1 / denom);
    let c = 0;
    for (; c + 4 <= dv; c += 4) v128.store(yt + (<usize>c << 2), f32x4.mul(v128.load(yt + (<usize>c << 2)), inv));
    for (; c < dv; c++) store<f32>(yt + (<usize>c << 2), load<f32>(yt + (<usize>c << 2)) / denom);
    if (states) {
      memory.copy(states + <usize>t * <usize>F * rowBytes, S, <usize>F * rowBytes);
      memory.copy(normalisers + ((<usize>t * <usize>F) << 2), z, <usize>F << 2);
    }
  }
}

/** The first byte after the module's static data (Mathf's tables live below it): operands go above. */
export function heapBase(): usize {
  return __heap_base;
}
