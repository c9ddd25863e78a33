// Dense products of the float32 training step (simulations/wasm/train/denseKernels.ts describes the calls):
//   gemm          C[m, :] (+)= Σ_k opA[m, k]·opB[k, :]     (forward y = x W, backward dX = dY Wᵀ, dW = Xᵀ dY)
//   columnSums    out[n] (+)= Σ_r x[r, n]                  (bias gradients)
//   addRowVector  y[r, :] += bias                          (bias forward)
//
// gemm is a BLIS-style blocked product. For each block of KC values of k (and NC columns): opB's block is
// packed into panels of 8 columns, [panel][k][8] (zero beyond N); then, for each block of MC rows of the
// caller's row range, opA's block is packed into groups of 4 rows, [group][k][4] (zero beyond the range), and
// a 4 × 8 micro-kernel keeps the block of C in eight f32x4 registers: per k it loads the panel's 8 values (two
// v128) and broadcasts the group's 4 values (load32_splat), 16 multiplies and 16 adds. The panel (KC·8 floats)
// stays in L1, the packed rows in L2. Packing also absorbs the transposes, so the four (transA, transB) cases
// share one kernel.
//
// Summation order (so results do not depend on how rows are split across threads): every element of C is
//   c = init;  for each k block:  c = c + (((a_k0·b_k0 + a_k0+1·b_k0+1) + …)  (left to right, starting from 0)
// with init = C (accumulate) or the first block's sum stored as is. Neither the 4-row grouping nor the padding
// changes any element's sequence of operations (lanes are independent and padding only fills unused lanes).

const KC: i32 = 256;
const NC: i32 = 1024;
/** Floats of packed A per row block (128 KB, L2-resident). */
const A_BLOCK: i32 = 32768;

// @ts-ignore: decorator
@inline
function kBlock(K: i32): i32 {
  return min(K, KC);
}

// @ts-ignore: decorator
@inline
function rowBlock(K: i32): i32 {
  return max(4, (A_BLOCK / kBlock(K)) & ~3);
}

/** Floats of `scratch` one gemm call needs (packed opB block, packed opA block). */
export function gemmScratchFloats(M: i32, N: i32, K: i32): i32 {
  const kc = kBlock(K);
  const nc = min(N, NC);
  const panels = (nc + 7) >> 3;
  const mc = min(rowBlock(K), (M + 3) & ~3);
  return panels * 8 * kc + mc * kc + 16;
}

/**
 * C rows [rowStart, rowEnd) = (accumulate ? C : 0) + opA·opB, opA [M, K] (stored [K, M] when transA), opB [K, N]
 * (stored [N, K] when transB). `scratch` holds gemmScratchFloats(M, N, K) floats, private to this call.
 */
export function gemm(
  a: usize,
  b: usize,
  c: usize,
  M: i32,
  N: i32,
  K: i32,
  transA: i32,
  transB: i32,
  accumulate: i32,
  scratch: usize,
  rowStart: i32,
  rowEnd: i32,
): void {
  if (rowStart >= rowEnd || N <= 0) return;
  if (K <= 0) {
    if (!accumulate) for (let m = rowStart; m < rowEnd; m++) memory.fill(c + ((<usize>m * <usize>N) << 2), 0, <usize>N << 2);
    return;
  }
  const kcMax = kBlock(K);
  const mcMax = rowBlock(K);
  const ncMax = min(N, NC);
  const pb = scratch;
  const pa = scratch + ((<usize>(((ncMax + 7) >> 3) * 8 * kcMax)) << 2);
  const ldc = <usize>N << 2;
  for (let n0 = 0; n0 < N; n0 += NC) {
    const nc = min(NC, N - n0);
    const panels = (nc + 7) >> 3;
    for (let k0 = 0; k0 < K; k0 += KC) {
      const kc = min(KC, K - k0);
      const add = accumulate != 0 || k0 > 0;
      packB(b, pb, N, K, transB, k0, kc, n0, nc);
      for (let m0 = rowStart; m0 < rowEnd; m0 += mcMax) {
        const mc = min(mcMax, rowEnd - m0);
        packA(a, pa, M, K, transA, m0, mc, k0, kc);
        const groups = (mc + 3) >> 2;
        for (let p = 0; p < panels; p++) {
          const panel = pb + ((<usize>p * <usize>kc) << 5);
          const cols = min(8, nc - (p << 3));
          const cp = c + ((<usize>m0 * <usize>N + <usize>(n0 + (p << 3))) << 2);
          for (let g = 0; g < groups; g++) {
            const rows = min(4, mc - (g << 2));
            kernel4x8(pa + ((<usize>g * <usize>kc) << 4), panel, kc, cp + <usize>(g << 2) * ldc, ldc, rows, cols, add);
          }
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Packing
// ---------------------------------------------------------------------------------------------------------

/** pb[p][k][j] = opB[k0 + k, n0 + 8p + j] for k < kc (0 beyond the nc columns). */
function packB(b: usize, pb: usize, N: i32, K: i32, transB: i32, k0: i32, kc: i32, n0: i32, nc: i32): void {
  const panels = (nc + 7) >> 3;
  for (let p = 0; p < panels; p++) {
    const col0 = n0 + (p << 3);
    const cols = min(8, nc - (p << 3));
    let dst = pb + ((<usize>p * <usize>kc) << 5);
    if (cols == 8 && !transB) {
      // opB[k, n] = b[k·N + n]: two contiguous v128 per k.
      let src = b + ((<usize>k0 * <usize>N + <usize>col0) << 2);
      const ld = <usize>N << 2;
      for (let k = 0; k < kc; k++) {
        v128.store(dst, v128.load(src));
        v128.store(dst, v128.load(src, 16), 16);
        src += ld;
        dst += 32;
      }
    } else if (cols == 8) {
      // opB[k, n] = b[n·K + k]: 8 rows of b, transposed four k at a time.
      const ld = <usize>K << 2;
      const r0 = b + ((<usize>col0 * <usize>K + <usize>k0) << 2);
      const r4 = r0 + 4 * ld;
      let k = 0;
      for (; k + 4 <= kc; k += 4) {
        const o = <usize>k << 2;
        transposeStore(r0 + o, ld, dst, 32);
        transposeStore(r4 + o, ld, dst + 16, 32);
        dst += 128;
      }
      for (; k < kc; k++) {
        for (let j = 0; j < 8; j++) store<f32>(dst + (<usize>j << 2), load<f32>(r0 + <usize>j * ld + (<usize>k << 2)));
        dst += 32;
      }
    } else {
      for (let k = 0; k < kc; k++) {
        for (let j = 0; j < 8; j++) {
          let v: f32 = 0;
          if (j < cols) {
            const n = <usize>(col0 + j);
            const kk = <usize>(k0 + k);
            v = transB ? load<f32>(b + ((n * <usize>K + kk) << 2)) : load<f32>(b + ((kk * <usize>N + n) << 2));
          }
          store<f32>(dst + (<usize>j << 2), v);
        }
        dst += 32;
      }
    }
  }
}

/** pa[g][k][r] = opA[m0 + 4g + r, k0 + k] for k < kc (0 beyond the mc rows). */
function packA(a: usize, pa: usize, M: i32, K: i32, transA: i32, m0: i32, mc: i32, k0: i32, kc: i32): void {
  const groups = (mc + 3) >> 2;
  for (let g = 0; g < groups; g++) {
    const row0 = m0 + (g << 2);
    const rows = min(4, mc - (g << 2));
    let dst = pa + ((<usize>g * <usize>kc) << 4);
    if (rows == 4 && transA) {
      // opA[m, k] = a[k·M + m]: the group's 4 values are contiguous.
      let src = a + ((<usize>k0 * <usize>M + <usize>row0) << 2);
      const ld = <usize>M << 2;
      for (let k = 0; k < kc; k++) {
        v128.store(dst, v128.load(src));
        src += ld;
        dst += 16;
      }
    } else if (rows == 4) {
      // opA[m, k] = a[m·K + k]: 4 rows, transposed four k at a time.
      const ld = <usize>K << 2;
      const r0 = a + ((<usize>row0 * <usize>K + <usize>k0) << 2);
      let k = 0;
      for (; k + 4 <= kc; k += 4) {
        transposeStore(r0 + (<usize>k << 2), ld, dst, 16);
        dst += 64;
      }
      for (; k < kc; k++) {
        for (let r = 0; r < 4; r++) store<f32>(dst + (<usize>r << 2), load<f32>(r0 + <usize>r * ld + (<usize>k << 2)));
        dst += 16;
      }
    } else {
      for (let k = 0; k < kc; k++) {
        for (let r = 0; r < 4; r++) {
          let v: f32 = 0;
          if (r < rows) {
            const m = <usize>(row0 + r);
            const kk = <usize>(k0 + k);
            v = transA ? load<f32>(a + ((kk * <usize>M + m) << 2)) : load<f32>(a + ((m * <usize>K + kk) << 2));
          }
          store<f32>(dst + (<usize>r << 2), v);
        }
        dst += 16;
      }
    }
  }
}

/** Reads 4 × 4 floats (rows `src + r·ld`), writes their transpose as 4 v128 at `dst + u·stride`. */
// @ts-ignore: decorator
@inline
export function transposeStore(src: usize, ld: usize, dst: usize, stride: usize): void {
  const v0 = v128.load(src);
  const v1 = v128.load(src + ld);
  const v2 = v128.load(src + 2 * ld);
  const v3 = v128.load(src + 3 * ld);
  const t0 = v128.shuffle<f32>(v0, v1, 0, 4, 1, 5);
  const t1 = v128.shuffle<f32>(v2, v3, 0, 4, 1, 5);
  const t2 = v128.shuffle<f32>(v0, v1, 2, 6, 3, 7);
  const t3 = v128.shuffle<f32>(v2, v3, 2, 6, 3, 7);
  v128.store(dst, v128.shuffle<f32>(t0, t1, 0, 1, 4, 5));
  v128.store(dst + stride, v128.shuffle<f32>(t0, t1, 2, 3, 6, 7));
  v128.store(dst + 2 * stride, v128.shuffle<f32>(t2, t3, 0, 1, 4, 5));
  v128.store(dst + 3 * stride, v128.shuffle<f32>(t2, t3, 2, 3, 6, 7));
}

// ---------------------------------------------------------------------------------------------------------
// Micro-kernel: C[0..rows, 0..cols] (+)= Σ_k pa[k][r]·pb[k][j].
// ---------------------------------------------------------------------------------------------------------

export function kernel4x8(pa: usize, pb: usize, kc: i32, c: usize, ldc: usize, rows: i32, cols: i32, add: bool): void {
  let c00 = f32x4.splat(0);
  let c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0);
  let c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0);
  let c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0);
  let c31 = f32x4.splat(0);
  // One k per trip: TurboFan hoists a trip's loads to its top, so unrolling (or a fifth row) spills accumulators.
  let a = pa;
  let b = pb;
  const end = pb + (<usize>kc << 5);
  while (b < end) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    let x = v128.load32_splat(a);
    c00 = f32x4.add(c00, f32x4.mul(x, b0));
    c01 = f32x4.add(c01, f32x4.mul(x, b1));
    x = v128.load32_splat(a, 4);
    c10 = f32x4.add(c10, f32x4.mul(x, b0));
    c11 = f32x4.add(c11, f32x4.mul(x, b1));
    x = v128.load32_splat(a, 8);
    c20 = f32x4.add(c20, f32x4.mul(x, b0));
    c21 = f32x4.add(c21, f32x4.mul(x, b1));
    x = v128.load32_splat(a, 12);
    c30 = f32x4.add(c30, f32x4.mul(x, b0));
    c31 = f32x4.add(c31, f32x4.mul(x, b1));
    a += 16;
    b += 32;
  }
  if (rows == 4 && cols == 8) {
    const c1 = c + ldc;
    const c2 = c1 + ldc;
    const c3 = c2 + ldc;
    if (add) {
      addStore(c, c00);
      addStore(c + 16, c01);
      addStore(c1, c10);
      addStore(c1 + 16, c11);
      addStore(c2, c20);
      addStore(c2 + 16, c21);
      addStore(c3, c30);
      addStore(c3 + 16, c31);
    } else {
      v128.store(c, c00);
      v128.store(c, c01, 16);
      v128.store(c1, c10);
      v128.store(c1, c11, 16);
      v128.store(c2, c20);
      v128.store(c2, c21, 16);
      v128.store(c3, c30);
      v128.store(c3, c31, 16);
    }
    return;
  }
  storeRow(c, c00, c01, cols, add);
  if (rows > 1) storeRow(c + ldc, c10, c11, cols, add);
  if (rows > 2) storeRow(c + 2 * ldc, c20, c21, cols, add);
  if (rows > 3) storeRow(c + 3 * ldc, c30, c31, cols, add);
}

// @ts-ignore: decorator
@inline
export function addStore(at: usize, v: v128): void {
  v128.store(at, f32x4.add(v128.load(at), v));
}

/** The first `cols` (≤ 8) values of (v0, v1) stored at (or added to) `at`. */
// @ts-ignore: decorator
@inline
export function storeRow(at: usize, v0: v128, v1: v128, cols: i32, add: bool): void {
  if (cols >= 4) {
    if (add) addStore(at, v0);
    else v128.store(at, v0);
    if (cols == 8) {
      if (add) addStore(at + 16, v1);
      else v128.store(at + 16, v1);
      return;
    }
    storeLanes(at + 16, v1, cols - 4, add);
    return;
  }
  storeLanes(at, v0, cols, add);
}

/** The first n (< 4) lanes of v stored at (or added to) `at`. */
export function storeLanes(at: usize, v: v128, n: i32, add: bool): void {
  if (n > 0) storeLane(at, f32x4.extract_lane(v, 0), add);
  if (n > 1) storeLane(at + 4, f32x4.extract_lane(v, 1), add);
  if (n > 2) storeLane(at + 8, f32x4.extract_lane(v, 2), add);
  if (n > 3) storeLane(at + 12, f32x4.extract_lane(v, 3), add);
}

// @ts-ignore: decorator
@inline
function storeLane(at: usize, x: f32, add: bool): void {
  store<f32>(at, add ? load<f32>(at) + x : x);
}

// ---------------------------------------------------------------------------------------------------------
// Bias: columnSums (backward) and addRowVector (forward)
// ---------------------------------------------------------------------------------------------------------

/** out[n] (+)= Σ_r x[r, n] for n in [colStart, colEnd); each column summed over r in order from 0. */
export function columnSums(x: usize, out: usize, R: i32, N: i32, accumulate: i32, colStart: i32, colEnd: i32): void {
  const ld = <usize>N << 2;
  let n = colStart;
  for (; n + 16 <= colEnd; n += 16) {
    let s0 = f32x4.splat(0);
    let s1 = f32x4.splat(0);
    let s2 = f32x4.splat(0);
    let s3 = f32x4.splat(0);
    let p = x + (<usize>n << 2);
    for (let r = 0; r < R; r++) {
      s0 = f32x4.add(s0, v128.load(p));
      s1 = f32x4.add(s1, v128.load(p, 16));
      s2 = f32x4.add(s2, v128.load(p, 32));
      s3 = f32x4.add(s3, v128.load(p, 48));
      p += ld;
    }
    const o = out + (<usize>n << 2);
    if (accumulate) {
      addStore(o, s0);
      addStore(o + 16, s1);
      addStore(o + 32, s2);
      addStore(o + 48, s3);
    } else {
      v128.store(o, s0);
      v128.store(o, s1, 16);
      v128.store(o, s2, 32);
      v128.store(o, s3, 48);
    }
  }
  for (; n + 4 <= colEnd; n += 4) {
    let s = f32x4.splat(0);
    let p = x + (<usize>n << 2);
    for (let r = 0; r < R; r++) {
      s = f32x4.add(s, v128.load(p));
      p += ld;
    }
    const o = out + (<usize>n << 2);
    if (accumulate) addStore(o, s);
    else v128.store(o, s);
  }
  for (; n < colEnd; n++) {
    let s: f32 = 0;
    let p = x + (<usize>n << 2);
    for (let r = 0; r < R; r++) {
      s += load<f32>(p);
      p += ld;
    }
    const o = out + (<usize>n << 2);
    store<f32>(o, accumulate ? load<f32>(o) + s : s);
  }
}

/** y[r, :] += bias for rows r in [rowStart, rowEnd). */
export function addRowVector(y: usize, bias: usize, R: i32, N: i32, rowStart: i32, rowEnd: i32): void {
  for (let r = rowStart; r < rowEnd; r++) {
    const row = y + ((<usize>r * <usize>N) << 2);
    let n = 0;
    for (; n + 4 <= N; n += 4) {
      const o = <usize>n << 2;
      addStore(row + o, v128.load(bias + o));
    }
    for (; n < N; n++) {
      const o = <usize>n << 2;
      store<f32>(row + o, load<f32>(row + o) + load<f32>(bias + o));
    }
  }
}
