/** Linear attention with a feature map, as simulations/model/mixers/linearAttentionMixer.ts. */
import type { FeatureMapKind } from '../../linearAttention/featureMaps';
import { linear } from '../ops/linear';
import { featureMap, linearAttention as linearAttentionOp } from '../ops/linearAttention';
import type { TrainableMixer } from './trainableMixer';

export const linearAttention: TrainableMixer = (tape, p, x, { batch, seqLen, spec }) => {
  const kind = (spec.featureMap as FeatureMapKind | undefined) ?? 'taylor';
  const heads = (spec.heads as number | undefined) ?? 1;
  const q = featureMap(tape, kind, linear(tape, x, p.W_q), heads);
  const k = featureMap(tape, kind, linear(tape, x, p.W_k), heads);
  const v = linear(tape, x, p.W_v);
  return linear(tape, linearAttentionOp(tape, q, k, v, { batch, seqLen, heads }), p.W_o);
};
