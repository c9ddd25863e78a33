/** The Mamba mixer (E = 2, conv 4, dt_rank ⌈d/16⌉), as simulations/model/mixers/mambaMixer.ts. */
import { causalConv } from '../ops/causalConv';
import { columns, mul, unary } from '../ops/elementwise';
import { linear } from '../ops/linear';
import { selectiveScan } from '../ops/selectiveScan';
import type { TrainableMixer } from './trainableMixer';

export const mamba: TrainableMixer = (tape, p, u, { seqLen, spec, config }) => {
  const d = config.dModel;
  const N = (spec.dState as number | undefined) ?? 16;
  const di = 2 * d;
  const R = Math.ceil(d / 16);
  const xz = linear(tape, u, p.W_in);
  const x = unary(
    tape,
    'silu',
    causalConv(tape, columns(tape, xz, 0, di), p.conv_weight, p.conv_bias, seqLen),
  );
  const z = columns(tape, xz, di, di);
  const dbc = linear(tape, x, p.W_x);
  const delta = unary(tape, 'softplus', linear(tape, columns(tape, dbc, 0, R), p.W_dt, p.b_dt));
  const y = selectiveScan(
    tape,
    {
      x,
      delta,
      A: unary(tape, 'negExp', p.A_log),
      B: columns(tape, dbc, R, N),
      C: columns(tape, dbc, R + N, N),
      D: p.D,
    },
    seqLen,
  );
  return linear(tape, mul(tape, y, unary(tape, 'silu', z)), p.W_out);
};
