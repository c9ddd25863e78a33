/**
 * The S4D layer on the GPU (simulations/model/mixers/s4dMixer.ts): kernels generated from the parameters
 * (s4dBank.ts), applied by the direct causal long convolution — the CPU convolves by FFT: the same linear map,
 * equal to float rounding. When tracing: kernels, retention, stateMagnitudes (the recurrent form's |h_t[n]|,
 * traceKernels.wgsl.ts) and stateShape.
 */
import { type S4DOptions, s4dCard } from '../../../simulations/model/mixers/s4dMixer';
import { type GpuOps, words } from '../gpuOps';
import { s4dStatesWgsl } from '../traceKernels.wgsl';
import { registerGpuMixer } from './gpuMixer';
import { s4dKernels } from './s4dBank';

/** S4D layer: GELU(K ∗ u + D·u), then a 1×1 projection to 2d and a GLU. */
function s4d(ops: GpuOps, x: GPUBuffer, pre: string, { dState }: S4DOptions): GPUBuffer {
  const { T, d } = ops;
  const M = dState / 2;
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

registerGpuMixer(s4dCard, { forward: s4d });
