/**
 * Depthwise causal 1-D convolution over time, per channel c (BaseConv, Mamba, Hyena's short conv):
 *   y[t, c] = b[c] + Σ_{k=0}^{K−1} w[c, k] · x[t − (K−1) + k, c]      (x before t = 0 is 0)
 * This is PyTorch's `Conv1d(groups=d, padding=K−1)` truncated to the first T outputs, so w[c, K−1] multiplies
 * the current token.
 */
export function causalDepthwiseConv1d(
  x: Float32Array,
  T: number,
  d: number,
  weight: Float32Array,
  kernelSize: number,
  bias?: Float32Array,
): Float32Array {
  if (weight.length !== d * kernelSize)
    throw new RangeError(`conv weight has ${weight.length} values, expected ${d}×${kernelSize}`);
  const y = new Float32Array(T * d);
  for (let t = 0; t < T; t++) {
    for (let c = 0; c < d; c++) {
      let acc = bias ? bias[c] : 0;
      for (let k = 0; k < kernelSize; k++) {
        const s = t - (kernelSize - 1) + k;
        if (s >= 0) acc += weight[c * kernelSize + k] * x[s * d + c];
      }
      y[t * d + c] = acc;
    }
  }
  return y;
}
