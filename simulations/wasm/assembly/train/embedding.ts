// Token embedding and learned positions of the float32 training step (simulations/training/ops/embedding.ts):
//   y[r, :] = E[tokens[r], :] (+ P[r mod T, :]);  backward dE[tokens[r]] += dy[r], dP[r mod T] += dy[r].
// The backward scatters into shared rows of E, so it runs on one thread in row order (deterministic).

/** Rows [rowStart, rowEnd) of y [R, d]; tokens are int32. hasPositions = 0 skips P. */
export function embedForward(
  tokens: usize, E: usize, P: usize, y: usize,
  R: i32, T: i32, d: i32, hasPositions: i32, rowStart: i32, rowEnd: i32,
): void {
  for (let r = rowStart; r < rowEnd; r++) {
    const token = load<i32>(tokens + (<usize>r << 2));
    const src = E + ((<usize>token * <usize>d) << 2);
    const pos = P + ((<usize>(r % T) * <usize>d) << 2);
    const dst = y + ((<usize>r * <usize>d) << 2);
    let c = 0;
    for (; c + 4 <= d; c += 4) {
      const o = <usize>c << 2;
      let v = v128.load(src + o);
      if (hasPositions) v = f32x4.add(v, v128.load(pos + o));
      v128.store(dst + o, v);
    }
    for (; c < d; c++) {
      const o = <usize>c << 2;
      store<f32>(dst + o, load<f32>(src + o) + (hasPositions ? load<f32>(pos + o) : 0));
    }
  }
}

/** dE, dP += for all rows (call with the whole range on one thread). */
export function embedBackward(
  tokens: usize, dy: usize, dE: usize, dP: usize,
  R: i32, T: i32, d: i32, hasPositions: i32, rowStart: i32, rowEnd: i32,
): void {
  for (let r = rowStart; r < rowEnd; r++) {
    const token = load<i32>(tokens + (<usize>r << 2));
    const g = dy + ((<usize>r * <usize>d) << 2);
    const e = dE + ((<usize>token * <usize>d) << 2);
    const p = dP + ((<usize>(r % T) * <usize>d) << 2);
    let c = 0;
    for (; c + 4 <= d; c += 4) {
      const o = <usize>c << 2;
      const v = v128.load(g + o);
      v128.store(e + o, f32x4.add(v128.load(e + o), v));
      if (hasPositions) v128.store(p + o, f32x4.add(v128.load(p + o), v));
    }
    for (; c < d; c++) {
      const o = <usize>c << 2;
      const v = load<f32>(g + o);
      store<f32>(e + o, load<f32>(e + o) + v);
      if (hasPositions) store<f32>(p + o, load<f32>(p + o) + v);
    }
  }
}
