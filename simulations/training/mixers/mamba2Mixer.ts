/**
 * Mamba-2, as simulations/model/mixers/mamba2Mixer.ts: the SSD recurrence h_t = e^{Δ_t A_h} h_{t−1} +
 * (Δ_t x_t) B_tᵀ, y_t = h_t C_t + D_h x_t is decayed linear attention with q = C, k = B (shared by all heads,
 * one group), v = Δ·x, scalar log-decay Δ_t·A_h broadcast over the state, and no 1/√d_k scale.
 */
import { mamba2Card, mamba2Shape } from '../../model/mixers/mamba2Mixer';
import { causalConv } from '../ops/causalConv';
import {
  add,
  addChannels,
  columns,
  gatherColumns,
  gatherVector,
  mul,
  mulChannels,
  unary,
} from '../ops/elementwise';
import { gatedLinearAttention } from '../ops/gatedLinearAttention';
import { linear } from '../ops/linear';
import { rmsNorm } from '../ops/norms';
import { registerTrainableMixer } from './trainableMixer';

registerTrainableMixer(mamba2Card, (tape, p, u, { batch, seqLen, config, options }) => {
  const { dInner: di, dState: N, headDim: P, heads, convDim } = mamba2Shape(options, config.dModel);
  const zxbcdt = linear(tape, u, p.W_in);
  const z = columns(tape, zxbcdt, 0, di);
  const xbc = unary(
    tape,
    'silu',
    causalConv(tape, columns(tape, zxbcdt, di, convDim), p.conv_weight, p.conv_bias, seqLen),
  );
  const x = columns(tape, xbc, 0, di);
  const B = columns(tape, xbc, di, N);
  const C = columns(tape, xbc, di + N, N);
  const delta = unary(
    tape,
    'softplus',
    addChannels(tape, columns(tape, zxbcdt, 2 * di + 2 * N, heads), p.dt_bias),
  );
  const A = unary(tape, 'negExp', p.A_log);
  const stateHead = Array.from({ length: heads * N }, (_, i) => Math.floor(i / N));
  const stateIndex = Array.from({ length: heads * N }, (_, i) => i % N);
  const channelHead = Array.from({ length: di }, (_, c) => Math.floor(c / P));
  const g = gatherColumns(tape, mulChannels(tape, delta, A), stateHead);
  const v = mul(tape, x, gatherColumns(tape, delta, channelHead));
  const ssd = gatedLinearAttention(
    tape,
    gatherColumns(tape, C, stateIndex),
    gatherColumns(tape, B, stateIndex),
    v,
    g,
    {
      batch,
      seqLen,
      heads,
      scale: 1,
    },
  );
  const y = add(tape, ssd, mulChannels(tape, x, gatherVector(tape, p.D, channelHead)));
  return linear(tape, rmsNorm(tape, mul(tape, y, unary(tape, 'silu', z)), p.norm_weight, 1e-5), p.W_out);
});
