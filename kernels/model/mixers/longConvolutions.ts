/**
 * The long-convolution mixers on the GPU: S4D, H3, Hyena and M2 (simulations/model/mixers/s4dMixer.ts,
 * h3Mixer.ts, hyenaMixer.ts, monarchMixer.ts). Kernels are generated on the GPU (S4D's Vandermonde sum,
 * Hyena's Sin-FFN) or read from the weights (M2, H3's shift filter), then applied by the direct causal
 * long convolution. The CPU reference convolves by FFT (S4D, H3, Hyena) or Monarch DFTs (M2): the same
 * linear map, so the GPU's direct sum agrees to float rounding (T ≤ 1024 keeps it cheap).
 * When tracing, each records its CPU trace's fields: S4D kernels, retention, stateMagnitudes (the recurrent
 * form's |h_t[n]|, traceKernels.wgsl.ts) and stateShape; H3 shiftedKeys and retention (of the diagonal SSM's
 * kernels); Hyena filters and retention; M2 retention (of its explicit kernel's first T lags).
 */
import type { MixerSpec } from '../../../simulations/model/config';
import { hyenaFilterParams, packHyenaFilter } from '../../hyenaFilter/hyenaFilter';
import { hyenaFilterWgsl } from '../../hyenaFilter/hyenaFilter.wgsl';
import { s4dKernelParams } from '../../s4d/s4dKernel';
import { S4D_KERNEL_WORKGROUP, s4dKernelWgsl } from '../../s4d/s4dKernel.wgsl';
import { type GpuOps, words } from '../gpuOps';
import { h3OuterWgsl, h3ReadoutWgsl } from '../h3.wgsl';
import { s4dStatesWgsl } from '../traceKernels.wgsl';

/** K [channels, T] of a bank of S4D channels whose parameters are named `${pre}.mixer.${prefix}…`. */
function s4dKernels(ops: GpuOps, pre: string, prefix: string, channels: number, M: number): GPUBuffer {
  const K = ops.out(channels * ops.T, 's4d kernel');
  const w = (name: string) => ops.weight(`${pre}.mixer.${prefix}${name}`);
  ops.run(
    's4dKernel',
    s4dKernelWgsl,
    [
      ops.uniform(s4dKernelParams(channels, M, ops.T), 's4d dims'),
      w('log_dt'),
      w('log_A_real'),
      w('A_imag'),
      w('C'),
      K,
    ],
    channels * ops.T,
    1,
    S4D_KERNEL_WORKGROUP,
  );
  return K;
}

/** S4D layer: GELU(K ∗ u + D·u), then a 1×1 projection to 2d and a GLU. */
export function s4dMixer(ops: GpuOps, x: GPUBuffer, pre: string, spec: MixerSpec): GPUBuffer {
  const { T, d } = ops;
  const M = ((spec.dState as number | undefined) ?? 64) / 2;
  const K = s4dKernels(ops, pre, '', d, M);
  ops.trace('kernels', K, d * T);
  ops.traceToeplitzRetention(K, d, T, T);
  if (ops.tracing) {
    const mags = ops.out(T * d * M, 's4d state magnitudes');
    const w = (name: string) => ops.weight(`${pre}.mixer.${name}`);
    ops.run(
      's4dStates',
      s4dStatesWgsl,
      [ops.uniform(words(T, d, M), 's4d states dims'), w('log_dt'), w('log_A_real'), w('A_imag'), x, mags],
      d * M,
    );
    ops.trace('stateMagnitudes', mags, T * d * M);
    ops.traceInfo({ stateShape: [1, T, d, M] });
  }
  const conv = ops.gelu(ops.longConv(x, d, K, T, T, ops.weight(`${pre}.mixer.D`)), T * d);
  const proj = ops.linear(conv, d, 2 * d, `${pre}.mixer.W_out`, `${pre}.mixer.b_out`, 's4d proj');
  const gate = ops.unary(ops.columns(proj, 2 * d, d, d), T * d, 'sigmoid');
  return ops.mul(ops.columns(proj, 2 * d, 0, d), gate, T * d, `${pre} mixer out`);
}

/** H3: shift SSM on k, k ⊗ v per head of width 2, diagonal SSM over the 2d kv channels, read out by q. */
export function h3Mixer(ops: GpuOps, x: GPUBuffer, pre: string, spec: MixerSpec): GPUBuffer {
  const { T, d } = ops;
  const N = (spec.dState as number | undefined) ?? 16;
  const [q, k, v] = ['q', 'k', 'v'].map((p) =>
    ops.linear(x, d, d, `${pre}.mixer.W_${p}`, `${pre}.mixer.b_${p}`, p),
  );
  const kShift = ops.longConv(
    k,
    d,
    ops.weight(`${pre}.mixer.shift_kernel`),
    Math.min(N, T),
    N,
    ops.weight(`${pre}.mixer.D_k`),
  );
  ops.trace('shiftedKeys', kShift, T * d);
  const kv = ops.out(T * 2 * d, 'kv');
  ops.run('h3Outer', h3OuterWgsl, [ops.uniform(words(T, d), 'h3 dims'), kShift, v, kv], T * 2 * d);
  const K = s4dKernels(ops, pre, 'ssm_', 2 * d, N / 2);
  ops.traceToeplitzRetention(K, 2 * d, T, T);
  const s = ops.longConv(kv, 2 * d, K, T, T, ops.weight(`${pre}.mixer.D_kv`));
  const y = ops.out(T * d, 'h3 y');
  ops.run('h3Readout', h3ReadoutWgsl, [ops.uniform(words(T, d), 'h3 dims'), q, s, y], T * d);
  return ops.linear(y, d, d, `${pre}.mixer.W_o`, `${pre}.mixer.b_o`, `${pre} mixer out`);
}

/** Hyena / M2's gated long convolution: [x1, x2, v] = conv₃(u W_in + b); y = ((h ∗ (v ⊙ x1) + bias ⊙ v ⊙ x1) ⊙ x2) W_out + b. */
function gatedLongConv(ops: GpuOps, u: GPUBuffer, pre: string, h: GPUBuffer, stride: number): GPUBuffer {
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

/**
 * Hyena (order 2): the filter comes from the Sin FFN over positions (hyenaFilter kernel): its first T lags of the
 * filter built at maxSeqLen, as the CPU reference and Zoology (`PositionalEmbedding` built at l_max, truncated).
 */
export function hyenaMixer(ops: GpuOps, u: GPUBuffer, pre: string, spec: MixerSpec): GPUBuffer {
  const { T, d } = ops;
  const width = (spec.filterWidth as number | undefined) ?? 64;
  const inner = 2;
  const get = (name: string) => ops.model.params.get(`${pre}.mixer.${name}`) as Float32Array;
  const dims = [3, ...Array(inner + 1).fill(width), d];
  const { packed, hidden } = packHyenaFilter({
    layers: dims.slice(0, -1).map((inDim, k) => ({
      W: get(`filter_W${k}`),
      b: k < dims.length - 2 ? get(`filter_b${k}`) : undefined,
      inDim,
      outDim: dims[k + 1],
    })),
    freqs: Array.from({ length: inner + 1 }, (_, k) => get(`filter_freq${k}`)),
  });
  const h = ops.out(d * T, 'hyena filter');
  ops.run(
    'hyenaFilter',
    hyenaFilterWgsl,
    [
      ops.uniform(hyenaFilterParams(T, width, d, hidden, ops.config.maxSeqLen), 'filter dims'),
      ops.constant(packed, `${pre} filter FFN`),
      h,
    ],
    T,
  );
  ops.trace('filters', h, d * T);
  ops.traceToeplitzRetention(h, d, T, T);
  return gatedLongConv(ops, u, pre, h, T);
}

/** M2's sequence mixer: the explicit kernel [d, maxSeqLen], its first T lags. */
export function monarchMixer(ops: GpuOps, u: GPUBuffer, pre: string): GPUBuffer {
  const kernel = ops.weight(`${pre}.mixer.kernel`);
  ops.traceToeplitzRetention(kernel, ops.d, ops.config.maxSeqLen, ops.T);
  return gatedLongConv(ops, u, pre, kernel, ops.config.maxSeqLen);
}
