/**
 * The gated long convolution Hyena and M2 share on the GPU (hyenaMixer.ts, monarchMixer.ts), applied by the
 * direct causal long convolution — the CPU convolves by FFT (Hyena) or Monarch DFTs (M2): the same linear map,
 * so the GPU's direct sum agrees to float rounding (T ≤ 1024 keeps it cheap).
 */
import type { GpuOps } from '../gpuOps';

/** Hyena / M2's gated long convolution: [x1, x2, v] = conv₃(u W_in + b); y = ((h ∗ (v ⊙ x1) + bias ⊙ v ⊙ x1) ⊙ x2) W_out + b. */
export function gatedLongConv(
  ops: GpuOps,
  u: GPUBuffer,
  pre: string,
  h: GPUBuffer,
  stride: number,
): GPUBuffer {
  const { T, d } = ops;
  const n = T * d;
  const proj = ops.shortConv(
    ops.linear(u, d, 3 * d, `${pre}.mixer.W_in`, `${pre}.mixer.b_in`, 'in proj'),
    3 * d,
    3,
    `${pre}.mixer.short_conv_weight`,
    `${pre}.mixer.short_conv_bias`,
  );
  const v = ops.mul(ops.columns(proj, 3 * d, 2 * d, d), ops.columns(proj, 3 * d, 0, d), n);
  const conv = ops.longConv(v, d, h, T, stride, ops.weight(`${pre}.mixer.bias`));
  return ops.linear(
    ops.mul(conv, ops.columns(proj, 3 * d, d, d), n),
    d,
    d,
    `${pre}.mixer.W_out`,
    `${pre}.mixer.b_out`,
    `${pre} mixer out`,
  );
}
