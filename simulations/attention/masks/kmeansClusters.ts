/**
 * Routing Transformer clustering (Roy et al. 2021), as a deterministic reference: batch k-means (Lloyd) on the
 * L2-normalised shared QK vectors, centroids initialised at k distinct seeded positions, a fixed number of
 * iterations, assignment by the largest dot product (cosine). The paper updates centroids online with an EMA
 * across training steps; per sequence, batch k-means gives the same kind of clusters reproducibly.
 */
import { createRng } from '../../random/rng';

export function kmeansClusters(
  vectors: Float32Array,
  T: number,
  dim: number,
  numClusters: number,
  iterations: number,
  seed: number,
): Int32Array {
  const k = Math.min(numClusters, T);
  if (k < 1) throw new RangeError(`k-means needs at least one cluster, got ${numClusters}`);
  const x = new Float64Array(T * dim);
  for (let t = 0; t < T; t++) {
    let n = 0;
    for (let c = 0; c < dim; c++) n += vectors[t * dim + c] ** 2;
    n = Math.sqrt(n) || 1;
    for (let c = 0; c < dim; c++) x[t * dim + c] = vectors[t * dim + c] / n;
  }
  const rng = createRng(seed);
  const order = Array.from({ length: T }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + rng.nextInt(T - i);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const centroids = new Float64Array(k * dim);
  for (let i = 0; i < k; i++) centroids.set(x.subarray(order[i] * dim, (order[i] + 1) * dim), i * dim);
  const assignment = new Int32Array(T);
  const assign = () => {
    for (let t = 0; t < T; t++) {
      let best = 0;
      let bestDot = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < k; i++) {
        let dot = 0;
        for (let c = 0; c < dim; c++) dot += x[t * dim + c] * centroids[i * dim + c];
        if (dot > bestDot) [best, bestDot] = [i, dot];
      }
      assignment[t] = best;
    }
  };
  assign();
  for (let it = 0; it < iterations; it++) {
    const sums = new Float64Array(k * dim);
    const counts = new Int32Array(k);
    for (let t = 0; t < T; t++) {
      counts[assignment[t]]++;
      for (let c = 0; c < dim; c++) sums[assignment[t] * dim + c] += x[t * dim + c];
    }
    // An empty cluster keeps its centroid.
    for (let i = 0; i < k; i++)
      if (counts[i] > 0) for (let c = 0; c < dim; c++) centroids[i * dim + c] = sums[i * dim + c] / counts[i];
    assign();
  }
  return assignment;
}

/**
 * Assigns each vector to the centroid with the largest cosine similarity. This is how a trained Routing
 * Transformer routes at inference: centroids are parameters, so a token's cluster depends on it alone.
 */
export function assignToCentroids(
  vectors: Float32Array,
  T: number,
  dim: number,
  centroids: Float32Array,
): Int32Array {
  const k = centroids.length / dim;
  if (!Number.isInteger(k) || k < 1)
    throw new RangeError(`centroids have ${centroids.length} values, not a multiple of dim ${dim}`);
  const norms = Array.from(
    { length: k },
    (_, i) => Math.hypot(...centroids.subarray(i * dim, (i + 1) * dim)) || 1,
  );
  return Int32Array.from({ length: T }, (_, t) => {
    let best = 0;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < k; i++) {
      let dot = 0;
      for (let c = 0; c < dim; c++) dot += vectors[t * dim + c] * centroids[i * dim + c];
      if (dot / norms[i] > bestScore) [best, bestScore] = [i, dot / norms[i]];
    }
    return best;
  });
}
