// Causal multi-head softmax attention of the float32 training step, forward and backward, the float32 twin of
// `causalAttention` in simulations/training/ops/attention.ts. q, k, v, y [B·T, H·dh]: head h of sequence b is the
// column block h·dh … h·dh + dh − 1 of rows b·T … b·T + T − 1 (leading dimension ld = H·dh, read in place).
// Per (sequence, head) pair, scale = 1/√dh, query i sees keys lo_i … i with lo_i = max(0, i − W) (W = window ≥ 0)
// or 0 (window < 0), and P is the masked row-softmax of S = scale·Q Kᵀ:
//   forward   O = P V                                  (probs [B·H, T, T] keeps P, exactly 0 outside the band)
//   backward  dP = dO Vᵀ,  dS = P ⊙ (dP − rowsum(P ⊙ dP)),  dQ = scale·dS K,  dK = scale·dSᵀ Q,  dV = Pᵀ dO
// Work is done in groups of 4 query rows i0 … i0 + 3, whose keys lie in [lo, hi) = [lo_i0, min(T, i0 + 4)):
//   S = Q Kᵀ     dot-product kernel (4 query rows × 2 keys, f32x4 lanes along d, reduced by shuffles); the
//                forward has no scratch to pack Kᵀ in
//   dP = dO Vᵀ   the gemm micro-kernel (gemm.ts kernel4x8) on dO's rows and Vᵀ packed in scratch
//   P V, dS K    outer-product kernel reading 4 rows of P (or dS) by broadcast and 8 columns of V (or K) per k
//   dSᵀ Q, Pᵀ dO outer-product kernel reading a column strip of dS (or P): key rows j0 … j0 + 3, k = i over
//                [j0, min(T, j0 + 4 + W)) — the queries that see those keys.
// Only the band is computed (the masked part of S, P and dS is skipped); the exp is a vectorised Cephes
// polynomial (≈ 1 ulp). Pairs [start, end) per call, so threads split them; each pair's sums run in a fixed
// order whatever the split.
import { addStore, kernel4x8, storeRow, transposeStore } from './gemm';

/**
 * Floats of `scratch` one attentionBackward call needs: dP / dS [T, T], a [T, 4] strip, Vᵀ packed in panels of
 * 8 keys [⌈T/8⌉][dh][8] and a group of 4 rows of dO packed [dh][4], plus padding.
 */
export function attentionScratchFloats(T: i32, dh: i32): i32 {
  return T * T + 4 * T + ((T + 7) & ~7) * dh + 4 * dh + 16;
}

// @ts-ignore: decorator
@inline
function firstKey(i: i32, window: i32): i32 {
  return window < 0 ? 0 : max(0, i - window);
}

/** y and probs of pairs p = b·H + h in [start, end). */
export function attentionForward(
  q: usize,
  k: usize,
  v: usize,
  y: usize,
  probs: usize,
  B: i32,
  T: i32,
  H: i32,
  dh: i32,
  window: i32,
  start: i32,
  end: i32,
): void {
  const scale: f32 = 1 / Mathf.sqrt(<f32>dh);
  const ld = <usize>(H * dh) << 2;
  const rowP = <usize>T << 2;
  for (let p = start; p < end; p++) {
    const b = p / H;
    const h = p % H;
    const head = (<usize>b * <usize>T) * ld + ((<usize>h * <usize>dh) << 2);
    const qh = q + head;
    const kh = k + head;
    const vh = v + head;
    const yh = y + head;
    const P = probs + <usize>p * <usize>T * rowP;
    for (let i0 = 0; i0 < T; i0 += 4) {
      const rows = min(4, T - i0);
      const lo = firstKey(i0, window);
      const hi = min(T, i0 + 4);
      // S = scale·Q Kᵀ on the group's keys (entries outside a row's band are overwritten below).
      scoreBlock(qh + <usize>i0 * ld, ld, rows, kh, ld, lo, hi, dh, scale, P + <usize>i0 * rowP + (<usize>lo << 2), rowP);
      // P = row-softmax over the band lo_i … i, exactly 0 elsewhere.
      for (let r = 0; r < rows; r++) {
        const i = i0 + r;
        softmaxRow(P + <usize>i * rowP, firstKey(i, window), i, T);
      }
      // O = P V over the keys [lo, hi) (P is 0 outside each row's band, so the sum is the full one).
      productRows(P + <usize>i0 * rowP + (<usize>lo << 2), rowP, rows, vh + <usize>lo * ld, ld, hi - lo, yh + <usize>i0 * ld, ld, dh, false);
    }
  }
}

/** dq, dk, dv += the gradients of pairs [start, end), given dy = dO and the forward's probs. */
export function attentionBackward(
  q: usize,
  k: usize,
  v: usize,
  probs: usize,
  dy: usize,
  dq: usize,
  dk: usize,
  dv: usize,
  scratch: usize,
  B: i32,
  T: i32,
  H: i32,
  dh: i32,
  window: i32,
  start: i32,
  end: i32,
): void {
  const scale: f32 = 1 / Mathf.sqrt(<f32>dh);
  const ld = <usize>(H * dh) << 2;
  const rowP = <usize>T << 2;
  const D = scratch; // dP, then dS (row-major [T, T], written on each group's band and the columns dK reads)
  const strip = D + ((<usize>T * <usize>T + 4) << 2); // [T][4] copy of a partial column group of P
  const vt = strip + (<usize>T << 4); // Vᵀ in panels of 8 keys: vt[p][d][jj] = V[8p + jj, d]
  const ga = vt + ((<usize>((T + 7) & ~7) * <usize>dh) << 2); // rows i0 … i0 + 3 of dO: ga[d][r] = dO[i0 + r, d]
  const panelBytes = <usize>dh << 5;
  for (let p = start; p < end; p++) {
    const b = p / H;
    const h = p % H;
    const head = (<usize>b * <usize>T) * ld + ((<usize>h * <usize>dh) << 2);
    const P = probs + <usize>p * <usize>T * rowP;
    const doh = dy + head;
    packKeyPanels(v + head, ld, T, dh, vt);
    for (let i0 = 0; i0 < T; i0 += 4) {
      const rows = min(4, T - i0);
      const lo = firstKey(i0, window);
      const hi = min(T, i0 + 4);
      // dP = dO Vᵀ on the panels of 8 keys that hold the group's keys [lo, hi), by the gemm micro-kernel (extra
      // columns of those panels get finite values that nothing reads).
      packRows(doh + <usize>i0 * ld, ld, rows, dh, ga);
      for (let j8 = lo >> 3; j8 <= (hi - 1) >> 3; j8++)
        kernel4x8(ga, vt + <usize>j8 * panelBytes, dh, D + <usize>i0 * rowP + (<usize>j8 << 5), rowP, rows, min(8, T - (j8 << 3)), false);
      // dS = scale·P ⊙ (dP − rowsum(P ⊙ dP)) on the band; 0 on the rest of [rlo, hi), the columns that dK's
      // strips read (keys j ≥ i0 − W − 3 of these rows).
      const rlo = window < 0 ? 0 : max(0, i0 - window - 3);
      for (let r = 0; r < rows; r++) {
        const i = i0 + r;
        gradScoresRow(P + <usize>i * rowP, D + <usize>i * rowP, firstKey(i, window), i, rlo, hi, scale);
      }
      // dQ += dS K.
      productRows(D + <usize>i0 * rowP + (<usize>lo << 2), rowP, rows, k + head + <usize>lo * ld, ld, hi - lo, dq + head + <usize>i0 * ld, ld, dh, true);
    }
    for (let j0 = 0; j0 < T; j0 += 4) {
      const rows = min(4, T - j0);
      const iEnd = window < 0 ? T : min(T, j0 + 4 + window);
      const n = iEnd - j0;
      // dK += dSᵀ Q and dV += Pᵀ dO, over the queries i in [j0, iEnd) that see keys j0 … j0 + 3.
      // In a partial group the lanes past T read scratch whose results are discarded; P's strip is copied so
      // that no read leaves probs.
      const ds = D + ((<usize>j0 * <usize>T + <usize>j0) << 2);
      productColumns(ds, rowP, rows, q + head + <usize>j0 * ld, ld, n, dk + head + <usize>j0 * ld, ld, dh);
      let pa = P + ((<usize>j0 * <usize>T + <usize>j0) << 2);
      let step = rowP;
      if (rows < 4) {
        for (let t = 0; t < n; t++)
          for (let r = 0; r < 4; r++)
            store<f32>(strip + (<usize>(t * 4 + r) << 2), r < rows ? load<f32>(pa + <usize>t * rowP + (<usize>r << 2)) : 0);
        pa = strip;
        step = 16;
      }
      productColumns(pa, step, rows, doh + <usize>j0 * ld, ld, n, dv + head + <usize>j0 * ld, ld, dh);
    }
  }
}

/** out[p][d][jj] = x[(8p + jj)·ld + d] for the T rows of x (stride ld bytes), 0 beyond T: panels of 8 rows, transposed. */
function packKeyPanels(x: usize, ld: usize, T: i32, dh: i32, out: usize): void {
  for (let j0 = 0; j0 < T; j0 += 8) {
    const dst = out + ((<usize>j0 * <usize>dh) << 2);
    const src = x + <usize>j0 * ld;
    let d = 0;
    if (j0 + 8 <= T)
      for (; d + 4 <= dh; d += 4) {
        transposeStore(src + (<usize>d << 2), ld, dst + (<usize>d << 5), 32);
        transposeStore(src + 4 * ld + (<usize>d << 2), ld, dst + (<usize>d << 5) + 16, 32);
      }
    for (; d < dh; d++)
      for (let jj = 0; jj < 8; jj++)
        store<f32>(dst + (<usize>d << 5) + (<usize>jj << 2), j0 + jj < T ? load<f32>(src + <usize>jj * ld + (<usize>d << 2)) : 0);
  }
}

/** out[d][r] = x[r·ld + d] for r < rows (0 for rows ≤ r < 4): a group of rows packed for kernel4x8. */
function packRows(x: usize, ld: usize, rows: i32, dh: i32, out: usize): void {
  let d = 0;
  if (rows == 4) for (; d + 4 <= dh; d += 4) transposeStore(x + (<usize>d << 2), ld, out + (<usize>d << 4), 16);
  for (; d < dh; d++)
    for (let r = 0; r < 4; r++) store<f32>(out + (<usize>d << 4) + (<usize>r << 2), r < rows ? load<f32>(x + <usize>r * ld + (<usize>d << 2)) : 0);
}

// ---------------------------------------------------------------------------------------------------------
// Softmax and its backward, one row
// ---------------------------------------------------------------------------------------------------------

/** row[lo..i] = softmax(row[lo..i]); row[j] = 0 for j < lo or j > i (row has T floats). */
function softmaxRow(row: usize, lo: i32, i: i32, T: i32): void {
  const n = i - lo + 1;
  const s = row + (<usize>lo << 2);
  let mv = f32x4.splat(-Infinity);
  let j = 0;
  // pmax / select: one instruction each (the scores are finite; f32x4.max's NaN and ±0 rules cost ~6).
  for (; j + 4 <= n; j += 4) mv = f32x4.pmax(mv, v128.load(s + (<usize>j << 2)));
  let m = fmax(fmax(f32x4.extract_lane(mv, 0), f32x4.extract_lane(mv, 1)), fmax(f32x4.extract_lane(mv, 2), f32x4.extract_lane(mv, 3)));
  for (; j < n; j++) m = fmax(m, load<f32>(s + (<usize>j << 2)));
  const ms = f32x4.splat(m);
  let sv = f32x4.splat(0);
  j = 0;
  for (; j + 4 <= n; j += 4) {
    const at = s + (<usize>j << 2);
    const e = expNeg(f32x4.sub(v128.load(at), ms));
    v128.store(at, e);
    sv = f32x4.add(sv, e);
  }
  let total = (f32x4.extract_lane(sv, 0) + f32x4.extract_lane(sv, 1)) + (f32x4.extract_lane(sv, 2) + f32x4.extract_lane(sv, 3));
  for (; j < n; j++) {
    const at = s + (<usize>j << 2);
    const e = f32x4.extract_lane(expNeg(f32x4.splat(load<f32>(at) - m)), 0);
    store<f32>(at, e);
    total += e;
  }
  const inv: f32 = 1 / total;
  scaleSpan(s, n, inv);
  zeroSpan(row, lo);
  zeroSpan(row + (<usize>(i + 1) << 2), T - i - 1);
}

/** x[0..n) = 0 (a store loop: memory.fill is a runtime call in V8, slow for short spans). */
function zeroSpan(x: usize, n: i32): void {
  const z = f32x4.splat(0);
  let j = 0;
  for (; j + 4 <= n; j += 4) v128.store(x + (<usize>j << 2), z);
  for (; j < n; j++) store<f32>(x + (<usize>j << 2), 0);
}

// @ts-ignore: decorator
@inline
function fmax(a: f32, b: f32): f32 {
  return select<f32>(b, a, b > a);
}

/** x[0..n) *= c. */
function scaleSpan(x: usize, n: i32, c: f32): void {
  const cv = f32x4.splat(c);
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    const at = x + (<usize>j << 2);
    v128.store(at, f32x4.mul(v128.load(at), cv));
  }
  for (; j < n; j++) {
    const at = x + (<usize>j << 2);
    store<f32>(at, load<f32>(at) * c);
  }
}

/**
 * One row of dS in place of dP: d[j] = scale·p[j]·(d[j] − Σ_band p·d) for j in the band lo … i, 0 for the other
 * columns of [rlo, hi).
 */
function gradScoresRow(p: usize, d: usize, lo: i32, i: i32, rlo: i32, hi: i32, scale: f32): void {
  const n = i - lo + 1;
  const ps = p + (<usize>lo << 2);
  const ds = d + (<usize>lo << 2);
  let acc = f32x4.splat(0);
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    const o = <usize>j << 2;
    acc = f32x4.add(acc, f32x4.mul(v128.load(ps + o), v128.load(ds + o)));
  }
  let dot = (f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1)) + (f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3));
  for (; j < n; j++) dot += load<f32>(ps + (<usize>j << 2)) * load<f32>(ds + (<usize>j << 2));
  const dv = f32x4.splat(dot);
  const sv = f32x4.splat(scale);
  j = 0;
  for (; j + 4 <= n; j += 4) {
    const o = <usize>j << 2;
    v128.store(ds + o, f32x4.mul(f32x4.mul(v128.load(ps + o), f32x4.sub(v128.load(ds + o), dv)), sv));
  }
  for (; j < n; j++) {
    const o = <usize>j << 2;
    store<f32>(ds + o, load<f32>(ps + o) * (load<f32>(ds + o) - dot) * scale);
  }
  if (lo > rlo) zeroSpan(d + (<usize>rlo << 2), lo - rlo);
  if (hi > i + 1) zeroSpan(d + (<usize>(i + 1) << 2), hi - i - 1);
}

/**
 * exp(x) for x ≤ 0 in f32x4 lanes (Cephes expf: x = n·ln2 + r, |r| ≤ ln2/2, degree-5 polynomial in r, 2ⁿ built in
 * the exponent bits). The constants are loaded from static data (one load each; V8 rematerialises a v128
 * constant inside a loop with three instructions).
 */
const EXP_CONSTANTS = memory.data<f32>([
  -87, // clamp: e^−87 ≈ 1.6e−38 stays normal; smaller e^x is 0 next to the row's maximum (1)
  1.44269504089, // log2(e)
  0.693359375, // ln 2, high part
  -2.12194440e-4, // ln 2, low part
  1.9875691500e-4,
  1.3981999507e-3,
  8.3334519073e-3,
  4.1665795894e-2,
  1.6666665459e-1,
  5.0000001201e-1,
  1,
  12583039, // 1.5·2²³ + 127: n + this has the bits of n + 127 in its low mantissa bits
]);

// @ts-ignore: decorator
@inline
function expNeg(x: v128): v128 {
  const c = EXP_CONSTANTS;
  x = f32x4.pmax(x, v128.load32_splat(c));
  const n = f32x4.nearest(f32x4.mul(x, v128.load32_splat(c, 4)));
  let r = f32x4.sub(x, f32x4.mul(n, v128.load32_splat(c, 8)));
  r = f32x4.sub(r, f32x4.mul(n, v128.load32_splat(c, 12)));
  let e = v128.load32_splat(c, 16);
  e = f32x4.add(f32x4.mul(e, r), v128.load32_splat(c, 20));
  e = f32x4.add(f32x4.mul(e, r), v128.load32_splat(c, 24));
  e = f32x4.add(f32x4.mul(e, r), v128.load32_splat(c, 28));
  e = f32x4.add(f32x4.mul(e, r), v128.load32_splat(c, 32));
  e = f32x4.add(f32x4.mul(e, r), v128.load32_splat(c, 36));
  e = f32x4.add(f32x4.add(f32x4.mul(f32x4.mul(e, r), r), r), v128.load32_splat(c, 40));
  const pow2 = i32x4.shl(f32x4.add(n, v128.load32_splat(c, 44)), 23); // (n + 127) << 23 = 2ⁿ (no f32 → i32 conversion)
  return f32x4.mul(e, pow2);
}

// ---------------------------------------------------------------------------------------------------------
// Score block: out[r, j − lo] = s·(a_r · b_j) for rows r < rows, keys j in [lo, hi); dot products of length dh
// between rows of a (stride lda bytes) and rows of b (stride ldb bytes); out has row stride ldo bytes.
// ---------------------------------------------------------------------------------------------------------

function scoreBlock(a: usize, lda: usize, rows: i32, b: usize, ldb: usize, lo: i32, hi: i32, dh: i32, s: f32, out: usize, ldo: usize): void {
  // Rows past `rows` repeat the last one (their results are not stored).
  const a0 = a;
  const a1 = rows > 1 ? a0 + lda : a0;
  const a2 = rows > 2 ? a1 + lda : a1;
  const a3 = rows > 3 ? a2 + lda : a2;
  const quads = dh >> 2;
  const tail = quads << 2;
  const sv = f32x4.splat(s);
  for (let j = lo; j < hi; j += 2) {
    const two = j + 1 < hi;
    const b0 = b + <usize>j * ldb;
    const b1 = two ? b0 + ldb : b0;
    let c00 = f32x4.splat(0);
    let c01 = f32x4.splat(0);
    let c10 = f32x4.splat(0);
    let c11 = f32x4.splat(0);
    let c20 = f32x4.splat(0);
    let c21 = f32x4.splat(0);
    let c30 = f32x4.splat(0);
    let c31 = f32x4.splat(0);
    for (let d = 0; d < quads; d++) {
      const o = <usize>d << 4;
      const y0 = v128.load(b0 + o);
      const y1 = v128.load(b1 + o);
      let x = v128.load(a0 + o);
      c00 = f32x4.add(c00, f32x4.mul(x, y0));
      c01 = f32x4.add(c01, f32x4.mul(x, y1));
      x = v128.load(a1 + o);
      c10 = f32x4.add(c10, f32x4.mul(x, y0));
      c11 = f32x4.add(c11, f32x4.mul(x, y1));
      x = v128.load(a2 + o);
      c20 = f32x4.add(c20, f32x4.mul(x, y0));
      c21 = f32x4.add(c21, f32x4.mul(x, y1));
      x = v128.load(a3 + o);
      c30 = f32x4.add(c30, f32x4.mul(x, y0));
      c31 = f32x4.add(c31, f32x4.mul(x, y1));
    }
    // Lane sums: u_r = [c_r0 (0+2, 1+3), c_r1 (0+2, 1+3)], then [s_00, s_01, s_10, s_11] and [s_20, s_21, s_30, s_31].
    const u0 = f32x4.add(v128.shuffle<f32>(c00, c01, 0, 1, 4, 5), v128.shuffle<f32>(c00, c01, 2, 3, 6, 7));
    const u1 = f32x4.add(v128.shuffle<f32>(c10, c11, 0, 1, 4, 5), v128.shuffle<f32>(c10, c11, 2, 3, 6, 7));
    const u2 = f32x4.add(v128.shuffle<f32>(c20, c21, 0, 1, 4, 5), v128.shuffle<f32>(c20, c21, 2, 3, 6, 7));
    const u3 = f32x4.add(v128.shuffle<f32>(c30, c31, 0, 1, 4, 5), v128.shuffle<f32>(c30, c31, 2, 3, 6, 7));
    let w01 = f32x4.add(v128.shuffle<f32>(u0, u1, 0, 2, 4, 6), v128.shuffle<f32>(u0, u1, 1, 3, 5, 7));
    let w23 = f32x4.add(v128.shuffle<f32>(u2, u3, 0, 2, 4, 6), v128.shuffle<f32>(u2, u3, 1, 3, 5, 7));
    if (tail < dh) {
      // The last dh mod 4 terms, added to the lane sums in order.
      for (let d = tail; d < dh; d++) {
        const o = <usize>d << 2;
        const y0 = load<f32>(b0 + o);
        const y1 = load<f32>(b1 + o);
        const x01 = f32x4.replace_lane(f32x4.replace_lane(f32x4.replace_lane(f32x4.splat(load<f32>(a0 + o)), 2, load<f32>(a1 + o)), 3, load<f32>(a1 + o)), 1, load<f32>(a0 + o));
        const x23 = f32x4.replace_lane(f32x4.replace_lane(f32x4.splat(load<f32>(a2 + o)), 2, load<f32>(a3 + o)), 3, load<f32>(a3 + o));
        const yy = f32x4.replace_lane(f32x4.replace_lane(f32x4.splat(y0), 1, y1), 3, y1);
        w01 = f32x4.add(w01, f32x4.mul(x01, yy));
        w23 = f32x4.add(w23, f32x4.mul(x23, yy));
      }
    }
    w01 = f32x4.mul(w01, sv);
    w23 = f32x4.mul(w23, sv);
    const o = out + (<usize>(j - lo) << 2);
    store<f32>(o, f32x4.extract_lane(w01, 0));
    if (two) store<f32>(o, f32x4.extract_lane(w01, 1), 4);
    if (rows > 1) {
      store<f32>(o + ldo, f32x4.extract_lane(w01, 2));
      if (two) store<f32>(o + ldo, f32x4.extract_lane(w01, 3), 4);
    }
    if (rows > 2) {
      store<f32>(o + 2 * ldo, f32x4.extract_lane(w23, 0));
      if (two) store<f32>(o + 2 * ldo, f32x4.extract_lane(w23, 1), 4);
    }
    if (rows > 3) {
      store<f32>(o + 3 * ldo, f32x4.extract_lane(w23, 2));
      if (two) store<f32>(o + 3 * ldo, f32x4.extract_lane(w23, 3), 4);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Outer-product kernels: C[r, 0..dh) (+)= Σ_k A(r, k)·Bk[0..dh) for r < rows, k < n, with Bk = b + k·ldb
// (a row of V, K, Q or dO). A(r, k) is read by broadcast:
//   productRows     A(r, k) = a[r·lda + 4k]   (rows of P or dS; rows past `rows` repeat the last one)
//   productColumns  A(r, k) = a[4r + k·step] (a column strip of dS or P: 4 contiguous floats per k)
// 8 columns per pass (8 f32x4 accumulators), then 4, then single columns for dh mod 4.
// ---------------------------------------------------------------------------------------------------------

function productRows(a: usize, lda: usize, rows: i32, b: usize, ldb: usize, n: i32, c: usize, ldc: usize, dh: i32, add: bool): void {
  const a1 = rows > 1 ? lda : 0;
  const a2 = rows > 2 ? 2 * lda : a1;
  const a3 = rows > 3 ? 3 * lda : a2;
  let d0 = 0;
  for (; d0 + 8 <= dh; d0 += 8) rows8(a, a + a1, a + a2, a + a3, b + (<usize>d0 << 2), ldb, n, c + (<usize>d0 << 2), ldc, rows, add);
  if (d0 + 4 <= dh) {
    rows4(a, a + a1, a + a2, a + a3, b + (<usize>d0 << 2), ldb, n, c + (<usize>d0 << 2), ldc, rows, add);
    d0 += 4;
  }
  for (; d0 < dh; d0++) {
    for (let r = 0; r < rows; r++) {
      const ar = a + <usize>r * lda;
      let s: f32 = 0;
      for (let t = 0; t < n; t++) s += load<f32>(ar + (<usize>t << 2)) * load<f32>(b + <usize>t * ldb + (<usize>d0 << 2));
      const at = c + <usize>r * ldc + (<usize>d0 << 2);
      store<f32>(at, add ? load<f32>(at) + s : s);
    }
  }
}

function productColumns(a: usize, step: usize, rows: i32, b: usize, ldb: usize, n: i32, c: usize, ldc: usize, dh: i32): void {
  let d0 = 0;
  for (; d0 + 8 <= dh; d0 += 8) cols8(a, step, b + (<usize>d0 << 2), ldb, n, c + (<usize>d0 << 2), ldc, rows);
  if (d0 + 4 <= dh) {
    cols4(a, step, b + (<usize>d0 << 2), ldb, n, c + (<usize>d0 << 2), ldc, rows);
    d0 += 4;
  }
  for (; d0 < dh; d0++) {
    for (let r = 0; r < rows; r++) {
      let s: f32 = 0;
      for (let t = 0; t < n; t++) s += load<f32>(a + <usize>t * step + (<usize>r << 2)) * load<f32>(b + <usize>t * ldb + (<usize>d0 << 2));
      const at = c + <usize>r * ldc + (<usize>d0 << 2);
      store<f32>(at, load<f32>(at) + s);
    }
  }
}

function rows8(a0: usize, a1: usize, a2: usize, a3: usize, b: usize, ldb: usize, n: i32, c: usize, ldc: usize, rows: i32, add: bool): void {
  let c00 = f32x4.splat(0);
  let c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0);
  let c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0);
  let c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0);
  let c31 = f32x4.splat(0);
  const end = a0 + (<usize>n << 2);
  while (a0 < end) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    let x = v128.load32_splat(a0);
    c00 = f32x4.add(c00, f32x4.mul(x, b0));
    c01 = f32x4.add(c01, f32x4.mul(x, b1));
    x = v128.load32_splat(a1);
    c10 = f32x4.add(c10, f32x4.mul(x, b0));
    c11 = f32x4.add(c11, f32x4.mul(x, b1));
    x = v128.load32_splat(a2);
    c20 = f32x4.add(c20, f32x4.mul(x, b0));
    c21 = f32x4.add(c21, f32x4.mul(x, b1));
    x = v128.load32_splat(a3);
    c30 = f32x4.add(c30, f32x4.mul(x, b0));
    c31 = f32x4.add(c31, f32x4.mul(x, b1));
    a0 += 4;
    a1 += 4;
    a2 += 4;
    a3 += 4;
    b += ldb;
  }
  storeRow(c, c00, c01, 8, add);
  if (rows > 1) storeRow(c + ldc, c10, c11, 8, add);
  if (rows > 2) storeRow(c + 2 * ldc, c20, c21, 8, add);
  if (rows > 3) storeRow(c + 3 * ldc, c30, c31, 8, add);
}

function rows4(a0: usize, a1: usize, a2: usize, a3: usize, b: usize, ldb: usize, n: i32, c: usize, ldc: usize, rows: i32, add: bool): void {
  let c0 = f32x4.splat(0);
  let c1 = f32x4.splat(0);
  let c2 = f32x4.splat(0);
  let c3 = f32x4.splat(0);
  const end = a0 + (<usize>n << 2);
  while (a0 < end) {
    const b0 = v128.load(b);
    c0 = f32x4.add(c0, f32x4.mul(v128.load32_splat(a0), b0));
    c1 = f32x4.add(c1, f32x4.mul(v128.load32_splat(a1), b0));
    c2 = f32x4.add(c2, f32x4.mul(v128.load32_splat(a2), b0));
    c3 = f32x4.add(c3, f32x4.mul(v128.load32_splat(a3), b0));
    a0 += 4;
    a1 += 4;
    a2 += 4;
    a3 += 4;
    b += ldb;
  }
  storeRow(c, c0, c0, 4, add);
  if (rows > 1) storeRow(c + ldc, c1, c1, 4, add);
  if (rows > 2) storeRow(c + 2 * ldc, c2, c2, 4, add);
  if (rows > 3) storeRow(c + 3 * ldc, c3, c3, 4, add);
}

function cols8(a: usize, step: usize, b: usize, ldb: usize, n: i32, c: usize, ldc: usize, rows: i32): void {
  let c00 = f32x4.splat(0);
  let c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0);
  let c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0);
  let c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0);
  let c31 = f32x4.splat(0);
  for (let t = n; t > 0; t--) {
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
    a += step;
    b += ldb;
  }
  storeRow(c, c00, c01, 8, true);
  if (rows > 1) storeRow(c + ldc, c10, c11, 8, true);
  if (rows > 2) storeRow(c + 2 * ldc, c20, c21, 8, true);
  if (rows > 3) storeRow(c + 3 * ldc, c30, c31, 8, true);
}

function cols4(a: usize, step: usize, b: usize, ldb: usize, n: i32, c: usize, ldc: usize, rows: i32): void {
  let c0 = f32x4.splat(0);
  let c1 = f32x4.splat(0);
  let c2 = f32x4.splat(0);
  let c3 = f32x4.splat(0);
  for (let t = n; t > 0; t--) {
    const b0 = v128.load(b);
    c0 = f32x4.add(c0, f32x4.mul(v128.load32_splat(a), b0));
    c1 = f32x4.add(c1, f32x4.mul(v128.load32_splat(a, 4), b0));
    c2 = f32x4.add(c2, f32x4.mul(v128.load32_splat(a, 8), b0));
    c3 = f32x4.add(c3, f32x4.mul(v128.load32_splat(a, 12), b0));
    a += step;
    b += ldb;
  }
  addStore(c, c0);
  if (rows > 1) addStore(c + ldc, c1);
  if (rows > 2) addStore(c + 2 * ldc, c2);
  if (rows > 3) addStore(c + 3 * ldc, c3);
}
