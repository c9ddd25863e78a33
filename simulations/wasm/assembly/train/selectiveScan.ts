// Mamba's selective scan (S6) for training, forward and backward, float32 with f32x4 SIMD over the state
// dimension N (simulations/training/ops/selectiveScan.ts is the float64 reference). Per sequence b, channel c:
//   h_t[n] = exp(Δ_t[c]·A[c, n])·h_{t−1}[n] + Δ_t[c]·B_t[n]·x_t[c],   y_t[c] = Σ_n C_t[n]·h_t[n] + D[c]·x_t[c]
// x, Δ, y [B·T, Ch]; A [Ch, N]; B, C [B·T, N]; D [Ch]. Threads split SEQUENCES: the gradients of B and C are
// sums over channels, so a sequence split keeps every write of the backward pass disjoint except those of the
// shared A and D, which go to per-sequence partials (`selectiveScanPartialFloats`) that
// `selectiveScanParamGrads` then sums, split by channel, in a fixed order (bit-identical for any split).
// The backward pass recomputes each channel's states and decays into a per-thread scratch (2·T·N' + N' floats,
// N' = N rounded up to 4, L1-resident) instead of keeping 2·B·T·Ch·N floats from the forward pass.
// The helpers below (exp4, partial loads) are shared with the other recurrent training kernels.

// ---------------------------------------------------------------------------------------------------------
// f32x4 helpers
// ---------------------------------------------------------------------------------------------------------

/**
 * e^x on four lanes (Cephes expf: x = n·ln2 + r, |r| ≤ ln2/2, degree-6 polynomial; ≤ 2 ulp on the normal
 * range). Below −87.34 it returns 0, above 88.38 it saturates at e^88.38 ≈ 2.4e38; NaN stays NaN. No tables,
 * so it needs nothing in low memory, and each lane's result depends only on that lane (bit-identical wherever
 * a value sits in a vector).
 */
// @ts-ignore: decorator
@inline
export function exp4(x: v128): v128 {
  const xc = f32x4.pmin(f32x4.pmax(x, f32x4.splat(-87.33654)), f32x4.splat(88.37626));
  const magic = f32x4.splat(12582912.0); // 1.5·2²³: adding it rounds to an integer in the low mantissa bits
  const t = f32x4.add(f32x4.mul(xc, f32x4.splat(1.44269504088896341)), magic);
  const n = f32x4.sub(t, magic);
  const r = f32x4.sub(f32x4.sub(xc, f32x4.mul(n, f32x4.splat(0.693359375))), f32x4.mul(n, f32x4.splat(-2.12194440e-4)));
  let p = f32x4.add(f32x4.mul(f32x4.splat(1.9875691500e-4), r), f32x4.splat(1.3981999507e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(8.3334519073e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(4.1665795894e-2));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.6666665459e-1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(5.0000001201e-1));
  p = f32x4.add(f32x4.add(f32x4.mul(p, f32x4.mul(r, r)), r), f32x4.splat(1));
  // 2ⁿ: the integer n sits in t's low bits; (bits + 127) << 23 drops the magic's bits and builds the exponent.
  const pow2 = i32x4.shl(i32x4.add(t, i32x4.splat(127)), 23);
  return v128.andnot(f32x4.mul(p, pow2), f32x4.lt(x, f32x4.splat(-87.33654)));
}

/**
 * e^x in place on `count` floats at p (count a multiple of 4), four vectors at a time with their instructions
 * interleaved: exp4's chain of ~20 dependent operations would otherwise leave the CPU waiting on latency
 * (V8 does not reorder). Bit-identical to exp4 lane by lane.
 */
export function expInPlace(p: usize, count: i32): void {
  const end = p + (<usize>count << 2);
  const lo = f32x4.splat(-87.33654);
  const hi = f32x4.splat(88.37626);
  const magic = f32x4.splat(12582912.0);
  let q = p;
  for (; q + 64 <= end; q += 64) {
    const x0 = v128.load(q);
    const x1 = v128.load(q, 16);
    const x2 = v128.load(q, 32);
    const x3 = v128.load(q, 48);
    const c0 = f32x4.pmin(f32x4.pmax(x0, lo), hi);
    const c1 = f32x4.pmin(f32x4.pmax(x1, lo), hi);
    const c2 = f32x4.pmin(f32x4.pmax(x2, lo), hi);
    const c3 = f32x4.pmin(f32x4.pmax(x3, lo), hi);
    const t0 = f32x4.add(f32x4.mul(c0, f32x4.splat(1.44269504088896341)), magic);
    const t1 = f32x4.add(f32x4.mul(c1, f32x4.splat(1.44269504088896341)), magic);
    const t2 = f32x4.add(f32x4.mul(c2, f32x4.splat(1.44269504088896341)), magic);
    const t3 = f32x4.add(f32x4.mul(c3, f32x4.splat(1.44269504088896341)), magic);
    const n0 = f32x4.sub(t0, magic);
    const n1 = f32x4.sub(t1, magic);
    const n2 = f32x4.sub(t2, magic);
    const n3 = f32x4.sub(t3, magic);
    const r0 = f32x4.sub(f32x4.sub(c0, f32x4.mul(n0, f32x4.splat(0.693359375))), f32x4.mul(n0, f32x4.splat(-2.12194440e-4)));
    const r1 = f32x4.sub(f32x4.sub(c1, f32x4.mul(n1, f32x4.splat(0.693359375))), f32x4.mul(n1, f32x4.splat(-2.12194440e-4)));
    const r2 = f32x4.sub(f32x4.sub(c2, f32x4.mul(n2, f32x4.splat(0.693359375))), f32x4.mul(n2, f32x4.splat(-2.12194440e-4)));
    const r3 = f32x4.sub(f32x4.sub(c3, f32x4.mul(n3, f32x4.splat(0.693359375))), f32x4.mul(n3, f32x4.splat(-2.12194440e-4)));
    let p0 = f32x4.add(f32x4.mul(f32x4.splat(1.9875691500e-4), r0), f32x4.splat(1.3981999507e-3));
    let p1 = f32x4.add(f32x4.mul(f32x4.splat(1.9875691500e-4), r1), f32x4.splat(1.3981999507e-3));
    let p2 = f32x4.add(f32x4.mul(f32x4.splat(1.9875691500e-4), r2), f32x4.splat(1.3981999507e-3));
    let p3 = f32x4.add(f32x4.mul(f32x4.splat(1.9875691500e-4), r3), f32x4.splat(1.3981999507e-3));
    p0 = f32x4.add(f32x4.mul(p0, r0), f32x4.splat(8.3334519073e-3));
    p1 = f32x4.add(f32x4.mul(p1, r1), f32x4.splat(8.3334519073e-3));
    p2 = f32x4.add(f32x4.mul(p2, r2), f32x4.splat(8.3334519073e-3));
    p3 = f32x4.add(f32x4.mul(p3, r3), f32x4.splat(8.3334519073e-3));
    p0 = f32x4.add(f32x4.mul(p0, r0), f32x4.splat(4.1665795894e-2));
    p1 = f32x4.add(f32x4.mul(p1, r1), f32x4.splat(4.1665795894e-2));
    p2 = f32x4.add(f32x4.mul(p2, r2), f32x4.splat(4.1665795894e-2));
    p3 = f32x4.add(f32x4.mul(p3, r3), f32x4.splat(4.1665795894e-2));
    p0 = f32x4.add(f32x4.mul(p0, r0), f32x4.splat(1.6666665459e-1));
    p1 = f32x4.add(f32x4.mul(p1, r1), f32x4.splat(1.6666665459e-1));
    p2 = f32x4.add(f32x4.mul(p2, r2), f32x4.splat(1.6666665459e-1));
    p3 = f32x4.add(f32x4.mul(p3, r3), f32x4.splat(1.6666665459e-1));
    p0 = f32x4.add(f32x4.mul(p0, r0), f32x4.splat(5.0000001201e-1));
    p1 = f32x4.add(f32x4.mul(p1, r1), f32x4.splat(5.0000001201e-1));
    p2 = f32x4.add(f32x4.mul(p2, r2), f32x4.splat(5.0000001201e-1));
    p3 = f32x4.add(f32x4.mul(p3, r3), f32x4.splat(5.0000001201e-1));
    p0 = f32x4.add(f32x4.add(f32x4.mul(p0, f32x4.mul(r0, r0)), r0), f32x4.splat(1));
    p1 = f32x4.add(f32x4.add(f32x4.mul(p1, f32x4.mul(r1, r1)), r1), f32x4.splat(1));
    p2 = f32x4.add(f32x4.add(f32x4.mul(p2, f32x4.mul(r2, r2)), r2), f32x4.splat(1));
    p3 = f32x4.add(f32x4.add(f32x4.mul(p3, f32x4.mul(r3, r3)), r3), f32x4.splat(1));
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

/** N rounded up to a multiple of 4 (the padded state width of the scratch and the partials). */
// @ts-ignore: decorator
@inline
function padded(N: i32): i32 {
  return (N + 3) & ~3;
}

/** Per-thread scratch of the forward and backward kernels: states and decays of one channel, and dh. */
export function selectiveScanScratchFloats(T: i32, N: i32): i32 {
  return (2 * T + 1) * padded(N);
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
 * Channel c of sequence s over t in [0, T): first every decay a_t = e^{Δ_t·A[c]} into `decays` [T, N'] (the
 * exponentials batched, see expInPlace), then the recurrence. Forward: h in one row at `hist`, y written.
 * Backward: every h_t kept in `hist` [T, N'] (and the decays), y untouched.
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
  for (let t = 0; t < T; t++, xy += rowBytes, aRow += stride) {
    const dtv = f32x4.splat(load<f32>(delta + xy));
    let o: usize = 0;
    for (; o < full; o += 16) v128.store(aRow + o, f32x4.mul(dtv, v128.load(Ac + o)));
    if (rem) v128.store(aRow + o, f32x4.mul(dtv, loadLanes(Ac + o, rem)));
  }
  expInPlace(decays, T * Np);
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
 * thread's `selectiveScanScratchFloats(T, N)` floats. Nothing is kept for the backward pass.
 */
export function selectiveScanForward(
  x: usize,
  delta: usize,
  A: usize,
  B: usize,
  C: usize,
  D: usize,
  y: usize,
  scratch: usize,
  T: i32,
  Ch: i32,
  N: i32,
  seqStart: i32,
  seqEnd: i32,
): void {
  const hist = scratch + ((<usize>T * <usize>padded(N)) << 2);
  for (let s = seqStart; s < seqEnd; s++)
    for (let c = 0; c < Ch; c++) runChannel(x, delta, A, B, C, D, y, hist, scratch, s, c, T, Ch, N, true);
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
 * adds into gA, gD once every sequence is done. `scratch`: this thread's selectiveScanScratchFloats(T, N).
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
  const decays = scratch;
  const hist = scratch + <usize>T * stride;
  const dh = hist + <usize>T * stride;
  const partD = partial + ((<usize>nSeq * <usize>Ch * <usize>Np) << 2);
  for (let s = seqStart; s < seqEnd; s++)
    for (let c = 0; c < Ch; c++) {
      runChannel(x, delta, A, B, C, D, 0, hist, decays, s, c, T, Ch, N, false);
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
