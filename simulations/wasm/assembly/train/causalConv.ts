// Depthwise causal 1-D convolution per sequence for training, forward and backward, float32 with f32x4 SIMD
// over four channels (simulations/training/ops/causalConv.ts is the float64 reference):
//   y[b, t, c] = bias[c] + Σ_k w[c, k]·x[b, t − (K−1) + k, c]   (w[c, K−1] multiplies the current token)
// x, y [nSeq·T, Ch] (row b·T + t); w [Ch, K]; bias [Ch] (offset 0: none). Threads split CHANNELS (dw, dbias
// are per channel; they get each sequence's sum in turn). Sequences are the outer loop so one sequence's rows
// stay in cache across its channel groups. Kernels of up to 4 taps (all the zoo's) keep the taps and a sliding
// window of x (or dy) in registers: one load and one store per output, which also keeps clear of the 4 KiB
// aliasing stalls that repeated store/reload passes over arrays 4 KiB apart suffer. Each lane computes only
// from its own channel.
import { gatherLanes, loadLanes, scatterAddLanes, storeLanes } from './selectiveScan';

/** The tap multiplying x[t − j] (j = 0: the current token), zero beyond the kernel: w[c, K − 1 − j]. */
// @ts-ignore: decorator
@inline
function tap(w0: usize, wStride: usize, K: i32, j: i32, lanes: i32): v128 {
  return j < K ? gatherLanes(w0 + (<usize>(K - 1 - j) << 2), wStride, lanes) : f32x4.splat(0);
}

// @ts-ignore: decorator
@inline
function forwardGroup(x: usize, w: usize, bias: usize, y: usize, s: i32, T: i32, Ch: i32, K: i32, c0: i32, lanes: i32): void {
  const rowBytes = <usize>Ch << 2;
  const wStride = <usize>K << 2;
  const w0 = w + <usize>c0 * wStride;
  const b = bias ? loadLanes(bias + (<usize>c0 << 2), lanes) : f32x4.splat(0);
  const first = (<usize>s * <usize>T * <usize>Ch + <usize>c0) << 2;
  if (K <= 4) {
    // Taps in the reference's order (k = 0 first), absent taps zero: b + v3·x[t−3] + v2·x[t−2] + v1·x[t−1] + v0·x[t].
    const v0 = tap(w0, wStride, K, 0, lanes);
    const v1 = tap(w0, wStride, K, 1, lanes);
    const v2 = tap(w0, wStride, K, 2, lanes);
    const v3 = tap(w0, wStride, K, 3, lanes);
    let x1 = f32x4.splat(0);
    let x2 = f32x4.splat(0);
    let x3 = f32x4.splat(0);
    let o = first;
    for (let t = 0; t < T; t++, o += rowBytes) {
      const x0 = loadLanes(x + o, lanes);
      let acc = f32x4.add(b, f32x4.mul(v3, x3));
      acc = f32x4.add(acc, f32x4.mul(v2, x2));
      acc = f32x4.add(acc, f32x4.mul(v1, x1));
      storeLanes(y + o, f32x4.add(acc, f32x4.mul(v0, x0)), lanes);
      x3 = x2;
      x2 = x1;
      x1 = x0;
    }
    return;
  }
  let o = first;
  for (let t = 0; t < T; t++, o += rowBytes) storeLanes(y + o, b, lanes);
  // Term k adds w_k·x[t − (K−1) + k] for t ≥ K−1−k, in the order k = 0, 1, … as the reference sums.
  for (let k = 0; k < K; k++) {
    const wk = gatherLanes(w0 + (<usize>k << 2), wStride, lanes);
    const shift = K - 1 - k;
    let oy = first + <usize>shift * rowBytes;
    let ox = first;
    for (let t = shift; t < T; t++, oy += rowBytes, ox += rowBytes)
      storeLanes(y + oy, f32x4.add(loadLanes(y + oy, lanes), f32x4.mul(wk, loadLanes(x + ox, lanes))), lanes);
  }
}

/** y = causalConv(x, w, bias) for channels [channelStart, channelEnd) of every sequence (overwrites y). */
export function causalConvForward(
  x: usize,
  w: usize,
  bias: usize,
  y: usize,
  nSeq: i32,
  T: i32,
  Ch: i32,
  K: i32,
  channelStart: i32,
  channelEnd: i32,
): void {
  for (let s = 0; s < nSeq; s++) {
    let c0 = channelStart;
    for (; c0 + 4 <= channelEnd; c0 += 4) forwardGroup(x, w, bias, y, s, T, Ch, K, c0, 4);
    const rest = channelEnd - c0;
    if (rest == 1) forwardGroup(x, w, bias, y, s, T, Ch, K, c0, 1);
    else if (rest == 2) forwardGroup(x, w, bias, y, s, T, Ch, K, c0, 2);
    else if (rest == 3) forwardGroup(x, w, bias, y, s, T, Ch, K, c0, 3);
  }
}

// @ts-ignore: decorator
@inline
function backwardGroup(
  x: usize,
  w: usize,
  dy: usize,
  gx: usize,
  gw: usize,
  gBias: usize,
  s: i32,
  T: i32,
  Ch: i32,
  K: i32,
  c0: i32,
  lanes: i32,
): void {
  const rowBytes = <usize>Ch << 2;
  const wStride = <usize>K << 2;
  const w0 = w + <usize>c0 * wStride;
  const gw0 = gw + <usize>c0 * wStride;
  const first = (<usize>s * <usize>T * <usize>Ch + <usize>c0) << 2;
  if (K <= 4) {
    // t descending: dx[t] += v0·dy[t] + v1·dy[t+1] + v2·dy[t+2] + v3·dy[t+3] (window of dy), and tap j's
    // weight gradient Σ_t dy[t]·x[t − j] (window x[t − j], j = 0…3); dbias Σ dy.
    const v0 = tap(w0, wStride, K, 0, lanes);
    const v1 = tap(w0, wStride, K, 1, lanes);
    const v2 = tap(w0, wStride, K, 2, lanes);
    const v3 = tap(w0, wStride, K, 3, lanes);
    const zero = f32x4.splat(0);
    let d1 = zero;
    let d2 = zero;
    let d3 = zero;
    let o = first + <usize>(T - 1) * rowBytes;
    let xw0 = loadLanes(x + o, lanes);
    let xw1 = T >= 2 ? loadLanes(x + o - rowBytes, lanes) : zero;
    let xw2 = T >= 3 ? loadLanes(x + o - 2 * rowBytes, lanes) : zero;
    let xw3 = T >= 4 ? loadLanes(x + o - 3 * rowBytes, lanes) : zero;
    let a0 = zero;
    let a1 = zero;
    let a2 = zero;
    let a3 = zero;
    let gb = zero;
    for (let t = T - 1; t >= 0; t--, o -= rowBytes) {
      // Loads before the store (4K aliasing, see rgLru.ts).
      const d0 = loadLanes(dy + o, lanes);
      const gx0 = loadLanes(gx + o, lanes);
      const xNext = t >= 4 ? loadLanes(x + o - 4 * rowBytes, lanes) : zero;
      let gxt = f32x4.add(f32x4.mul(v0, d0), f32x4.mul(v1, d1));
      gxt = f32x4.add(gxt, f32x4.add(f32x4.mul(v2, d2), f32x4.mul(v3, d3)));
      storeLanes(gx + o, f32x4.add(gx0, gxt), lanes);
      a0 = f32x4.add(a0, f32x4.mul(d0, xw0));
      a1 = f32x4.add(a1, f32x4.mul(d0, xw1));
      a2 = f32x4.add(a2, f32x4.mul(d0, xw2));
      a3 = f32x4.add(a3, f32x4.mul(d0, xw3));
      gb = f32x4.add(gb, d0);
      d3 = d2;
      d2 = d1;
      d1 = d0;
      xw0 = xw1;
      xw1 = xw2;
      xw2 = xw3;
      xw3 = xNext;
    }
    scatterAddLanes(gw0 + (<usize>(K - 1) << 2), wStride, a0, lanes);
    if (K > 1) scatterAddLanes(gw0 + (<usize>(K - 2) << 2), wStride, a1, lanes);
    if (K > 2) scatterAddLanes(gw0 + (<usize>(K - 3) << 2), wStride, a2, lanes);
    if (K > 3) scatterAddLanes(gw0, wStride, a3, lanes);
    if (gBias) {
      const p = gBias + (<usize>c0 << 2);
      storeLanes(p, f32x4.add(loadLanes(p, lanes), gb), lanes);
    }
    return;
  }
  if (gBias) {
    let gb = f32x4.splat(0);
    let o = first;
    for (let t = 0; t < T; t++, o += rowBytes) gb = f32x4.add(gb, loadLanes(dy + o, lanes));
    const p = gBias + (<usize>c0 << 2);
    storeLanes(p, f32x4.add(loadLanes(p, lanes), gb), lanes);
  }
  for (let k = 0; k < K; k++) {
    const wk = gatherLanes(w0 + (<usize>k << 2), wStride, lanes);
    const shift = K - 1 - k;
    let acc = f32x4.splat(0);
    let oy = first + <usize>shift * rowBytes;
    let ox = first;
    for (let t = shift; t < T; t++, oy += rowBytes, ox += rowBytes) {
      const g = loadLanes(dy + oy, lanes);
      acc = f32x4.add(acc, f32x4.mul(g, loadLanes(x + ox, lanes)));
      storeLanes(gx + ox, f32x4.add(loadLanes(gx + ox, lanes), f32x4.mul(g, wk)), lanes);
    }
    scatterAddLanes(gw0 + (<usize>k << 2), wStride, acc, lanes);
  }
}

/**
 * Backward of causalConvForward for channels [channelStart, channelEnd), from dy = ∂L/∂y: ACCUMULATES
 * dx[t − (K−1) + k] += dy[t]·w[c, k],  dw[c, k] += Σ_t dy[t]·x[t − (K−1) + k] (added once per sequence),
 * dbias[c] += Σ dy (gBias offset 0: no bias).
 */
export function causalConvBackward(
  x: usize,
  w: usize,
  dy: usize,
  gx: usize,
  gw: usize,
  gBias: usize,
  nSeq: i32,
  T: i32,
  Ch: i32,
  K: i32,
  channelStart: i32,
  channelEnd: i32,
): void {
  for (let s = 0; s < nSeq; s++) {
    let c0 = channelStart;
    for (; c0 + 4 <= channelEnd; c0 += 4) backwardGroup(x, w, dy, gx, gw, gBias, s, T, Ch, K, c0, 4);
    const rest = channelEnd - c0;
    if (rest == 1) backwardGroup(x, w, dy, gx, gw, gBias, s, T, Ch, K, c0, 1);
    else if (rest == 2) backwardGroup(x, w, dy, gx, gw, gBias, s, T, Ch, K, c0, 2);
    else if (rest == 3) backwardGroup(x, w, dy, gx, gw, gBias, s, T, Ch, K, c0, 3);
  }
}
