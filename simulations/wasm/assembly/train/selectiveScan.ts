// Mamba's selective scan (S6) for training, forward and backward, float32 with f32x4 SIMD over the state
// dimension N, or over four channels when N ≤ 8 (simulations/training/ops/selectiveScan.ts is the float64
// reference). Per sequence b, channel c:
//   h_t[n] = exp(Δ_t[c]·A[c, n])·h_{t−1}[n] + Δ_t[c]·B_t[n]·x_t[c],   y_t[c] = Σ_n C_t[n]·h_t[n] + D[c]·x_t[c]
// x, Δ, y [B·T, Ch]; A [Ch, N]; B, C [B·T, N]; D [Ch]. Threads split SEQUENCES: the gradients of B and C are
// sums over channels, so a sequence split keeps every write of the backward pass disjoint except those of the
// shared A and D, which go to per-sequence partials (`selectiveScanPartialFloats`) that
// `selectiveScanParamGrads` then sums, split by channel, in a fixed order (bit-identical for any split).
// The backward pass recomputes each channel's states into a per-thread scratch (L1-resident) instead of
// keeping B·T·Ch·N floats of them, and its decays too unless the forward pass kept them in the optional
// `saved` array (selectiveScanSavedFloats; at B = T = 64, Ch = 128, N = 16, single-threaded: backward ~⅓
// faster, forward ~7% slower, for 33.5 MB written and read back per layer — a trade that memory bandwidth
// erodes once many threads share it). The exponentials, the dominant cost, are batched per channel
// (expInPlace) so that their long dependency chains interleave.
// The helpers below (exp4, partial loads) are shared with the other recurrent training kernels.

// ---------------------------------------------------------------------------------------------------------
// f32x4 helpers
// ---------------------------------------------------------------------------------------------------------

/**
 * e^x on four lanes: n = round(x·log₂e), f = x·log₂e − n ∈ [−½, ½], e^x = 2ⁿ·2^f with 2^f by a degree-5
 * minimax polynomial (relative error 9e-8, ≤ 3 ulp as evaluated in float32). The single-multiply reduction
 * adds a relative error of about |x|·6e-8 (1e-6 at x = −20, where e^x = 2e-9): accurate where e^x matters
 * (a decay near 1) and cheaper than Cody–Waite's two-constant reduction. Below −87.34 it returns 0, above
 * 88.38 it saturates at ≈ 2.4e38; NaN stays NaN. No tables (nothing in low memory), and each lane's result
 * depends only on that lane, so a value gives the same bits wherever it sits in a vector.
 */
// @ts-ignore: decorator
@inline
export function exp4(x: v128): v128 {
  const lo = f32x4.splat(-87.33654);
  const magic = f32x4.splat(12582912.0); // 1.5·2²³: adding it rounds to an integer in the low mantissa bits
  const y = f32x4.mul(f32x4.pmin(f32x4.pmax(x, lo), f32x4.splat(88.37626)), f32x4.splat(1.44269504088896341));
  const t = f32x4.add(y, magic);
  const f = f32x4.sub(y, f32x4.sub(t, magic));
  let p = f32x4.add(f32x4.mul(f32x4.splat(1.326472731e-3), f), f32x4.splat(9.671512991e-3));
  p = f32x4.add(f32x4.mul(p, f), f32x4.splat(5.550733581e-2));
  p = f32x4.add(f32x4.mul(p, f), f32x4.splat(2.402224243e-1));
  p = f32x4.add(f32x4.mul(p, f), f32x4.splat(6.931470037e-1));
  p = f32x4.add(f32x4.mul(p, f), f32x4.splat(1));
  // 2ⁿ: the integer n sits in t's low bits; (bits + 127) << 23 drops the magic's bits and builds the exponent.
  const pow2 = i32x4.shl(i32x4.add(t, i32x4.splat(127)), 23);
  return v128.andnot(f32x4.mul(p, pow2), f32x4.lt(x, lo));
}

/**
 * exp4 in place on `count` floats at p (count a multiple of 4), four vectors at a time with their instructions
 * interleaved: exp4's chain of ~15 dependent operations would otherwise leave the CPU waiting on latency
 * (V8 does not reorder). Bit-identical to exp4 lane by lane.
 */
export function expInPlace(p: usize, count: i32): void {
  const end = p + (<usize>count << 2);
  const lo = f32x4.splat(-87.33654);
  const hi = f32x4.splat(88.37626);
  const magic = f32x4.splat(12582912.0);
  let q = p;
  for (; q + 64 <= end; q += 64) {
    const x0 = v128.load(q, 0);
    const x1 = v128.load(q, 16);
    const x2 = v128.load(q, 32);
    const x3 = v128.load(q, 48);
    const y0 = f32x4.mul(f32x4.pmin(f32x4.pmax(x0, lo), hi), f32x4.splat(1.44269504088896341));
    const y1 = f32x4.mul(f32x4.pmin(f32x4.pmax(x1, lo), hi), f32x4.splat(1.44269504088896341));
    const y2 = f32x4.mul(f32x4.pmin(f32x4.pmax(x2, lo), hi), f32x4.splat(1.44269504088896341));
    const y3 = f32x4.mul(f32x4.pmin(f32x4.pmax(x3, lo), hi), f32x4.splat(1.44269504088896341));
    const t0 = f32x4.add(y0, magic);
    const t1 = f32x4.add(y1, magic);
    const t2 = f32x4.add(y2, magic);
    const t3 = f32x4.add(y3, magic);
    const f0 = f32x4.sub(y0, f32x4.sub(t0, magic));
    const f1 = f32x4.sub(y1, f32x4.sub(t1, magic));
    const f2 = f32x4.sub(y2, f32x4.sub(t2, magic));
    const f3 = f32x4.sub(y3, f32x4.sub(t3, magic));
    let p0 = f32x4.add(f32x4.mul(f32x4.splat(1.326472731e-3), f0), f32x4.splat(9.671512991e-3));
    let p1 = f32x4.add(f32x4.mul(f32x4.splat(1.326472731e-3), f1), f32x4.splat(9.671512991e-3));
    let p2 = f32x4.add(f32x4.mul(f32x4.splat(1.326472731e-3), f2), f32x4.splat(9.671512991e-3));
    let p3 = f32x4.add(f32x4.mul(f32x4.splat(1.326472731e-3), f3), f32x4.splat(9.671512991e-3));
    p0 = f32x4.add(f32x4.mul(p0, f0), f32x4.splat(5.550733581e-2));
    p1 = f32x4.add(f32x4.mul(p1, f1), f32x4.splat(5.550733581e-2));
    p2 = f32x4.add(f32x4.mul(p2, f2), f32x4.splat(5.550733581e-2));
    p3 = f32x4.add(f32x4.mul(p3, f3), f32x4.splat(5.550733581e-2));
    p0 = f32x4.add(f32x4.mul(p0, f0), f32x4.splat(2.402224243e-1));
    p1 = f32x4.add(f32x4.mul(p1, f1), f32x4.splat(2.402224243e-1));
    p2 = f32x4.add(f32x4.mul(p2, f2), f32x4.splat(2.402224243e-1));
    p3 = f32x4.add(f32x4.mul(p3, f3), f32x4.splat(2.402224243e-1));
    p0 = f32x4.add(f32x4.mul(p0, f0), f32x4.splat(6.931470037e-1));
    p1 = f32x4.add(f32x4.mul(p1, f1), f32x4.splat(6.931470037e-1));
    p2 = f32x4.add(f32x4.mul(p2, f2), f32x4.splat(6.931470037e-1));
    p3 = f32x4.add(f32x4.mul(p3, f3), f32x4.splat(6.931470037e-1));
    p0 = f32x4.add(f32x4.mul(p0, f0), f32x4.splat(1));
    p1 = f32x4.add(f32x4.mul(p1, f1), f32x4.splat(1));
    p2 = f32x4.add(f32x4.mul(p2, f2), f32x4.splat(1));
    p3 = f32x4.add(f32x4.mul(p3, f3), f32x4.splat(1));
    p0 = f32x4.mul(p0, i32x4.shl(i32x4.add(t0, i32x4.splat(127)), 23));
    p1 = f32x4.mul(p1, i32x4.shl(i32x4.add(t1, i32x4.splat(127)), 23));
    p2 = f32x4.mul(p2, i32x4.shl(i32x4.add(t2, i32x4.splat(127)), 23));
    p3 = f32x4.mul(p3, i32x4.shl(i32x4.add(t3, i32x4.splat(127)), 23));
    v128.store(q, v128.andnot(p0, f32x4.lt(x0, lo)), 0);
    v128.store(q, v128.andnot(p1, f32x4.lt(x1, lo)), 16);
    v128.store(q, v128.andnot(p2, f32x4.lt(x2, lo)), 32);
    v128.store(q, v128.andnot(p3, f32x4.lt(x3, lo)), 48);
  }
  for (; q < end; q += 16) v128.store(q, exp4(v128.load(q)));
}

/** Sum of the four lanes, in a fixed order. */
// @ts-ignore: decorator
@inline
export function hsum(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3));
}

/** The first `lanes` (1–4) floats at ptr, zeros in the other lanes; reads nothing beyond them. */
// @ts-ignore: decorator
@inline
export function loadLanes(ptr: usize, lanes: i32): v128 {
  if (lanes >= 4) return v128.load(ptr);
  if (lanes == 1) return v128.load32_zero(ptr);
  const v = v128.load64_zero(ptr);
  return lanes == 2 ? v : v128.load32_lane(ptr, v, 2, 8);
}

/** Stores the first `lanes` (1–4) lanes of v at ptr; writes nothing beyond them. */
// @ts-ignore: decorator
@inline
export function storeLanes(ptr: usize, v: v128, lanes: i32): void {
  if (lanes >= 4) {
    v128.store(ptr, v);
  } else if (lanes == 1) {
    v128.store32_lane(ptr, v, 0);
  } else {
    v128.store64_lane(ptr, v, 0);
    if (lanes == 3) v128.store32_lane(ptr, v, 2, 8);
  }
}

/** Floats `lanes` (1–4) apart by `stride` bytes, gathered into one vector (zeros in the other lanes). */
// @ts-ignore: decorator
@inline
export function gatherLanes(ptr: usize, stride: usize, lanes: i32): v128 {
  let v = v128.load32_zero(ptr);
  if (lanes > 1) v = v128.load32_lane(ptr + stride, v, 1);
  if (lanes > 2) v = v128.load32_lane(ptr + 2 * stride, v, 2);
  if (lanes > 3) v = v128.load32_lane(ptr + 3 * stride, v, 3);
  return v;
}

/** Adds the first `lanes` lanes of v to the floats at ptr, ptr + stride, … */
// @ts-ignore: decorator
@inline
export function scatterAddLanes(ptr: usize, stride: usize, v: v128, lanes: i32): void {
  store<f32>(ptr, load<f32>(ptr) + f32x4.extract_lane(v, 0));
  if (lanes > 1) store<f32>(ptr + stride, load<f32>(ptr + stride) + f32x4.extract_lane(v, 1));
  if (lanes > 2) store<f32>(ptr + 2 * stride, load<f32>(ptr + 2 * stride) + f32x4.extract_lane(v, 2));
  if (lanes > 3) store<f32>(ptr + 3 * stride, load<f32>(ptr + 3 * stride) + f32x4.extract_lane(v, 3));
}

// ---------------------------------------------------------------------------------------------------------
// Sizes
// ---------------------------------------------------------------------------------------------------------

/** Up to this state size the kernels vectorise over four channels (see lanesForward), above it over N. */
const LANES_MAX_N: i32 = 8;

/** N rounded up to a multiple of 4 (the padded state width of the scratch and the partials). */
// @ts-ignore: decorator
@inline
function padded(N: i32): i32 {
  return (N + 3) & ~3;
}

/**
 * Per-thread scratch of the forward and backward kernels: decays and states of one channel over T steps and dh
 * ((2T + 1)·N'); for N ≤ 8, of four channels (lanes) with A's and two accumulators (4N·(2T + 3)).
 */
export function selectiveScanScratchFloats(T: i32, N: i32): i32 {
  return N <= LANES_MAX_N ? 4 * N * (2 * T + 3) : (2 * T + 1) * padded(N);
}

/**
 * The optional `saved` array of the forward and backward kernels: every decay e^{Δ·A}, per (sequence, channel)
 * [T, N'] (N > 8), or per (sequence, group of four channels) [T, N, 4] (N ≤ 8).
 */
export function selectiveScanSavedFloats(nSeq: i32, T: i32, Ch: i32, N: i32): i32 {
  return N <= LANES_MAX_N ? nSeq * ((Ch + 3) >> 2) * T * N * 4 : nSeq * Ch * T * padded(N);
}

/** Per-sequence partial gradients of A and D written by the backward kernel: [B, Ch, N'] then [B, Ch]. */
export function selectiveScanPartialFloats(nSeq: i32, Ch: i32, N: i32): i32 {
  return nSeq * Ch * (padded(N) + 1);
}

// ---------------------------------------------------------------------------------------------------------
// Forward
// ---------------------------------------------------------------------------------------------------------

/**
 * One step of one channel's recurrence over the 4-state group at byte offset o: h ← a·h + Δx·B (a = e^{Δ·A}
 * from the decay row), stored at hOut; returns C·h (lanes beyond N read as zero and stay zero).
 */
// @ts-ignore: decorator
@inline
function stepGroup(
  Br: usize,
  Cr: usize,
  aRow: usize,
  hPrev: usize,
  hOut: usize,
  o: usize,
  dxv: v128,
  lanes: i32,
  first: bool,
): v128 {
  // Every load before the store: a load behind a store to an address 4 KiB apart waits (4K aliasing).
  const Cv = loadLanes(Cr + o, lanes);
  let h = f32x4.mul(dxv, loadLanes(Br + o, lanes));
  if (!first) h = f32x4.add(f32x4.mul(v128.load(aRow + o), v128.load(hPrev + o)), h);
  v128.store(hOut + o, h);
  return f32x4.mul(Cv, h);
}

/**
 * Channel c of sequence s over t in [0, T): first (if computeDecays) every decay a_t = e^{Δ_t·A[c]} into
 * `decays` [T, N'] (the exponentials batched, see expInPlace), then the recurrence. Forward: h in one row at
 * `hist`, y written. Backward: every h_t kept in `hist` [T, N'], y untouched.
 */
// @ts-ignore: decorator
@inline
function runChannel(
  x: usize,
  delta: usize,
  A: usize,
  B: usize,
  C: usize,
  D: usize,
  y: usize,
  hist: usize,
  decays: usize,
  s: i32,
  c: i32,
  T: i32,
  Ch: i32,
  N: i32,
  forward: bool,
  computeDecays: bool,
): void {
  const full = <usize>(N >> 2) << 4;
  const rem = N & 3;
  const nBytes = <usize>N << 2;
  const Np = padded(N);
  const stride = <usize>Np << 2;
  const Ac = A + <usize>c * nBytes;
  const rowBytes = <usize>Ch << 2;
  const first = (<usize>s * <usize>T * <usize>Ch + <usize>c) << 2;
  let xy = first;
  let aRow = decays;
  if (computeDecays) {
    for (let t = 0; t < T; t++, xy += rowBytes, aRow += stride) {
      const dtv = f32x4.splat(load<f32>(delta + xy));
      let o: usize = 0;
      for (; o < full; o += 16) v128.store(aRow + o, f32x4.mul(dtv, v128.load(Ac + o)));
      if (rem) v128.store(aRow + o, f32x4.mul(dtv, loadLanes(Ac + o, rem)));
    }
    expInPlace(decays, T * Np);
  }
  const skip = load<f32>(D + (<usize>c << 2));
  xy = first;
  aRow = decays;
  let Br = B + <usize>s * <usize>T * nBytes;
  let Cr = C + <usize>s * <usize>T * nBytes;
  for (let t = 0; t < T; t++, xy += rowBytes, aRow += stride, Br += nBytes, Cr += nBytes) {
    const xv = load<f32>(x + xy);
    const dxv = f32x4.splat(load<f32>(delta + xy) * xv);
    // Forward: one state row, updated in place. Backward: row t of the history, from row t − 1.
    const hOut = forward ? hist : hist + <usize>t * stride;
    const hPrev = forward ? hist : hOut - stride;
    let acc = f32x4.splat(0);
    let o: usize = 0;
    if (t == 0) {
      for (; o < full; o += 16) acc = f32x4.add(acc, stepGroup(Br, Cr, aRow, hPrev, hOut, o, dxv, 4, true));
      if (rem) acc = f32x4.add(acc, stepGroup(Br, Cr, aRow, hPrev, hOut, o, dxv, rem, true));
    } else {
      for (; o < full; o += 16) acc = f32x4.add(acc, stepGroup(Br, Cr, aRow, hPrev, hOut, o, dxv, 4, false));
      if (rem) acc = f32x4.add(acc, stepGroup(Br, Cr, aRow, hPrev, hOut, o, dxv, rem, false));
    }
    if (forward) store<f32>(y + xy, hsum(acc) + skip * xv);
  }
}

/**
 * y = selectiveScan(x, Δ, A, B, C, D) for sequences [seqStart, seqEnd) (overwrites y). `scratch`: this
 * thread's `selectiveScanScratchFloats(T, N)` floats. With saved ≠ 0, the decays are kept there
 * (selectiveScanSavedFloats) for the backward pass, which otherwise recomputes them.
 */
export function selectiveScanForward(
  x: usize,
  delta: usize,
  A: usize,
  B: usize,
  C: usize,
  D: usize,
  y: usize,
  saved: usize,
  scratch: usize,
  T: i32,
  Ch: i32,
  N: i32,
  seqStart: i32,
  seqEnd: i32,
): void {
  if (N <= LANES_MAX_N) {
    for (let s = seqStart; s < seqEnd; s++)
      for (let c0 = 0; c0 < Ch; c0 += 4) {
        const decays = saved ? lanesSaved(saved, s, c0, T, Ch, N) : scratch;
        lanesForward(x, delta, A, B, C, D, y, decays, scratch, s, c0, min(4, Ch - c0), T, Ch, N, true);
      }
    return;
  }
  const block = <usize>T * <usize>padded(N);
  const hist = scratch + (block << 2);
  for (let s = seqStart; s < seqEnd; s++)
    for (let c = 0; c < Ch; c++) {
      const decays = saved ? saved + ((<usize>(s * Ch + c) * block) << 2) : scratch;
      runChannel(x, delta, A, B, C, D, y, hist, decays, s, c, T, Ch, N, true, true);
    }
}

// ---------------------------------------------------------------------------------------------------------
// Backward
// ---------------------------------------------------------------------------------------------------------

/**
 * Step t of backpropagation over the 4-state group at byte offset o, first half:
 *   dC_t += g·h_t;  dh ← dh + g·C_t;  dB_t += dh·Δx;  then dh·a_t (what flows to t − 1) is stored in `dh`.
 * Returns dh·B_t (its sum feeds dΔ with x and dx with Δ).
 */
// @ts-ignore: decorator
@inline
function backInput(
  Br: usize,
  Cr: usize,
  gBr: usize,
  gCr: usize,
  hRow: usize,
  aRow: usize,
  dh: usize,
  o: usize,
  gv: v128,
  dtxv: v128,
  lanes: i32,
): v128 {
  // Every load before the stores (see stepGroup).
  const Bv = loadLanes(Br + o, lanes);
  const Cv = loadLanes(Cr + o, lanes);
  const gCv = loadLanes(gCr + o, lanes);
  const gBv = loadLanes(gBr + o, lanes);
  const h = v128.load(hRow + o);
  const a = v128.load(aRow + o);
  const dhn = f32x4.add(v128.load(dh + o), f32x4.mul(Cv, gv));
  storeLanes(gCr + o, f32x4.add(gCv, f32x4.mul(gv, h)), lanes);
  storeLanes(gBr + o, f32x4.add(gBv, f32x4.mul(dhn, dtxv)), lanes);
  v128.store(dh + o, f32x4.mul(dhn, a));
  return f32x4.mul(dhn, Bv);
}

/**
 * Second half (t > 0), the decay term a_t·h_{t−1}: da = dh·a_t·h_{t−1} (dh·a_t is what backInput stored);
 * dA += da·Δ (into the partial pA); returns da·A (its sum feeds dΔ).
 */
// @ts-ignore: decorator
@inline
function backDecay(Ac: usize, pA: usize, hPrev: usize, dh: usize, o: usize, dtv: v128, lanes: i32): v128 {
  const da = f32x4.mul(v128.load(dh + o), v128.load(hPrev + o));
  v128.store(pA + o, f32x4.add(v128.load(pA + o), f32x4.mul(da, dtv)));
  return f32x4.mul(da, loadLanes(Ac + o, lanes));
}

/**
 * Backward of selectiveScanForward for sequences [seqStart, seqEnd), from dy (the gradient of y):
 * ACCUMULATES into gx, gDelta [B·T, Ch] and gB, gC [B·T, N]; OVERWRITES this range's rows of `partial`
 * (selectiveScanPartialFloats) with the per-sequence gradients of A and D, which selectiveScanParamGrads
 * adds into gA, gD once every sequence is done. `saved`: the forward's (its decays), or 0 to recompute them.
 * `scratch`: this thread's selectiveScanScratchFloats(T, N).
 */
export function selectiveScanBackward(
  x: usize,
  delta: usize,
  A: usize,
  B: usize,
  C: usize,
  D: usize,
  dy: usize,
  gx: usize,
  gDelta: usize,
  gB: usize,
  gC: usize,
  partial: usize,
  saved: usize,
  scratch: usize,
  nSeq: i32,
  T: i32,
  Ch: i32,
  N: i32,
  seqStart: i32,
  seqEnd: i32,
): void {
  const Np = padded(N);
  const full = <usize>(N >> 2) << 4;
  const rem = N & 3;
  const nBytes = <usize>N << 2;
  const stride = <usize>Np << 2;
  const hist = scratch + <usize>T * stride;
  const dh = hist + <usize>T * stride;
  const partD = partial + ((<usize>nSeq * <usize>Ch * <usize>Np) << 2);
  if (N <= LANES_MAX_N) {
    for (let s = seqStart; s < seqEnd; s++)
      for (let c0 = 0; c0 < Ch; c0 += 4) {
        const decays = saved ? lanesSaved(saved, s, c0, T, Ch, N) : scratch;
        lanesBackward(x, delta, A, B, C, D, dy, gx, gDelta, gB, gC, partial, partD, decays, saved == 0, scratch, s, c0, min(4, Ch - c0), T, Ch, N);
      }
    return;
  }
  for (let s = seqStart; s < seqEnd; s++)
    for (let c = 0; c < Ch; c++) {
      const decays = saved ? saved + ((<usize>(s * Ch + c) * <usize>T * <usize>Np) << 2) : scratch;
      if (saved) runChannel(x, delta, A, B, C, D, 0, hist, decays, s, c, T, Ch, N, false, false);
      else runChannel(x, delta, A, B, C, D, 0, hist, decays, s, c, T, Ch, N, false, true);
      const Ac = A + <usize>c * nBytes;
      const pA = partial + (<usize>s * <usize>Ch + <usize>c) * stride;
      const skip = load<f32>(D + (<usize>c << 2));
      memory.fill(pA, 0, stride);
      memory.fill(dh, 0, stride);
      let gD: f32 = 0;
      for (let t = T - 1; t >= 0; t--) {
        const r = s * T + t;
        const xy = (<usize>r * <usize>Ch + <usize>c) << 2;
        const g = load<f32>(dy + xy);
        const dt = load<f32>(delta + xy);
        const xv = load<f32>(x + xy);
        gD += g * xv;
        const gv = f32x4.splat(g);
        const dtv = f32x4.splat(dt);
        const dtxv = f32x4.splat(dt * xv);
        const Br = B + <usize>r * nBytes;
        const Cr = C + <usize>r * nBytes;
        const gBr = gB + <usize>r * nBytes;
        const gCr = gC + <usize>r * nBytes;
        const hRow = hist + <usize>t * stride;
        const aRow = decays + <usize>t * stride;
        let s1 = f32x4.splat(0);
        let s2 = f32x4.splat(0);
        let o: usize = 0;
        if (t > 0) {
          const hPrev = hRow - stride;
          for (; o < full; o += 16) {
            s1 = f32x4.add(s1, backInput(Br, Cr, gBr, gCr, hRow, aRow, dh, o, gv, dtxv, 4));
            s2 = f32x4.add(s2, backDecay(Ac, pA, hPrev, dh, o, dtv, 4));
          }
          if (rem) {
            s1 = f32x4.add(s1, backInput(Br, Cr, gBr, gCr, hRow, aRow, dh, o, gv, dtxv, rem));
            s2 = f32x4.add(s2, backDecay(Ac, pA, hPrev, dh, o, dtv, rem));
          }
        } else {
          for (; o < full; o += 16) s1 = f32x4.add(s1, backInput(Br, Cr, gBr, gCr, hRow, aRow, dh, o, gv, dtxv, 4));
          if (rem) s1 = f32x4.add(s1, backInput(Br, Cr, gBr, gCr, hRow, aRow, dh, o, gv, dtxv, rem));
        }
        const sumB = hsum(s1);
        store<f32>(gx + xy, load<f32>(gx + xy) + (g * skip + sumB * dt));
        store<f32>(gDelta + xy, load<f32>(gDelta + xy) + (sumB * xv + hsum(s2)));
      }
      store<f32>(partD + ((<usize>s * <usize>Ch + <usize>c) << 2), gD);
    }
}

/**
 * gA[c, :] += Σ_b partial_A[b, c, :] and gD[c] += Σ_b partial_D[b, c] for channels [channelStart, channelEnd),
 * summing the sequences in order (run after selectiveScanBackward has finished every sequence).
 */
export function selectiveScanParamGrads(
  partial: usize,
  gA: usize,
  gD: usize,
  nSeq: i32,
  Ch: i32,
  N: i32,
  channelStart: i32,
  channelEnd: i32,
): void {
  const Np = padded(N);
  const stride = <usize>Np << 2;
  const seqBytes = <usize>Ch * stride;
  const partD = partial + <usize>nSeq * seqBytes;
  for (let c = channelStart; c < channelEnd; c++) {
    const gAc = gA + ((<usize>c * <usize>N) << 2);
    for (let n = 0; n < N; n++) {
      let sum: f32 = 0;
      let p = partial + <usize>c * stride + (<usize>n << 2);
      for (let s = 0; s < nSeq; s++, p += seqBytes) sum += load<f32>(p);
      store<f32>(gAc + (<usize>n << 2), load<f32>(gAc + (<usize>n << 2)) + sum);
    }
    let sum: f32 = 0;
    for (let s = 0; s < nSeq; s++) sum += load<f32>(partD + ((<usize>s * <usize>Ch + <usize>c) << 2));
    store<f32>(gD + (<usize>c << 2), load<f32>(gD + (<usize>c << 2)) + sum);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Small N (≤ 8, e.g. Mamba at d_state 1): SIMD over four channels instead of over the states, which would
// leave lanes empty and pay the per-step overhead (a horizontal sum, scalar loads) for few states; measured
// faster up to N = 8 (N = 1: 3.6× forward, 7× backward), on par at 16. Channel groups start at c = 0 of every sequence, so a channel's lane is the same
// for any split of the sequences. Scratch: decays [T][N], states [T][N] (one row in the forward pass), A [N],
// dh [N], dA [N], each entry a vector of four channels.
// ---------------------------------------------------------------------------------------------------------

/** The group's block [T, N, 4] of the saved decays. */
// @ts-ignore: decorator
@inline
function lanesSaved(saved: usize, s: i32, c0: i32, T: i32, Ch: i32, N: i32): usize {
  return saved + ((<usize>(s * ((Ch + 3) >> 2) + (c0 >> 2)) * <usize>T * <usize>N) << 4);
}

/** A[c0 + lane, n] into scratch and, if computeDecays, the decays e^{Δ_t·A} of every t and n into `decays`. */
function lanesDecays(
  delta: usize,
  A: usize,
  decays: usize,
  computeDecays: bool,
  scratch: usize,
  s: i32,
  c0: i32,
  lanes: i32,
  T: i32,
  Ch: i32,
  N: i32,
): void {
  const vecN = <usize>N << 4;
  const Av = scratch + <usize>(2 * T) * vecN;
  for (let n = 0; n < N; n++)
    v128.store(Av + (<usize>n << 4), gatherLanes(A + ((<usize>c0 * <usize>N + <usize>n) << 2), <usize>N << 2, lanes));
  if (!computeDecays) return;
  const rowBytes = <usize>Ch << 2;
  let xy = (<usize>s * <usize>T * <usize>Ch + <usize>c0) << 2;
  for (let t = 0; t < T; t++, xy += rowBytes) {
    const dt = loadLanes(delta + xy, lanes);
    const row = decays + <usize>t * vecN;
    for (let n = 0; n < N; n++) v128.store(row + (<usize>n << 4), f32x4.mul(dt, v128.load(Av + (<usize>n << 4))));
  }
  expInPlace(decays, 4 * T * N);
}

/**
 * Forward of channels [c0, c0 + lanes) of sequence s (small N), with the decays at `decays` (computed there if
 * computeDecays); with y = 0, keeps every state row instead of writing y.
 */
function lanesForward(
  x: usize,
  delta: usize,
  A: usize,
  B: usize,
  C: usize,
  D: usize,
  y: usize,
  decays: usize,
  scratch: usize,
  s: i32,
  c0: i32,
  lanes: i32,
  T: i32,
  Ch: i32,
  N: i32,
  computeDecays: bool,
): void {
  lanesDecays(delta, A, decays, computeDecays, scratch, s, c0, lanes, T, Ch, N);
  const vecN = <usize>N << 4;
  const hist = scratch + <usize>T * vecN;
  const rowBytes = <usize>Ch << 2;
  const nBytes = <usize>N << 2;
  const Dv = loadLanes(D + (<usize>c0 << 2), lanes);
  let xy = (<usize>s * <usize>T * <usize>Ch + <usize>c0) << 2;
  let Br = B + <usize>s * <usize>T * nBytes;
  let Cr = C + <usize>s * <usize>T * nBytes;
  for (let n = 0; n < N; n++) v128.store(hist + (<usize>n << 4), f32x4.splat(0));
  for (let t = 0; t < T; t++, xy += rowBytes, Br += nBytes, Cr += nBytes) {
    const xv = loadLanes(x + xy, lanes);
    const dxv = f32x4.mul(loadLanes(delta + xy, lanes), xv);
    const aRow = decays + <usize>t * vecN;
    // Forward: one state row, updated in place. Backward (y = 0): row t of the history, from row t − 1.
    const hPrev = y ? hist : hist + <usize>(t > 0 ? t - 1 : 0) * vecN;
    const hOut = y ? hist : hist + <usize>t * vecN;
    let acc = f32x4.mul(Dv, xv);
    for (let n = 0; n < N; n++) {
      const o = <usize>n << 4;
      let h = f32x4.mul(dxv, f32x4.splat(load<f32>(Br + (<usize>n << 2))));
      if (t > 0) h = f32x4.add(f32x4.mul(v128.load(aRow + o), v128.load(hPrev + o)), h);
      v128.store(hOut + o, h);
      acc = f32x4.add(acc, f32x4.mul(f32x4.splat(load<f32>(Cr + (<usize>n << 2))), h));
    }
    if (y) storeLanes(y + xy, acc, lanes);
  }
}

/** Lane l of v stored at p + l·stride for l < lanes. */
// @ts-ignore: decorator
@inline
function scatterLanes(p: usize, stride: usize, v: v128, lanes: i32): void {
  store<f32>(p, f32x4.extract_lane(v, 0));
  if (lanes > 1) store<f32>(p + stride, f32x4.extract_lane(v, 1));
  if (lanes > 2) store<f32>(p + 2 * stride, f32x4.extract_lane(v, 2));
  if (lanes > 3) store<f32>(p + 3 * stride, f32x4.extract_lane(v, 3));
}

/** Backward of channels [c0, c0 + lanes) of sequence s (small N), as selectiveScanBackward. */
function lanesBackward(
  x: usize,
  delta: usize,
  A: usize,
  B: usize,
  C: usize,
  D: usize,
  dy: usize,
  gx: usize,
  gDelta: usize,
  gB: usize,
  gC: usize,
  partial: usize,
  partD: usize,
  decays: usize,
  computeDecays: bool,
  scratch: usize,
  s: i32,
  c0: i32,
  lanes: i32,
  T: i32,
  Ch: i32,
  N: i32,
): void {
  lanesForward(x, delta, A, B, C, D, 0, decays, scratch, s, c0, lanes, T, Ch, N, computeDecays);
  const vecN = <usize>N << 4;
  const hist = scratch + <usize>T * vecN;
  const Av = hist + <usize>T * vecN;
  const dh = Av + vecN;
  const pA = dh + vecN;
  for (let n = 0; n < N; n++) {
    v128.store(dh + (<usize>n << 4), f32x4.splat(0));
    v128.store(pA + (<usize>n << 4), f32x4.splat(0));
  }
  const rowBytes = <usize>Ch << 2;
  const nBytes = <usize>N << 2;
  const Dv = loadLanes(D + (<usize>c0 << 2), lanes);
  let gD = f32x4.splat(0);
  for (let t = T - 1; t >= 0; t--) {
    const r = s * T + t;
    const xy = (<usize>r * <usize>Ch + <usize>c0) << 2;
    const g = loadLanes(dy + xy, lanes);
    const dt = loadLanes(delta + xy, lanes);
    const xv = loadLanes(x + xy, lanes);
    const gxv = loadLanes(gx + xy, lanes);
    const gdv = loadLanes(gDelta + xy, lanes);
    gD = f32x4.add(gD, f32x4.mul(g, xv));
    const dtx = f32x4.mul(dt, xv);
    let dx = f32x4.mul(g, Dv);
    let ddt = f32x4.splat(0);
    const Br = B + <usize>r * nBytes;
    const Cr = C + <usize>r * nBytes;
    const gBr = gB + <usize>r * nBytes;
    const gCr = gC + <usize>r * nBytes;
    const hRow = hist + <usize>t * vecN;
    const aRow = decays + <usize>t * vecN;
    for (let n = 0; n < N; n++) {
      const o = <usize>n << 4;
      const no = <usize>n << 2;
      const h = v128.load(hRow + o);
      const a = v128.load(aRow + o);
      // dC += Σ_lanes g·h;  dh ← dh + g·C;  dB += Σ_lanes dh·Δx;  Σ_n dh·B feeds dΔ (×x) and dx (×Δ).
      const dhn = f32x4.add(v128.load(dh + o), f32x4.mul(f32x4.splat(load<f32>(Cr + no)), g));
      const dB = f32x4.mul(dhn, f32x4.splat(load<f32>(Br + no)));
      store<f32>(gCr + no, load<f32>(gCr + no) + hsum(f32x4.mul(g, h)));
      store<f32>(gBr + no, load<f32>(gBr + no) + hsum(f32x4.mul(dhn, dtx)));
      ddt = f32x4.add(ddt, f32x4.mul(dB, xv));
      dx = f32x4.add(dx, f32x4.mul(dB, dt));
      const dha = f32x4.mul(dhn, a);
      if (t > 0) {
        // Decay term: da = dh·a·h_{t−1};  dΔ += da·A;  dA += da·Δ.
        const da = f32x4.mul(dha, v128.load(hRow - vecN + o));
        ddt = f32x4.add(ddt, f32x4.mul(da, v128.load(Av + o)));
        v128.store(pA + o, f32x4.add(v128.load(pA + o), f32x4.mul(da, dt)));
      }
      v128.store(dh + o, dha);
    }
    storeLanes(gx + xy, f32x4.add(gxv, dx), lanes);
    storeLanes(gDelta + xy, f32x4.add(gdv, ddt), lanes);
  }
  const stride = <usize>padded(N) << 2;
  const pRow = partial + (<usize>s * <usize>Ch + <usize>c0) * stride;
  for (let n = 0; n < N; n++) scatterLanes(pRow + (<usize>n << 2), stride, v128.load(pA + (<usize>n << 4)), lanes);
  storeLanes(partD + ((<usize>s * <usize>Ch + <usize>c0) << 2), gD, lanes);
}
