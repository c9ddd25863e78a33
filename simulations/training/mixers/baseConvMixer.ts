/** BaseConv y = Conv_k(u) ⊙ (W u + b) + u, as simulations/model/mixers/baseConvMixer.ts. */
import { baseConvCard } from '../../model/mixers/baseConvMixer';
import { causalConv } from '../ops/causalConv';
import { add, mul } from '../ops/elementwise';
import { linear } from '../ops/linear';
import { registerTrainableMixer } from './trainableMixer';

registerTrainableMixer(baseConvCard, (tape, p, x, { seqLen }) =>
  add(tape, mul(tape, causalConv(tape, x, p.conv_weight, p.conv_bias, seqLen), linear(tape, x, p.W, p.b)), x),
);
