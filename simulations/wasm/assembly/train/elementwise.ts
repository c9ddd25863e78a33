// Elementwise ops of the float32 training step (simulations/training/ops/elementwise.ts has the float64
// reference): sums, products, column slices and the activations the mixers use, forward and backward, over an
// element (or row) range that threads split. Backward kernels accumulate (+=) like the reference.

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
// simulations/ops/activations.ts (softplus: x for x > 20, else log1p(eˣ)).

// @ts-ignore: decorator
@inline
function sigmoidOf(x: f32): f32 {
  return x >= 0 ? 1 / (1 + Mathf.exp(-x)) : Mathf.exp(x) / (1 + Mathf.exp(x));
}

/** y = act(x) over [start, end). */
export function unaryForward(code: i32, x: usize, y: usize, start: i32, end: i32): void {
  for (let i = start; i < end; i++) {
    const v = f(x, i);
    let r: f32 = 0;
    if (code == 0) r = sigmoidOf(v);
    else if (code == 1) r = v * sigmoidOf(v);
    else if (code == 2) r = v > 20 ? v : <f32>Math.log1p(<f64>Mathf.exp(v));
    else r = -Mathf.exp(v);
    put(y, i, r);
  }
}

/** gx += g·act′(x) over [start, end) (y = act(x) as the forward wrote it). */
export function unaryBackward(code: i32, g: usize, x: usize, y: usize, gx: usize, start: i32, end: i32): void {
  for (let i = start; i < end; i++) {
    const gv = f(g, i);
    if (gv == 0) continue;
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
