/**
 * Reformer's LSH bucketing (Kitaev et al. 2020), for one hash round:
 *   h(x) = argmax([xR ; −xR]),  R ∈ ℝ^{d × b/2} with N(0, 1) entries (random rotations),
 * then positions are sorted by (bucket, position) and cut into chunks of m; a query attends to keys of its
 * own bucket in its own chunk and the previous chunk. The vectors are the SHARED query/key projections.
 *
 * Variant chosen for causality: Reformer cuts the GLOBAL sorted order into chunks, so where a bucket's chunk
 * boundaries fall depends on how many later tokens landed in lower buckets — a token's mask would change when
 * the future changes. We cut each bucket's own position-ordered list into chunks of m (`chunkInBucket`), which
 * depends only on the past; the global sorted order and chunks are still returned for the visualisation.
 */
import { createRng } from '../../random/rng';

export interface LshRound {
  /** Bucket of each position. */
  buckets: Int32Array;
  /** Positions sorted by (bucket, position). */
  sortedOrder: Int32Array;
  /** Chunk index of each position in the global sorted order (Reformer's chunks; for pictures). */
  chunkOf: Int32Array;
  /** Chunk index within the position's own bucket: ⌊(earlier tokens in the same bucket) / m⌋. Causal. */
  chunkInBucket: Int32Array;
}

export function lshRound(
  vectors: Float32Array,
  T: number,
  dim: number,
  numBuckets: number,
  chunkSize: number,
  seed: number,
): LshRound {
  if (numBuckets < 2 || numBuckets % 2 !== 0)
    throw new RangeError(`LSH needs an even number of buckets ≥ 2, got ${numBuckets}`);
  if (vectors.length !== T * dim)
    throw new RangeError(`LSH vectors have ${vectors.length} values, expected ${T}×${dim}`);
  const rng = createRng(seed);
  const half = numBuckets / 2;
  const R = Float64Array.from({ length: dim * half }, () => rng.nextNormal());
  const buckets = new Int32Array(T);
  for (let t = 0; t < T; t++) {
    let best = 0;
    let bestValue = Number.NEGATIVE_INFINITY;
    for (let r = 0; r < half; r++) {
      let p = 0;
      for (let c = 0; c < dim; c++) p += vectors[t * dim + c] * R[c * half + r];
      if (p > bestValue) [best, bestValue] = [r, p];
      if (-p > bestValue) [best, bestValue] = [r + half, -p];
    }
    buckets[t] = best;
  }
  const sortedOrder = Int32Array.from({ length: T }, (_, i) => i).sort(
    (a, b) => buckets[a] - buckets[b] || a - b,
  );
  const chunkOf = new Int32Array(T);
  sortedOrder.forEach((pos, rank) => {
    chunkOf[pos] = Math.floor(rank / chunkSize);
  });
  const seen = new Map<number, number>();
  const chunkInBucket = Int32Array.from(buckets, (b) => {
    const rank = seen.get(b) ?? 0;
    seen.set(b, rank + 1);
    return Math.floor(rank / chunkSize);
  });
  return { buckets, sortedOrder, chunkOf, chunkInBucket };
}
