/**
 * Mamba's selective SSM on the GPU (simulations/model/mixers/mambaMixer.ts, shapes from its card's `mambaShape`),
 * over the selective-scan kernel in kernels/ssm. When tracing, it records the CPU trace's fields: Δ, A, B, C, gate
 * and, from the scan variant, every h_t. Limit: d_state ≤ SELECTIVE_SCAN_MAX_STATE (the state lives in registers).
 */
import { type MambaOptions, mambaCard, mambaShape } from '../../../simulations/model/mixers/mambaMixer';
import {
  SELECTIVE_SCAN_MAX_STATE,
  SELECTIVE_SCAN_WORKGROUP,
  selectiveScanStatesWgsl,
  selectiveScanWgsl,
} from '../../ssm/selectiveScan.wgsl';
import { type GpuOps, words } from '../gpuOps';
import { registerGpuMixer } from './gpuMixer';

/** Mamba (S6): in-projection, conv₄ + SiLU, Δ/B/C projections, selective scan, SiLU(z) gate, out-projection. */
function mamba(ops: GpuOps, x: GPUBuffer, pre: string, options: MambaOptions): GPUBuffer {
  const { T, d } = ops;
  const { dInner: di, dState: N, dtRank: R, conv: width } = mambaShape(options, d);
  const xz = ops.linear(x, d, 2 * di, `${pre}.mixer.W_in`, null, 'xz');
  const conv = ops.shortConv(
    ops.columns(xz, 2 * di, 0, di),
    di,
    width,
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

registerGpuMixer(mambaCard, {
  forward: mamba,
  limit: ({ dState }) =>
    dState > SELECTIVE_SCAN_MAX_STATE ? `d_state above ${SELECTIVE_SCAN_MAX_STATE}` : null,
});
