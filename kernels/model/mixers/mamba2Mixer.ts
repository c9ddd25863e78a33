/**
 * Mamba-2 on the GPU (simulations/model/mixers/mamba2Mixer.ts, shapes from its card's `mamba2Shape`): SSD as
 * decayed linear attention (q = C, k = Δ·B, g = Δ·A, v = x per head; kernels/ssm/ssdInputs.wgsl.ts builds them),
 * then D·x, the SiLU(z) gate, RMSNorm and W_out. Limit: d_state ≤ the decayed kernels' key width.
 */
import { type Mamba2Options, mamba2Card, mamba2Shape } from '../../../simulations/model/mixers/mamba2Mixer';
import { ssdInputsWgsl } from '../../ssm/ssdInputs.wgsl';
import { type GpuOps, words } from '../gpuOps';
import { decayed, keyDimLimit } from './decayedLinearAttention';
import { registerGpuMixer } from './gpuMixer';

/** Mamba-2: in-projection, conv₄ + SiLU over x‖B‖C, Δ = softplus(δ + dt_bias), SSD, SiLU(z) gate, RMSNorm, W_out. */
function mamba2(ops: GpuOps, u: GPUBuffer, pre: string, options: Mamba2Options): GPUBuffer {
  const { T, d } = ops;
  const { dInner: di, dState: N, headDim: P, heads: H, convDim, conv } = mamba2Shape(options, d);
  const width = 2 * di + 2 * N + H;
  const zxbcdt = ops.linear(u, d, width, `${pre}.mixer.W_in`, null, 'zxbcdt');
  const xbc = ops.unary(
    ops.shortConv(
      ops.columns(zxbcdt, width, di, convDim),
      convDim,
      conv,
      `${pre}.mixer.conv_weight`,
      `${pre}.mixer.conv_bias`,
    ),
    T * convDim,
    'silu',
  );
  const delta = ops.unary(
    ops.add(
      ops.columns(zxbcdt, width, 2 * di + 2 * N, H),
      ops.weight(`${pre}.mixer.dt_bias`),
      T * H,
      'δ + dt_bias',
      H,
    ),
    T * H,
    'softplus',
  );
  const A = ops.unary(ops.weight(`${pre}.mixer.A_log`), H, 'negExp');
  const [q, k, g, v] = ['C', 'ΔB', 'ΔA', 'x'].map((name, i) =>
    ops.out(H * T * (i === 3 ? P : N), `ssd ${name}`),
  );
  ops.run(
    'ssdInputs',
    ssdInputsWgsl,
    [ops.uniform(words(T, H, N, P), 'ssd dims'), xbc, delta, A, q, k, g, v],
    H * T,
  );
  // Trace: Δ per head, [H, T] as on the CPU (transposed from [T, H] on readback).
  ops.trace('delta', delta, T * H, (x) =>
    Float32Array.from({ length: H * T }, (_, j) => x[(j % T) * H + Math.floor(j / T)]),
  );
  ops.traceInfo({ heads: H });
  const y = ops.mergeHeads(
    decayed(ops, H, N, P, 1, [q, k, v, g], ops.weight(`${pre}.mixer.D`), false),
    H,
    di,
  );
  const gated = ops.mul(y, ops.unary(ops.columns(zxbcdt, width, 0, di), T * di, 'silu'), T * di);
  const normed = ops.rmsNorm(gated, T, di, `${pre}.mixer.norm_weight`, 1e-5);
  return ops.linear(normed, di, d, `${pre}.mixer.W_out`, null, `${pre} mixer out`);
}

registerGpuMixer(mamba2Card, {
  forward: mamba2,
  limit: ({ dState }) => keyDimLimit('d_state', dState),
});
