// Elementwise ops of the float32 training step (simulations/training/ops/elementwise.ts has the float64
// reference): sums, products, column slices and the activations the mixers use, forward and backward, over an
// element (or row) range that threads split. Backward kernels accumulate (+=) like the reference.

import { exp4 } from './selectiveScan';

// @ts-ignore: decorator
@inline
function f(p: usize, i: i32): f32 {
  return load<f32>(p + (<usize>i << 2));
}

// @ts-ignore: decorator
@inline
function put(p: usize, i: i32, v: f32): void {
  store<f32>(p + (<usize>i << 2), v);
}

/** y = a + b over [start, end). */
export function addForward(a: usize, b: usize, y: usize, start: i32, end: i32): void {
  let i = start;
  for (; i + 4 <= end; i += 4) {
    const o = <usize>i << 2;
    v128.store(y + o, f32x4.add(v128.load(a + o), v128.load(b + o)));
  }
  for (; i < end; i++) put(y, i, f(a, i) + f(b, i));
}

/** y += x over [start, end) (the backward of a sum). */
export function accumulate(x: usize, y: usize, start: i32, end: i32): void {
  let i = start;
  for (; i + 4 <= end; i += 4) {
    const o = <usize>i << 2;
    v128.store(y + o, f32x4.add(v128.load(y + o), v128.load(x + o)));
  }
  for (; i < end; i++) put(y, i, f(y, i) + f(x, i));
}

/** y = a·b over [start, end). */
export function mulForward(a: usize, b: usize, y: usize, start: i32, end: i32): void {
  let i = start;
  for (; i + 4 <= end; i += 4) {
    const o = <usize>i << 2;
    v128.store(y + o, f32x4.mul(v128.load(a + o), v128.load(b + o)));
  }
  for (; i < end; i++) put(y, i, f(a, i) * f(b, i));
}

/** ga += g·b, gb += g·a over [start, end). */
export function mulBackward(g: usize, a: usize, b: usize, ga: usize, gb: usize, start: i32, end: i32): void {
  let i = start;
  for (; i + 4 <= end; i += 4) {
    const o = <usize>i << 2;
    const gv = v128.load(g + o);
    v128.store(ga + o, f32x4.add(v128.load(ga + o), f32x4.mul(gv, v128.load(b + o))));
    v128.store(gb + o, f32x4.add(v128.load(gb + o), f32x4.mul(gv, v128.load(a + o))));
  }
  for (; i < end; i++) {
    put(ga, i, f(ga, i) + f(g, i) * f(b, i));
    put(gb, i, f(gb, i) + f(g, i) * f(a, i));
  }
}

/**
 * Rows [start, end): y[r, 0…w) = x[r, from…from+w) of x [R, C] (accumulate = 0), or the backward
 * x[r, from…from+w) += y[r, 0…w) (accumulate = 1, x and y as in the forward).
 */
export function columnSlice(x: usize, y: usize, C: i32, from: i32, w: i32, backward: i32, start: i32, end: i32): void {
  for (let r = start; r < end; r++) {
    const src = x + ((<usize>r * <usize>C + <usize>from) << 2);
    const dst = y + ((<usize>r * <usize>w) << 2);
    let c = 0;
    if (backward) {
      for (; c + 4 <= w; c += 4) {
        const o = <usize>c << 2;
        v128.store(src + o, f32x4.add(v128.load(src + o), v128.load(dst + o)));
      }
      for (; c < w; c++) put(src, c, f(src, c) + f(dst, c));
    } else {
      for (; c + 4 <= w; c += 4) {
        const o = <usize>c << 2;
        v128.store(dst + o, v128.load(src + o));
      }
      for (; c < w; c++) put(dst, c, f(src, c));
    }
  }
}

// Activations. Codes: 0 sigmoid, 1 silu, 2 softplus, 3 negExp (−eˣ). Same formulas as
// simulations/ops/activations.ts, in f32x4 lanes with exp4 (selectiveScan.ts: a polynomial e^x, ≤ 3 ulp) taken of
// −|x| only, so it never overflows: e = e^{−|x|} ∈ (0, 1], σ(x) = 1/(1 + e) for x ≥ 0 and e/(1 + e) below;
// softplus(x) = max(x, 0) + log1p(e) (the log per lane in f32; x for x > 20 as the reference).

// @ts-ignore: decorator
@inline
function sigmoid4(x: v128): v128 {
  const e = exp4(f32x4.neg(f32x4.abs(x)));
  const inv = f32x4.div(f32x4.splat(1), f32x4.add(f32x4.splat(1), e));
  return v128.bitselect(inv, f32x4.mul(e, inv), f32x4.ge(x, f32x4.splat(0)));
}

/**
 * softplus on four lanes: max(x, 0) + log1p(e), e = e^{−|x|} ∈ (0, 1], with log1p(e) = 2·atanh(s),
 * s = e/(2 + e) ∈ (0, ⅓]: 2s·(1 + s²/3 + s⁴/5 + … + s¹⁰/11), truncation below 1e-7 (and exact to first order
 * for tiny e, where log1p(e) ≈ e). x itself above 20, as the reference.
 */
// @ts-ignore: decorator
@inline
function softplus4(x: v128): v128 {
  const e = exp4(f32x4.neg(f32x4.abs(x)));
  const sv = f32x4.div(e, f32x4.add(f32x4.splat(2), e));
  const z = f32x4.mul(sv, sv);
  let p = f32x4.add(f32x4.mul(f32x4.splat(1.0 / 11), z), f32x4.splat(1.0 / 9));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(1.0 / 7));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(1.0 / 5));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(1.0 / 3));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(1));
  const r = f32x4.add(f32x4.max(x, f32x4.splat(0)), f32x4.mul(f32x4.mul(f32x4.splat(2), sv), p));
  return v128.bitselect(x, r, f32x4.gt(x, f32x4.splat(20)));
}

// @ts-ignore: decorator
@inline
function softplusLane(v: f32): f32 {
  if (v > 20) return v;
  const e = Mathf.exp(-Mathf.abs(v));
  // log1p(e) in f32: log(1 + e) loses e's digits when e is tiny; there log1p(e) = e − e²/2 to f32 precision.
  const l = e < 1e-4 ? e - 0.5 * e * e : Mathf.log(1 + e);
  return (v > 0 ? v : 0) + l;
}

/** y = act(x) over [start, end). */
export function unaryForward(code: i32, x: usize, y: usize, start: i32, end: i32): void {
  let i = start;
  if (code <= 2) {
    for (; i + 4 <= end; i += 4) {
      const o = <usize>i << 2;
      const v = v128.load(x + o);
      if (code == 2) v128.store(y + o, softplus4(v));
      else {
        const s = sigmoid4(v);
        v128.store(y + o, code == 0 ? s : f32x4.mul(v, s));
      }
    }
  }
  for (; i < end; i++) {
    const v = f(x, i);
    let r: f32 = 0;
    if (code == 0) r = sigmoidOf(v);
    else if (code == 1) r = v * sigmoidOf(v);
    else if (code == 2) r = softplusLane(v);
    else r = -Mathf.exp(v);
    put(y, i, r);
  }
}

// @ts-ignore: decorator
@inline
function sigmoidOf(x: f32): f32 {
  const e = Mathf.exp(-Mathf.abs(x));
  return x >= 0 ? 1 / (1 + e) : e / (1 + e);
}

/** gx += g·act′(x) over [start, end) (y = act(x) as the forward wrote it). */
export function unaryBackward(code: i32, g: usize, x: usize, y: usize, gx: usize, start: i32, end: i32): void {
  let i = start;
  if (code == 0 || code == 1 || code == 2) {
    const one = f32x4.splat(1);
    for (; i + 4 <= end; i += 4) {
      const o = <usize>i << 2;
      const v = v128.load(x + o);
      let d: v128;
      if (code == 0) {
        const s = v128.load(y + o);
        d = f32x4.mul(s, f32x4.sub(one, s));
      } else {
        const s = sigmoid4(v);
        d = code == 1 ? f32x4.mul(s, f32x4.add(one, f32x4.mul(v, f32x4.sub(one, s)))) : s;
      }
      v128.store(gx + o, f32x4.add(v128.load(gx + o), f32x4.mul(v128.load(g + o), d)));
    }
  }
  for (; i < end; i++) {
    const gv = f(g, i);
    const v = f(x, i);
    let d: f32 = 0;
    if (code == 0) {
      const s = f(y, i);
      d = s * (1 - s);
    } else if (code == 1) {
      const s = sigmoidOf(v);
      d = s * (1 + v * (1 - s));
    } else if (code == 2) d = sigmoidOf(v);
    else d = f(y, i);
    put(gx, i, f(gx, i) + gv * d);
  }
}
