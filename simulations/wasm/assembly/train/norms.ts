// LayerNorm and RMSNorm of the float32 training step (simulations/training/ops/norms.ts has the math and the
// float64 reference), rows split across threads; the γ/β gradients are sums over rows, so they have their own
// kernels split by column (threads never write the same value).
//   LayerNorm  y = x̂·γ + β, x̂ = (x − μ)·inv, inv = 1/√(var + ε);  dx = inv·(g − mean(g) − x̂·mean(g·x̂)), g = dy·γ
//   RMSNorm    y = x·inv·γ, inv = 1/√(mean(x²) + ε);            dx = inv·(g − x·inv²·mean(g·x)),     g = dy·γ

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

/** y, x̂ [R, d] and inv [R] for rows [rowStart, rowEnd). Sums in f64 as the reference does. */
export function layerNormForward(
  x: usize, gamma: usize, beta: usize, y: usize, xhat: usize, inv: usize,
  R: i32, d: i32, eps: f32, rowStart: i32, rowEnd: i32,
): void {
  for (let r = rowStart; r < rowEnd; r++) {
    const o = r * d;
    let mean: f64 = 0;
    for (let c = 0; c < d; c++) mean += <f64>f(x, o + c);
    mean /= <f64>d;
    let variance: f64 = 0;
    for (let c = 0; c < d; c++) {
      const z = <f64>f(x, o + c) - mean;
      variance += z * z;
    }
    const s = <f32>(1 / Math.sqrt(variance / <f64>d + <f64>eps));
    put(inv, r, s);
    const m = <f32>mean;
    for (let c = 0; c < d; c++) {
      const h = (f(x, o + c) - m) * s;
      put(xhat, o + c, h);
      put(y, o + c, h * f(gamma, c) + f(beta, c));
    }
  }
}

/** dx [R, d] += for rows [rowStart, rowEnd). */
export function layerNormBackward(
  dy: usize, gamma: usize, xhat: usize, inv: usize, dx: usize,
  R: i32, d: i32, rowStart: i32, rowEnd: i32,
): void {
  for (let r = rowStart; r < rowEnd; r++) {
    const o = r * d;
    let meanG: f32 = 0;
    let meanGx: f32 = 0;
    for (let c = 0; c < d; c++) {
      const g = f(dy, o + c) * f(gamma, c);
      meanG += g;
      meanGx += g * f(xhat, o + c);
    }
    meanG /= <f32>d;
    meanGx /= <f32>d;
    const s = f(inv, r);
    for (let c = 0; c < d; c++)
      put(dx, o + c, f(dx, o + c) + s * (f(dy, o + c) * f(gamma, c) - meanG - f(xhat, o + c) * meanGx));
  }
}

/** dγ[c] += Σ_r dy·x̂, dβ[c] += Σ_r dy for columns [colStart, colEnd). */
export function layerNormParamGrads(
  dy: usize, xhat: usize, dgamma: usize, dbeta: usize,
  R: i32, d: i32, colStart: i32, colEnd: i32,
): void {
  for (let c = colStart; c < colEnd; c++) {
    let sg: f32 = 0;
    let sb: f32 = 0;
    for (let r = 0; r < R; r++) {
      const g = f(dy, r * d + c);
      sg += g * f(xhat, r * d + c);
      sb += g;
    }
    put(dgamma, c, f(dgamma, c) + sg);
    put(dbeta, c, f(dbeta, c) + sb);
  }
}

export function rmsNormForward(
  x: usize, gamma: usize, y: usize, inv: usize,
  R: i32, d: i32, eps: f32, rowStart: i32, rowEnd: i32,
): void {
  for (let r = rowStart; r < rowEnd; r++) {
    const o = r * d;
    let ms: f64 = 0;
    for (let c = 0; c < d; c++) {
      const v = <f64>f(x, o + c);
      ms += v * v;
    }
    const s = <f32>(1 / Math.sqrt(ms / <f64>d + <f64>eps));
    put(inv, r, s);
    for (let c = 0; c < d; c++) put(y, o + c, f(x, o + c) * s * f(gamma, c));
  }
}

export function rmsNormBackward(
  dy: usize, x: usize, gamma: usize, inv: usize, dx: usize,
  R: i32, d: i32, rowStart: i32, rowEnd: i32,
): void {
  for (let r = rowStart; r < rowEnd; r++) {
    const o = r * d;
    let dot: f32 = 0;
    for (let c = 0; c < d; c++) dot += f(dy, o + c) * f(gamma, c) * f(x, o + c);
    const s = f(inv, r);
    const k = (dot / <f32>d) * s * s;
    for (let c = 0; c < d; c++)
      put(dx, o + c, f(dx, o + c) + s * (f(dy, o + c) * f(gamma, c) - f(x, o + c) * k));
  }
}

export function rmsNormParamGrads(
  dy: usize, x: usize, inv: usize, dgamma: usize,
  R: i32, d: i32, colStart: i32, colEnd: i32,
): void {
  for (let c = colStart; c < colEnd; c++) {
    let sg: f32 = 0;
    for (let r = 0; r < R; r++) sg += f(dy, r * d + c) * f(x, r * d + c) * f(inv, r);
    put(dgamma, c, f(dgamma, c) + sg);
  }
}
