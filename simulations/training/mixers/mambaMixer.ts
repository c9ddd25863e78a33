/** The Mamba mixer (E = 2, conv 4, dt_rank ⌈d/16⌉: `mambaShape`), as simulations/model/mixers/mambaMixer.ts. */
import { mambaCard, mambaShape } from '../../model/mixers/mambaMixer';
import { causalConv } from '../ops/causalConv';
import { columns, mul, unary } from '../ops/elementwise';
import { linear } from '../ops/linear';
import { selectiveScan } from '../ops/selectiveScan';
import { registerTrainableMixer } from './trainableMixer';

registerTrainableMixer(mambaCard, (tape, p, u, { seqLen, config, options }) => {
  const { dInner: di, dState: N, dtRank: R } = mambaShape(options, config.dModel);
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
});
