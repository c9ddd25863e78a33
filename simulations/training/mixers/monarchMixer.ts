/**
 * M2's sequence mixer, as simulations/model/mixers/monarchMixer.ts: Hyena's gated structure with an explicit
 * learned kernel [d, maxSeqLen] per channel. The reference convolves through Monarch DFTs; training uses the
 * direct causal sum (the same convolution, tested equal).
 */
import { monarchCard } from '../../model/mixers/monarchMixer';
import { causalConv } from '../ops/causalConv';
import { add, columns, mul, mulChannels } from '../ops/elementwise';
import { linear } from '../ops/linear';
import { longConv } from '../ops/longConv';
import { registerTrainableMixer } from './trainableMixer';

registerTrainableMixer(monarchCard, (tape, p, u, { seqLen: T, config }) => {
  const d = config.dModel;
  const proj = causalConv(tape, linear(tape, u, p.W_in, p.b_in), p.short_conv_weight, p.short_conv_bias, T);
  const v = mul(tape, columns(tape, proj, 2 * d, d), columns(tape, proj, 0, d));
  const conv = add(tape, longConv(tape, v, p.kernel, T), mulChannels(tape, v, p.bias));
  return linear(tape, mul(tape, conv, columns(tape, proj, d, d)), p.W_out, p.b_out);
});
