/**
 * H3 on the GPU (simulations/model/mixers/h3Mixer.ts): the shift filter read from the weights and the diagonal
 * SSM's kernels generated (s4dBank.ts), both applied by the direct causal long convolution; the per-head outer
 * product and read-out in ../h3.wgsl.ts. When tracing: shiftedKeys and the diagonal SSM's retention.
 */
import { type H3Options, h3Card } from '../../../simulations/model/mixers/h3Mixer';
import { type GpuOps, words } from '../gpuOps';
import { h3OuterWgsl, h3ReadoutWgsl } from '../h3.wgsl';
import { registerGpuMixer } from './gpuMixer';
import { s4dKernels } from './s4dBank';

/** H3: shift SSM on k, k ⊗ v per head of width 2, diagonal SSM over the 2d kv channels, read out by q. */
function h3(ops: GpuOps, x: GPUBuffer, pre: string, { dState: N }: H3Options): GPUBuffer {
  const { T, d } = ops;
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

registerGpuMixer(h3Card, { forward: h3 });
