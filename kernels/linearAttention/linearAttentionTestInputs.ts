/** Random linear-attention inputs shared by the parallel and chunked linear attention GPU tests. */
import type { FeatureMapKind } from '../../simulations/linearAttention/featureMaps';
import type { LinearAttentionInputs } from '../../simulations/linearAttention/linearAttention';
import { createRng } from '../../simulations/random/rng';

export function linearAttentionInputs(
  H: number,
  T: number,
  f: number,
  dv: number,
  featureMap: FeatureMapKind,
  seed: number,
): LinearAttentionInputs {
  const rng = createRng(seed);
  // Based's q, k are projections of normalised activations: scale ~ 0.5 keeps the Taylor kernel positive-ish.
  const fill = (n: number, s = 0.5) => Float32Array.from({ length: n }, () => s * rng.nextNormal());
  return {
    q: fill(H * T * f),
    k: fill(H * T * f),
    v: fill(H * T * dv, 1),
    heads: H,
    seqLen: T,
    keyDim: f,
    valueDim: dv,
    featureMap,
  };
}
