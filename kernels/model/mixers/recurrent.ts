/**
 * Griffin's recurrent block and Mamba's selective SSM on the GPU (simulations/model/mixers/rgLruMixer.ts,
 * mambaMixer.ts), over the RG-LRU and selective-scan kernels in kernels/recurrent. When tracing, both record the
 * CPU trace's fields (RG-LRU r, i, a, h and the retention matrix; Mamba Δ, A, B, C, gate and, from the scan variant, every h_t).
 */
import type { MixerSpec } from '../../../simulations/model/config';
import { DECAY_RETENTION_MAX_CHANNELS, decayRetentionWgsl } from '../../recurrent/decayRetention.wgsl';
import { rgLruWgsl } from '../../recurrent/rgLru.wgsl';
import {
  SELECTIVE_SCAN_WORKGROUP,
  selectiveScanStatesWgsl,
  selectiveScanWgsl,
} from '../../recurrent/selectiveScan.wgsl';
import { type GpuOps, words } from '../gpuOps';
import { logPrefixWgsl, prefixRetentionWgsl } from '../traceKernels.wgsl';

/** W_o((RG-LRU(conv₄(W_x x))) ⊙ GeLU(W_y x)). */
export function rgLruMixer(ops: GpuOps, x: GPUBuffer, pre: string): GPUBuffer {
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

/** Mamba (S6): in-projection, conv₄ + SiLU, Δ/B/C projections, selective scan, SiLU(z) gate, out-projection. */
export function mambaMixer(ops: GpuOps, x: GPUBuffer, pre: string, spec: MixerSpec): GPUBuffer {
  const { T, d } = ops;
  const N = (spec.dState as number | undefined) ?? 16;
  const di = 2 * d;
  const R = Math.ceil(d / 16);
  const xz = ops.linear(x, d, 2 * di, `${pre}.mixer.W_in`, null, 'xz');
  const conv = ops.shortConv(
    ops.columns(xz, 2 * di, 0, di),
    di,
    4,
    `${pre}.mixer.conv_weight`,
    `${pre}.mixer.conv_bias`,
  );
  const u = ops.unary(conv, T * di, 'silu');
  const dbc = ops.linear(u, di, R + 2 * N, `${pre}.mixer.W_x`, null, 'dbc');
  const delta = ops.unary(
    ops.linear(ops.columns(dbc, R + 2 * N, 0, R), R, di, `${pre}.mixer.W_dt`, `${pre}.mixer.b_dt`, 'delta'),
    T * di,
    'softplus',
  );
  const A = ops.unary(ops.weight(`${pre}.mixer.A_log`), di * N, 'negExp');
  const y = ops.out(T * di, 'scan');
  const B = ops.columns(dbc, R + 2 * N, R, N);
  const C = ops.columns(dbc, R + 2 * N, R + N, N);
  const states = ops.tracing ? ops.out(T * di * N, 'scan states') : null;
  ops.run(
    states ? 'selectiveScan (states)' : 'selectiveScan',
    states ? selectiveScanStatesWgsl : selectiveScanWgsl,
    [
      ops.uniform(words(T, di, N), 'scan dims'),
      u,
      delta,
      A,
      B,
      C,
      ops.weight(`${pre}.mixer.D`),
      y,
      ...(states ? [states] : []),
    ],
    di,
    1,
    SELECTIVE_SCAN_WORKGROUP,
  );
  const gate = ops.unary(ops.columns(xz, 2 * di, di, di), T * di, 'silu');
  // The CPU trace's fields (mambaMixer.ts): Δ [T, di], A [di, N], B, C [T, N], gate [T, di], h_t [T, di, N].
  ops.trace('delta', delta, T * di);
  ops.trace('A', A, di * N);
  ops.trace('B', B, T * N);
  ops.trace('C', C, T * N);
  ops.trace('gate', gate, T * di);
  if (states) ops.trace('states', states, T * di * N);
  ops.traceInfo({ channels: di, stateSize: N });
  return ops.linear(ops.mul(y, gate, T * di), di, d, `${pre}.mixer.W_out`, null, `${pre} mixer out`);
}
