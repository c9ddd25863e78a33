/**
 * The gallery's data: a default spec of every mask kind of the engine scaled to the sequence length, and each
 * mask's statistics and receptive-field growth across layers (simulations/attention/masks).
 */
import { buildMask } from '../../simulations/attention/masks/buildMask';
import type { Mask, MaskContext, MaskSpec } from '../../simulations/attention/masks/maskSpec';
import { type MaskStats, maskStats } from '../../simulations/attention/masks/maskStats';

export interface MaskGalleryEntry {
  /** Card title, e.g. "Sliding window (w = 4)". */
  name: string;
  spec: MaskSpec;
}

/** Every mask kind at sizes that read well for length T; LSH and k-means only when there is data to hash. */
export function defaultMaskEntries(T: number, withData: boolean): MaskGalleryEntry[] {
  const w = Math.max(1, Math.round(T / 8));
  const stride = Math.max(2, Math.round(Math.sqrt(T)));
  const block = Math.max(1, Math.round(T / 8));
  const blocks = Math.ceil(T / block);
  const layout = Array.from({ length: blocks }, (_, I) =>
    Array.from({ length: blocks }, (_, J) => J === I || J === 0),
  );
  const entries: MaskGalleryEntry[] = [
    { name: 'Full causal', spec: { kind: 'full' } },
    { name: `Sliding window (w = ${w})`, spec: { kind: 'slidingWindow', window: w } },
    { name: `Dilated window (w = ${w}, δ = 2)`, spec: { kind: 'dilatedWindow', window: w, dilation: 2 } },
    { name: `Strided (l = ${stride})`, spec: { kind: 'strided', stride } },
    { name: `Fixed (l = ${stride}, c = 1)`, spec: { kind: 'fixed', stride, summaryTokens: 1 } },
    {
      name: `Window + global (w = ${w}, token 0)`,
      spec: { kind: 'windowGlobal', window: w, globalTokens: [0] },
    },
    {
      name: `BigBird (b = ${block})`,
      spec: { kind: 'bigBird', blockSize: block, windowBlocks: 3, globalBlocks: 1, randomBlocks: 1, seed: 7 },
    },
    { name: `Block-sparse (b = ${block})`, spec: { kind: 'blockSparse', blockSize: block, layout } },
  ];
  if (withData) {
    const chunk = Math.max(1, Math.round(T / 8));
    entries.push(
      {
        name: `LSH (4 buckets, chunk ${chunk})`,
        spec: { kind: 'lsh', numBuckets: 4, chunkSize: chunk, numHashes: 1, seed: 3 },
      },
      {
        name: 'k-means routing (4 clusters)',
        spec: { kind: 'kmeans', numClusters: 4, iterations: 5, seed: 3 },
      },
    );
  }
  return entries;
}

export interface MaskSummary {
  entry: MaskGalleryEntry;
  mask: Mask;
  stats: MaskStats;
  /** Mean receptive field over all queries after ℓ = 0 … layers layers. */
  meanReach: number[];
}

/** Builds an entry's mask and its statistics; throws the engine's error for an invalid spec. */
export function summariseMask(
  entry: MaskGalleryEntry,
  T: number,
  ctx: MaskContext,
  headDim: number,
  layers: number,
): MaskSummary {
  const mask = buildMask(entry.spec, T, ctx);
  return { entry, mask, stats: maskStats(mask, headDim), meanReach: meanReachPerLayer(mask, layers) };
}

/**
 * The mean over queries of `receptiveField(mask, ℓ)` for every ℓ = 0 … layers, in one incremental pass (the
 * engine's function recomputes from layer 0 each time): reach_ℓ(i) = reach_{ℓ−1}(i) ∪ ⋃_{mask(i, j)} reach_{ℓ−1}(j),
 * as bitsets.
 */
export function meanReachPerLayer({ seqLen: T, allowed }: Mask, layers: number): number[] {
  const words = Math.ceil(T / 32);
  let reach = Array.from({ length: T }, (_, i) => {
    const bits = new Uint32Array(words);
    bits[i >> 5] |= 1 << (i & 31);
    return bits;
  });
  const mean = (sets: Uint32Array[]) => {
    let n = 0;
    for (const bits of sets)
      for (let w of bits)
        while (w) {
          w &= w - 1;
          n++;
        }
    return n / T;
  };
  const out = [mean(reach)];
  for (let l = 0; l < layers; l++) {
    const next = reach.map((own) => Uint32Array.from(own));
    for (let i = 0; i < T; i++)
      for (let j = 0; j < i; j++) {
        if (!allowed[i * T + j]) continue;
        const src = reach[j];
        const dst = next[i];
        for (let w = 0; w < words; w++) dst[w] |= src[w];
      }
    reach = next;
    out.push(mean(reach));
  }
  return out;
}

/**
 * The positions that can influence `query` after 0 … layers layers (the residual stream keeps each token's own
 * state, so reach_ℓ = reach_{ℓ−1} ∪ {j : mask(i, j), i ∈ reach_{ℓ−1}}; its size is `receptiveField`'s count).
 */
export function reachSets({ seqLen: T, allowed }: Mask, query: number, layers: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let reach = new Uint8Array(T);
  reach[query] = 1;
  out.push(reach);
  for (let l = 0; l < layers; l++) {
    const next = Uint8Array.from(reach);
    for (let i = 0; i < T; i++) {
      if (!reach[i]) continue;
      for (let j = 0; j <= i; j++) if (allowed[i * T + j]) next[j] = 1;
    }
    reach = next;
    out.push(reach);
  }
  return out;
}
