/** LayerNorm over the last axis of x [T, d]: (x − μ)/√(σ² + ε)·γ + β (biased variance, as PyTorch). */
export function layerNorm(
  x: Float32Array,
  T: number,
  d: number,
  gamma: Float32Array,
  beta: Float32Array,
  eps = 1e-5,
): Float32Array {
  const y = new Float32Array(T * d);
  for (let t = 0; t < T; t++) {
    let mean = 0;
    for (let c = 0; c < d; c++) mean += x[t * d + c];
    mean /= d;
    let variance = 0;
    for (let c = 0; c < d; c++) variance += (x[t * d + c] - mean) ** 2;
    const inv = 1 / Math.sqrt(variance / d + eps);
    for (let c = 0; c < d; c++) y[t * d + c] = (x[t * d + c] - mean) * inv * gamma[c] + beta[c];
  }
  return y;
}

/** RMSNorm over the last axis: x/√(mean(x²) + ε)·γ (Zhang & Sennrich 2019; Mamba and Griffin use it). */
export function rmsNorm(
  x: Float32Array,
  T: number,
  d: number,
  gamma: Float32Array,
  eps = 1e-6,
): Float32Array {
  const y = new Float32Array(T * d);
  for (let t = 0; t < T; t++) {
    let ms = 0;
    for (let c = 0; c < d; c++) ms += x[t * d + c] ** 2;
    const inv = 1 / Math.sqrt(ms / d + eps);
    for (let c = 0; c < d; c++) y[t * d + c] = x[t * d + c] * inv * gamma[c];
  }
  return y;
}
