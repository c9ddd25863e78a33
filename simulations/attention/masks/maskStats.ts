import type { Mask } from './maskSpec';

export interface MaskStats {
  /** Allowed (query, key) pairs. */
  allowedPairs: number;
  /** allowedPairs / (T(T+1)/2): the fraction of causal attention that is computed. */
  densityVsCausal: number;
  /** allowedPairs / T². */
  densityVsDense: number;
  /**
   * FLOPs of one head with head dim d: 2d per allowed score (q·k) plus 2d per weighted value (Σ a·v);
   * softmax and projections are left out, as they are the same for every mask.
   */
  flops: number;
  /** flops / flops of full causal attention. */
  flopsVsFull: number;
}

export function maskStats({ seqLen: T, allowed }: Mask, headDim: number): MaskStats {
  let allowedPairs = 0;
  for (const a of allowed) allowedPairs += a;
  const causalPairs = (T * (T + 1)) / 2;
  const flops = 4 * headDim * allowedPairs;
  return {
    allowedPairs,
    densityVsCausal: allowedPairs / causalPairs,
    densityVsDense: allowedPairs / (T * T),
    flops,
    flopsVsFull: flops / (4 * headDim * causalPairs),
  };
}

/**
 * How many input positions can influence the output at each position after stacking the mask `layers` times.
 * The residual stream carries every token's own state forward, so each layer composes (mask ∪ identity):
 * reach_k(i) = ∪_{j : mask(i, j)} reach_{k−1}(j), reach_0(i) = {i}.
 */
export function receptiveField({ seqLen: T, allowed }: Mask, layers: number): Int32Array {
  const words = Math.ceil(T / 32);
  let reach: Uint32Array[] = Array.from({ length: T }, (_, i) => {
    const bits = new Uint32Array(words);
    bits[i >> 5] |= 1 << (i & 31);
    return bits;
  });
  for (let k = 0; k < layers; k++) {
    const next = reach.map((own) => Uint32Array.from(own));
    for (let i = 0; i < T; i++) {
      for (let j = 0; j <= i; j++) {
        if (!allowed[i * T + j]) continue;
        const src = reach[j];
        const dst = next[i];
        for (let w = 0; w < words; w++) dst[w] |= src[w];
      }
    }
    reach = next;
  }
  return Int32Array.from(reach, (bits) => {
    let n = 0;
    for (let w of bits) {
      while (w) {
        w &= w - 1;
        n++;
      }
    }
    return n;
  });
}
