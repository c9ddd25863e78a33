// AssemblyScript (compiled by scripts/build-wasm.mjs with SIMD): the float64 product of training,
// C[m, n] (=|+=) Σ_k A[m, k]·Bᵗ[n, k], row-major, operands at byte offsets in linear memory.
// 4 rows of A × 2 rows of Bᵗ per block: 8 f64x2 accumulators over k pairs (14 live vector registers).

export function gemmABt(a: usize, bt: usize, c: usize, M: i32, N: i32, K: i32, accumulate: i32): void {
  const K2 = K & ~1;
  const rowA = <usize>K << 3;
  let m = 0;
  for (; m + 4 <= M; m += 4) {
    const a0 = a + <usize>m * rowA;
    const a1 = a0 + rowA;
    const a2 = a1 + rowA;
    const a3 = a2 + rowA;
    let n = 0;
    for (; n + 2 <= N; n += 2) {
      const b0 = bt + <usize>n * rowA;
      const b1 = b0 + rowA;
      let c00 = f64x2.splat(0);
      let c01 = f64x2.splat(0);
      let c10 = f64x2.splat(0);
      let c11 = f64x2.splat(0);
      let c20 = f64x2.splat(0);
      let c21 = f64x2.splat(0);
      let c30 = f64x2.splat(0);
      let c31 = f64x2.splat(0);
      for (let k = 0; k < K2; k += 2) {
        const o = <usize>k << 3;
        const y0 = v128.load(b0 + o);
        const y1 = v128.load(b1 + o);
        const x0 = v128.load(a0 + o);
        c00 = f64x2.add(c00, f64x2.mul(x0, y0));
        c01 = f64x2.add(c01, f64x2.mul(x0, y1));
        const x1 = v128.load(a1 + o);
        c10 = f64x2.add(c10, f64x2.mul(x1, y0));
        c11 = f64x2.add(c11, f64x2.mul(x1, y1));
        const x2 = v128.load(a2 + o);
        c20 = f64x2.add(c20, f64x2.mul(x2, y0));
        c21 = f64x2.add(c21, f64x2.mul(x2, y1));
        const x3 = v128.load(a3 + o);
        c30 = f64x2.add(c30, f64x2.mul(x3, y0));
        c31 = f64x2.add(c31, f64x2.mul(x3, y1));
      }
      let s00 = f64x2.extract_lane(c00, 0) + f64x2.extract_lane(c00, 1);
      let s01 = f64x2.extract_lane(c01, 0) + f64x2.extract_lane(c01, 1);
      let s10 = f64x2.extract_lane(c10, 0) + f64x2.extract_lane(c10, 1);
      let s11 = f64x2.extract_lane(c11, 0) + f64x2.extract_lane(c11, 1);
      let s20 = f64x2.extract_lane(c20, 0) + f64x2.extract_lane(c20, 1);
      let s21 = f64x2.extract_lane(c21, 0) + f64x2.extract_lane(c21, 1);
      let s30 = f64x2.extract_lane(c30, 0) + f64x2.extract_lane(c30, 1);
      let s31 = f64x2.extract_lane(c31, 0) + f64x2.extract_lane(c31, 1);
      if (K2 < K) {
        const o = <usize>K2 << 3;
        const y0 = load<f64>(b0 + o);
        const y1 = load<f64>(b1 + o);
        s00 += load<f64>(a0 + o) * y0;
        s01 += load<f64>(a0 + o) * y1;
        s10 += load<f64>(a1 + o) * y0;
        s11 += load<f64>(a1 + o) * y1;
        s20 += load<f64>(a2 + o) * y0;
        s21 += load<f64>(a2 + o) * y1;
        s30 += load<f64>(a3 + o) * y0;
        s31 += load<f64>(a3 + o) * y1;
      }
      const rowC = <usize>N << 3;
      const o0 = c + (<usize>m * <usize>N + <usize>n) * 8;
      put(o0, s00, accumulate);
      put(o0 + 8, s01, accumulate);
      put(o0 + rowC, s10, accumulate);
      put(o0 + rowC + 8, s11, accumulate);
      put(o0 + 2 * rowC, s20, accumulate);
      put(o0 + 2 * rowC + 8, s21, accumulate);
      put(o0 + 3 * rowC, s30, accumulate);
      put(o0 + 3 * rowC + 8, s31, accumulate);
    }
    for (; n < N; n++) for (let r = m; r < m + 4; r++) dot(a, bt, c, r, n, N, K, accumulate);
  }
  for (; m < M; m++) for (let n = 0; n < N; n++) dot(a, bt, c, m, n, N, K, accumulate);
}

@inline
function put(at: usize, value: f64, accumulate: i32): void {
  store<f64>(at, accumulate ? load<f64>(at) + value : value);
}

function dot(a: usize, bt: usize, c: usize, m: i32, n: i32, N: i32, K: i32, accumulate: i32): void {
  let s: f64 = 0;
  const pa = a + (<usize>m * <usize>K << 3);
  const pb = bt + (<usize>n * <usize>K << 3);
  for (let k = 0; k < K; k++) s += load<f64>(pa + (<usize>k << 3)) * load<f64>(pb + (<usize>k << 3));
  put(c + ((<usize>m * <usize>N + <usize>n) << 3), s, accumulate);
}
