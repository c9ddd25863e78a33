// The RG-LRU recurrence of Hawk/Griffin for training, forward and backward, float32 with f32x4 SIMD over four
// channels (simulations/training/ops/rgLru.ts is the float64 reference). Per sequence and channel c:
//   a_t = exp(−8·r_t·softplus(Λ_c)),  h_t = a_t·h_{t−1} + m_t·i_t·x_t,  m_t = √(1 − a_t²) (m_0 = 1).
// x, r, i, h [nSeq·T, Ch] (row b·T + t); Λ [Ch]. Threads split CHANNELS (dΛ is per channel). Nothing is
// saved: the backward pass takes h (the forward's output) and recomputes the decays. Sequences are the outer
// loop so that one sequence's rows (T·Ch floats per array) stay in cache while its channel groups run. Each
// lane computes only from its own channel, so results do not depend on where a channel falls in a vector (or
// on the split). m = √((1 − a)(1 + a)) with 1 − a from exp's own reduction, so it keeps float32 precision as
// a → 1 (see decaysInPlace).
import { loadLanes, storeLanes } from './selectiveScan';

const RG_LRU_C: f64 = 8;

/**
 * Per-thread scratch of rgLruForward/rgLruBackward: decays and multipliers of four channels over T steps
 * [T][a, m], then −8·softplus(Λ) and −8·σ(Λ) per channel.
 */
export function rgLruScratchFloats(T: i32, Ch: i32): i32 {
  return 8 * T + 2 * Ch;
}

function softplus(x: f64): f64 {
  return x > 20 ? x : x < -20 ? Math.exp(x) : Math.log1p(Math.exp(x));
}

function sigmoid(x: f64): f64 {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** rates[c] = −8·softplus(Λ_c) and, with slopes ≠ 0, slopes[c] = −8·σ(Λ_c) (= ∂rate/∂Λ) for c in [c0, c1). */
function channelRates(lambda: usize, rates: usize, slopes: usize, c0: i32, c1: i32): void {
  for (let c = c0; c < c1; c++) {
    const l = <f64>load<f32>(lambda + (<usize>c << 2));
    store<f32>(rates + (<usize>c << 2), <f32>(-RG_LRU_C * softplus(l)));
    if (slopes) store<f32>(slopes + (<usize>c << 2), <f32>(-RG_LRU_C * sigmoid(l)));
  }
}

/**
 * a = e^z and m = √(1 − a²) for z = −8·r·softplus(Λ) ≤ 0 (each t's z stored in its a slot of p [T][a, m]),
 * four steps at a time with their instructions interleaved (as expInPlace). 1 − a² = (1 − a)(1 + a) with
 * 1 − a = −expm1(z) taken from exp's own reduction (e^z = (1 + q)·2ⁿ; for |z| < ln2/2, n = 0 and 1 − a = −q):
 * computing 1 − a² from a rounded float32 a would lose most digits as a → 1 (r or softplus(Λ) small), e.g.
 * 4e-4 relative error in m at a = 0.9999.
 */
function decaysInPlace(p: usize, T: i32): void {
  const lo = f32x4.splat(-87.33654);
  const hi = f32x4.splat(88.37626);
  const magic = f32x4.splat(12582912.0);
  const one = f32x4.splat(1);
  const zero = f32x4.splat(0);
  const end = p + (<usize>T << 5);
  let q = p;
  for (; q + 128 <= end; q += 128) {
    const z0 = v128.load(q, 0);
    const z1 = v128.load(q, 32);
    const z2 = v128.load(q, 64);
    const z3 = v128.load(q, 96);
    const c0 = f32x4.pmin(f32x4.pmax(z0, lo), hi);
    const c1 = f32x4.pmin(f32x4.pmax(z1, lo), hi);
    const c2 = f32x4.pmin(f32x4.pmax(z2, lo), hi);
    const c3 = f32x4.pmin(f32x4.pmax(z3, lo), hi);
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
    p0 = f32x4.add(f32x4.mul(p0, f32x4.mul(r0, r0)), r0);
    p1 = f32x4.add(f32x4.mul(p1, f32x4.mul(r1, r1)), r1);
    p2 = f32x4.add(f32x4.mul(p2, f32x4.mul(r2, r2)), r2);
    p3 = f32x4.add(f32x4.mul(p3, f32x4.mul(r3, r3)), r3);
    const a0 = v128.andnot(f32x4.mul(f32x4.add(p0, one), i32x4.shl(i32x4.add(t0, i32x4.splat(127)), 23)), f32x4.lt(z0, lo));
    const a1 = v128.andnot(f32x4.mul(f32x4.add(p1, one), i32x4.shl(i32x4.add(t1, i32x4.splat(127)), 23)), f32x4.lt(z1, lo));
    const a2 = v128.andnot(f32x4.mul(f32x4.add(p2, one), i32x4.shl(i32x4.add(t2, i32x4.splat(127)), 23)), f32x4.lt(z2, lo));
    const a3 = v128.andnot(f32x4.mul(f32x4.add(p3, one), i32x4.shl(i32x4.add(t3, i32x4.splat(127)), 23)), f32x4.lt(z3, lo));
    const m0 = f32x4.sqrt(f32x4.mul(v128.bitselect(f32x4.neg(p0), f32x4.sub(one, a0), f32x4.eq(n0, zero)), f32x4.add(one, a0)));
    const m1 = f32x4.sqrt(f32x4.mul(v128.bitselect(f32x4.neg(p1), f32x4.sub(one, a1), f32x4.eq(n1, zero)), f32x4.add(one, a1)));
    const m2 = f32x4.sqrt(f32x4.mul(v128.bitselect(f32x4.neg(p2), f32x4.sub(one, a2), f32x4.eq(n2, zero)), f32x4.add(one, a2)));
    const m3 = f32x4.sqrt(f32x4.mul(v128.bitselect(f32x4.neg(p3), f32x4.sub(one, a3), f32x4.eq(n3, zero)), f32x4.add(one, a3)));
    v128.store(q, a0, 0);
    v128.store(q, a1, 32);
    v128.store(q, a2, 64);
    v128.store(q, a3, 96);
    v128.store(q, m0, 16);
    v128.store(q, m1, 48);
    v128.store(q, m2, 80);
    v128.store(q, m3, 112);
  }
  for (; q < end; q += 32) {
    const z = v128.load(q);
    const c = f32x4.pmin(f32x4.pmax(z, lo), hi);
    const t = f32x4.add(f32x4.mul(c, f32x4.splat(1.44269504088896341)), magic);
    const n = f32x4.sub(t, magic);
    const r = f32x4.sub(f32x4.sub(c, f32x4.mul(n, f32x4.splat(0.693359375))), f32x4.mul(n, f32x4.splat(-2.12194440e-4)));
    let e = f32x4.add(f32x4.mul(f32x4.splat(1.9875691500e-4), r), f32x4.splat(1.3981999507e-3));
    e = f32x4.add(f32x4.mul(e, r), f32x4.splat(8.3334519073e-3));
    e = f32x4.add(f32x4.mul(e, r), f32x4.splat(4.1665795894e-2));
    e = f32x4.add(f32x4.mul(e, r), f32x4.splat(1.6666665459e-1));
    e = f32x4.add(f32x4.mul(e, r), f32x4.splat(5.0000001201e-1));
    e = f32x4.add(f32x4.mul(e, f32x4.mul(r, r)), r);
    const a = v128.andnot(f32x4.mul(f32x4.add(e, one), i32x4.shl(i32x4.add(t, i32x4.splat(127)), 23)), f32x4.lt(z, lo));
    v128.store(q, a);
    v128.store(q, f32x4.sqrt(f32x4.mul(v128.bitselect(f32x4.neg(e), f32x4.sub(one, a), f32x4.eq(n, zero)), f32x4.add(one, a))), 16);
  }
}

/** a_t and m_t of the `lanes` channels at byte offset `first` of a sequence's rows, into out [T][a, m]. */
// @ts-ignore: decorator
@inline
function decays(r: usize, rate: v128, out: usize, first: usize, rowBytes: usize, T: i32, lanes: i32): void {
  let p = r + first;
  for (let t = 0; t < T; t++, p += rowBytes) v128.store(out + (<usize>t << 5), f32x4.mul(loadLanes(p, lanes), rate));
  decaysInPlace(out, T);
}

// @ts-ignore: decorator
@inline
function forwardGroup(x: usize, r: usize, i: usize, h: usize, a: usize, rates: usize, s: i32, T: i32, Ch: i32, c0: i32, lanes: i32): void {
  const rowBytes = <usize>Ch << 2;
  const first = (<usize>s * <usize>T * <usize>Ch + <usize>c0) << 2;
  decays(r, loadLanes(rates + (<usize>c0 << 2), lanes), a, first, rowBytes, T, lanes);
  let o = first;
  let state = f32x4.mul(loadLanes(i + o, lanes), loadLanes(x + o, lanes));
  storeLanes(h + o, state, lanes);
  for (let t = 1; t < T; t++) {
    o += rowBytes;
    const at = v128.load(a + (<usize>t << 5));
    const m = v128.load(a + (<usize>t << 5), 16);
    state = f32x4.add(f32x4.mul(at, state), f32x4.mul(f32x4.mul(m, loadLanes(i + o, lanes)), loadLanes(x + o, lanes)));
    storeLanes(h + o, state, lanes);
  }
}

/**
 * h = RG-LRU(x, r, i, Λ) for channels [channelStart, channelEnd) of every sequence (overwrites h).
 * `scratch`: rgLruScratchFloats(T, Ch) floats of this thread.
 */
export function rgLruForward(
  x: usize,
  r: usize,
  i: usize,
  lambda: usize,
  h: usize,
  scratch: usize,
  nSeq: i32,
  T: i32,
  Ch: i32,
  channelStart: i32,
  channelEnd: i32,
): void {
  const rates = scratch + (<usize>(8 * T) << 2);
  channelRates(lambda, rates, 0, channelStart, channelEnd);
  for (let s = 0; s < nSeq; s++) {
    let c0 = channelStart;
    for (; c0 + 4 <= channelEnd; c0 += 4) forwardGroup(x, r, i, h, scratch, rates, s, T, Ch, c0, 4);
    const rest = channelEnd - c0;
    if (rest == 1) forwardGroup(x, r, i, h, scratch, rates, s, T, Ch, c0, 1);
    else if (rest == 2) forwardGroup(x, r, i, h, scratch, rates, s, T, Ch, c0, 2);
    else if (rest == 3) forwardGroup(x, r, i, h, scratch, rates, s, T, Ch, c0, 3);
  }
}

// @ts-ignore: decorator
@inline
function addLanes(p: usize, v: v128, lanes: i32): void {
  storeLanes(p, f32x4.add(loadLanes(p, lanes), v), lanes);
}

// @ts-ignore: decorator
@inline
function backwardGroup(
  x: usize,
  r: usize,
  i: usize,
  h: usize,
  dh: usize,
  gx: usize,
  gr: usize,
  gi: usize,
  gLambda: usize,
  a: usize,
  rates: usize,
  slopes: usize,
  s: i32,
  T: i32,
  Ch: i32,
  c0: i32,
  lanes: i32,
): void {
  const rate = loadLanes(rates + (<usize>c0 << 2), lanes);
  const slope = loadLanes(slopes + (<usize>c0 << 2), lanes);
  const rowBytes = <usize>Ch << 2;
  const first = (<usize>s * <usize>T * <usize>Ch + <usize>c0) << 2;
  decays(r, rate, a, first, rowBytes, T, lanes);
  let gl = f32x4.splat(0);
  let carry = f32x4.splat(0);
  let o = first + <usize>(T - 1) * rowBytes;
  for (let t = T - 1; t > 0; t--, o -= rowBytes) {
    // Every load before the stores: a load behind a store to an address 4 KiB apart waits (4K aliasing).
    const g = f32x4.add(loadLanes(dh + o, lanes), carry);
    const at = v128.load(a + (<usize>t << 5));
    const m = v128.load(a + (<usize>t << 5), 16);
    const xv = loadLanes(x + o, lanes);
    const iv = loadLanes(i + o, lanes);
    const hPrev = loadLanes(h + o - rowBytes, lanes);
    const rv = loadLanes(r + o, lanes);
    const giv = loadLanes(gi + o, lanes);
    const gxv = loadLanes(gx + o, lanes);
    const grv = loadLanes(gr + o, lanes);
    const gm = f32x4.mul(g, m);
    // da = g·(h_{t−1} − i·x·a/m);  dr += da·a·(−8·sp);  dΛ += da·a·r·(−8·σ(Λ)).
    const da = f32x4.mul(g, f32x4.sub(hPrev, f32x4.div(f32x4.mul(f32x4.mul(iv, xv), at), m)));
    const daa = f32x4.mul(da, at);
    storeLanes(gi + o, f32x4.add(giv, f32x4.mul(gm, xv)), lanes);
    storeLanes(gx + o, f32x4.add(gxv, f32x4.mul(gm, iv)), lanes);
    storeLanes(gr + o, f32x4.add(grv, f32x4.mul(daa, rate)), lanes);
    gl = f32x4.add(gl, f32x4.mul(f32x4.mul(daa, rv), slope));
    carry = f32x4.mul(g, at);
  }
  // t = 0: m = 1 and no decay term.
  const g = f32x4.add(loadLanes(dh + o, lanes), carry);
  const xv = loadLanes(x + o, lanes);
  const iv = loadLanes(i + o, lanes);
  addLanes(gi + o, f32x4.mul(g, xv), lanes);
  addLanes(gx + o, f32x4.mul(g, iv), lanes);
  addLanes(gLambda + (<usize>c0 << 2), gl, lanes);
}

/**
 * Backpropagation through time for channels [channelStart, channelEnd), from dh = ∂L/∂h and the forward's
 * output h: g_t = dh_t + a_{t+1} g_{t+1};  di += g·m·x;  dx += g·m·i;  da = g·(h_{t−1} − i x a/m) (t > 0);
 * dr += da·a·(−8·sp);  dΛ += Σ da·a·r·(−8·σ(Λ)) (added once per sequence, in order). ACCUMULATES into gx,
 * gr, gi [nSeq·T, Ch] and gLambda [Ch]. `scratch`: rgLruScratchFloats(T, Ch) floats of this thread.
 */
export function rgLruBackward(
  x: usize,
  r: usize,
  i: usize,
  lambda: usize,
  h: usize,
  dh: usize,
  gx: usize,
  gr: usize,
  gi: usize,
  gLambda: usize,
  scratch: usize,
  nSeq: i32,
  T: i32,
  Ch: i32,
  channelStart: i32,
  channelEnd: i32,
): void {
  const rates = scratch + (<usize>(8 * T) << 2);
  const slopes = rates + (<usize>Ch << 2);
  channelRates(lambda, rates, slopes, channelStart, channelEnd);
  for (let s = 0; s < nSeq; s++) {
    let c0 = channelStart;
    for (; c0 + 4 <= channelEnd; c0 += 4)
      backwardGroup(x, r, i, h, dh, gx, gr, gi, gLambda, scratch, rates, slopes, s, T, Ch, c0, 4);
    const rest = channelEnd - c0;
    if (rest == 1) backwardGroup(x, r, i, h, dh, gx, gr, gi, gLambda, scratch, rates, slopes, s, T, Ch, c0, 1);
    else if (rest == 2) backwardGroup(x, r, i, h, dh, gx, gr, gi, gLambda, scratch, rates, slopes, s, T, Ch, c0, 2);
    else if (rest == 3) backwardGroup(x, r, i, h, dh, gx, gr, gi, gLambda, scratch, rates, slopes, s, T, Ch, c0, 3);
  }
}
