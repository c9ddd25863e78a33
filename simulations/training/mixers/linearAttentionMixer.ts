/** Linear attention with a feature map, as simulations/model/mixers/linearAttentionMixer.ts. */
import { linearAttentionCard } from '../../model/mixers/linearAttentionMixer';
import { linear } from '../ops/linear';
import { featureMap, linearAttention } from '../ops/linearAttention';
import { registerTrainableMixer } from './trainableMixer';

registerTrainableMixer(linearAttentionCard, (tape, p, x, { batch, seqLen, options }) => {
  const { featureMap: kind, heads } = options;
  const q = featureMap(tape, kind, linear(tape, x, p.W_q), heads);
  const k = featureMap(tape, kind, linear(tape, x, p.W_k), heads);
  const v = linear(tape, x, p.W_v);
  return linear(tape, linearAttention(tape, q, k, v, { batch, seqLen, heads }), p.W_o);
});
