// Causal long convolution per channel of each sequence, for the float32 training step (the float64 reference
// and the math: simulations/training/ops/longConv.ts):
//   y[b, t, c] = Σ_{ℓ=0}^{min(t, Lk−1)} K[c, ℓ]·u[b, t − ℓ, c]
//   du[s] += Σ_ℓ K[ℓ]·dy[s + ℓ],   dK[c, ℓ] += Σ_b Σ_t dy[t]·u[t − ℓ]
// u, y [nSeq·T, C] (row b·T + t); K [C, Lk]. Split by CHANNEL (dK sums over sequences, so each thread owns
// whole channels). Each (sequence, channel) column is copied into zero-padded scratch so that the inner loops
// run over four consecutive t in f32x4 lanes without bounds checks.

/** Per-thread scratch: three padded columns of T + 2·Lk + 8 floats. */
export function longConvScratchFloats(T: i32, Lk: i32): i32 {
  return 3 * (T + 2 * Lk + 8);
}

// @ts-ignore: decorator
@inline
function ptr(base: usize, i: i32): usize {
  return base + (<usize>i << 2);
}

/** Copies column c of sequence b ([T] at stride C) into dst[0…T) and zeroes `before` floats before it and `after` after. */
function gather(src: usize, dst: usize, b: i32, c: i32, T: i32, C: i32, before: i32, after: i32): void {
  for (let i = 1; i <= before; i++) store<f32>(ptr(dst, -i), 0);
  for (let t = 0; t < T; t++) store<f32>(ptr(dst, t), load<f32>(ptr(src, (b * T + t) * C + c)));
  for (let i = 0; i < after; i++) store<f32>(ptr(dst, T + i), 0);
}

export function longConvForward(
  u: usize, K: usize, y: usize, nSeq: i32, T: i32, C: i32, Lk: i32, scratch: usize, cStart: i32, cEnd: i32,
): void {
  const pad = Lk + 4;
  const uc = ptr(scratch, pad);
  for (let c = cStart; c < cEnd; c++) {
    const k = ptr(K, c * Lk);
    for (let b = 0; b < nSeq; b++) {
      gather(u, uc, b, c, T, C, pad, 4);
      let t0 = 0;
      for (; t0 + 4 <= T; t0 += 4) {
        // Lanes t0…t0+3; lags beyond a lane's t read the zero padding before the column.
        let acc = f32x4.splat(0);
        const last = min(t0 + 3, Lk - 1);
        for (let l = 0; l <= last; l++)
          acc = f32x4.add(acc, f32x4.mul(f32x4.splat(load<f32>(ptr(k, l))), v128.load(ptr(uc, t0 - l))));
        store<f32>(ptr(y, (b * T + t0) * C + c), f32x4.extract_lane(acc, 0));
        store<f32>(ptr(y, (b * T + t0 + 1) * C + c), f32x4.extract_lane(acc, 1));
        store<f32>(ptr(y, (b * T + t0 + 2) * C + c), f32x4.extract_lane(acc, 2));
        store<f32>(ptr(y, (b * T + t0 + 3) * C + c), f32x4.extract_lane(acc, 3));
      }
      for (; t0 < T; t0++) {
        let s: f32 = 0;
        const last = min(t0, Lk - 1);
        for (let l = 0; l <= last; l++) s += load<f32>(ptr(k, l)) * load<f32>(ptr(uc, t0 - l));
        store<f32>(ptr(y, (b * T + t0) * C + c), s);
      }
    }
  }
}

export function longConvBackward(
  u: usize, K: usize, dy: usize, gu: usize, gK: usize,
  nSeq: i32, T: i32, C: i32, Lk: i32, scratch: usize, cStart: i32, cEnd: i32,
): void {
  const pad = Lk + 4;
  const col = T + 2 * Lk + 8;
  const uc = ptr(scratch, pad);
  const gc = ptr(scratch, col + pad);
  for (let c = cStart; c < cEnd; c++) {
    const k = ptr(K, c * Lk);
    const dk = ptr(gK, c * Lk);
    for (let b = 0; b < nSeq; b++) {
      gather(u, uc, b, c, T, C, pad, 4);
      gather(dy, gc, b, c, T, C, 4, Lk + 4);
      // du[s] += Σ_ℓ K[ℓ]·dy[s + ℓ] (dy is zero past T).
      let s0 = 0;
      for (; s0 + 4 <= T; s0 += 4) {
        let acc = f32x4.splat(0);
        for (let l = 0; l < Lk; l++)
          acc = f32x4.add(acc, f32x4.mul(f32x4.splat(load<f32>(ptr(k, l))), v128.load(ptr(gc, s0 + l))));
        for (let j = 0; j < 4; j++) {
          const at = ptr(gu, (b * T + s0 + j) * C + c);
          store<f32>(at, load<f32>(at) + lane(acc, j));
        }
      }
      for (; s0 < T; s0++) {
        let s: f32 = 0;
        for (let l = 0; l < Lk; l++) s += load<f32>(ptr(k, l)) * load<f32>(ptr(gc, s0 + l));
        const at = ptr(gu, (b * T + s0) * C + c);
        store<f32>(at, load<f32>(at) + s);
      }
      // dK[ℓ] += Σ_t dy[t]·u[t − ℓ] (u is zero before 0), t in lanes of four.
      for (let l = 0; l < Lk; l++) {
        let acc = f32x4.splat(0);
        let t = 0;
        for (; t + 4 <= T; t += 4) acc = f32x4.add(acc, f32x4.mul(v128.load(ptr(gc, t)), v128.load(ptr(uc, t - l))));
        let s: f32 = lane(acc, 0) + lane(acc, 1) + lane(acc, 2) + lane(acc, 3);
        for (; t < T; t++) s += load<f32>(ptr(gc, t)) * load<f32>(ptr(uc, t - l));
        store<f32>(ptr(dk, l), load<f32>(ptr(dk, l)) + s);
      }
    }
  }
}

// @ts-ignore: decorator
@inline
function lane(v: v128, j: i32): f32 {
  return j == 0 ? f32x4.extract_lane(v, 0) : j == 1 ? f32x4.extract_lane(v, 1) : j == 2 ? f32x4.extract_lane(v, 2) : f32x4.extract_lane(v, 3);
}
