/**
 * Griffin's recurrent block on the GPU (simulations/model/mixers/rgLruMixer.ts), over the RG-LRU kernel in
 * kernels/recurrent. When tracing, it records the CPU trace's fields: r, i, a, h and the retention matrix.
 */
import { rgLruCard } from '../../../simulations/model/mixers/rgLruMixer';
import { DECAY_RETENTION_MAX_CHANNELS, decayRetentionWgsl } from '../../recurrent/decayRetention.wgsl';
import { rgLruWgsl } from '../../recurrent/rgLru.wgsl';
import { type GpuOps, words } from '../gpuOps';
import { logPrefixWgsl, prefixRetentionWgsl } from '../traceKernels.wgsl';
import { registerGpuMixer } from './gpuMixer';

/** W_o((RG-LRU(conv₄(W_x x))) ⊙ GeLU(W_y x)). */
function rgLru(ops: GpuOps, x: GPUBuffer, pre: string): GPUBuffer {
  const { T, d } = ops;
  const n = T * d;
  const yBranch = ops.gelu(ops.linear(x, d, d, `${pre}.mixer.W_y`, `${pre}.mixer.b_y`, 'y branch'), n);
  const xBranch = ops.linear(x, d, d, `${pre}.mixer.W_x`, `${pre}.mixer.b_x`, 'x branch');
  const conv = ops.shortConv(xBranch, d, 4, `${pre}.mixer.conv_weight`, `${pre}.mixer.conv_bias`);
  const r = ops.unary(ops.linear(conv, d, d, `${pre}.mixer.W_a`, `${pre}.mixer.b_a`, 'r'), n, 'sigmoid');
  const i = ops.unary(ops.linear(conv, d, d, `${pre}.mixer.W_i`, `${pre}.mixer.b_i`, 'i'), n, 'sigmoid');
  const lambda = ops.unary(ops.weight(`${pre}.mixer.Lambda`), d, 'softplus');
  const h = ops.out(n, 'rglru h');
  const a = ops.out(n, 'rglru a');
  ops.run('rgLru', rgLruWgsl, [ops.uniform(words(T, d), 'rglru dims'), conv, r, i, lambda, h, a], d);
  for (const [name, buffer] of [
    ['r', r],
    ['i', i],
    ['a', a],
    ['h', h],
  ] as const)
    ops.trace(name, buffer, n);
  if (ops.tracing) {
    // R[t, j] = mean_c ∏_{s=j+1}^{t} a_{s,c} [T, T], the CPU's `decayRetention(a)`: log-products in registers
    // up to DECAY_RETENTION_MAX_CHANNELS channels, else from per-channel prefix sums of log a.
    const retention = ops.out(T * T, 'rglru retention');
    const dims = ops.uniform(words(T, d), 'retention dims');
    if (d <= DECAY_RETENTION_MAX_CHANNELS)
      ops.run('decayRetention', decayRetentionWgsl, [dims, a, retention], T);
    else {
      const logPrefix = ops.out(n, 'rglru log prefix');
      ops.run('logPrefix', logPrefixWgsl, [dims, a, logPrefix], d);
      ops.run('prefixRetention', prefixRetentionWgsl, [dims, logPrefix, retention], T * T);
    }
    ops.trace('retention', retention, T * T);
  }
  return ops.linear(ops.mul(h, yBranch, n), d, d, `${pre}.mixer.W_o`, `${pre}.mixer.b_o`, `${pre} mixer out`);
}

registerGpuMixer(rgLruCard, { forward: rgLru });
