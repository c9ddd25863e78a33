/** Hawk/Griffin's recurrent block, as simulations/model/mixers/rgLruMixer.ts. */
import { rgLruCard } from '../../model/mixers/rgLruMixer';
import { causalConv } from '../ops/causalConv';
import { mul, unary } from '../ops/elementwise';
import { linear } from '../ops/linear';
import { rgLru } from '../ops/rgLru';
import { registerTrainableMixer } from './trainableMixer';

registerTrainableMixer(rgLruCard, (tape, p, u, { seqLen }) => {
  const yBranch = unary(tape, 'gelu', linear(tape, u, p.W_y, p.b_y));
  const x = causalConv(tape, linear(tape, u, p.W_x, p.b_x), p.conv_weight, p.conv_bias, seqLen);
  const r = unary(tape, 'sigmoid', linear(tape, x, p.W_a, p.b_a));
  const i = unary(tape, 'sigmoid', linear(tape, x, p.W_i, p.b_i));
  const h = rgLru(tape, x, r, i, p.Lambda, seqLen);
  return linear(tape, mul(tape, h, yBranch), p.W_o, p.b_o);
});
