/**
 * Attention mask specifications: every sparse pattern of the essay as data. All masks here are CAUSAL (key
 * j ≤ query i), since every model in the zoo is autoregressive. Definitions: architectures.md §3.2 and §4.
 */
export type MaskSpec =
  /** Every earlier key: j ≤ i. */
  | { kind: 'full' }
  /** Sliding window, reference-code convention: i − W ≤ j ≤ i, i.e. W + 1 keys INCLUDING the current token. */
  | { kind: 'slidingWindow'; window: number }
  /** Dilated window: keys i, i − δ, …, i − W·δ (W + 1 keys spaced δ apart). */
  | { kind: 'dilatedWindow'; window: number; dilation: number }
  /** Sparse Transformer, strided: A¹ = {i − l … i}, A² = {j : (i − j) mod l = 0}. */
  | { kind: 'strided'; stride: number }
  /** Sparse Transformer, fixed: A¹ = same block ⌊j/l⌋ = ⌊i/l⌋, A² = {j : j mod l ∈ {l − c … l − 1}}. */
  | { kind: 'fixed'; stride: number; summaryTokens: number }
  /**
   * Longformer, causal: a window of W earlier keys (i − W ≤ j ≤ i) plus global tokens, which every later
   * query attends to and which themselves attend to every earlier key.
   */
  | { kind: 'windowGlobal'; window: number; globalTokens: readonly number[] }
  /**
   * BigBird (ITC), causal and on b×b blocks: query block I sees key blocks I − ⌊w/2⌋ … I (window), the first
   * g blocks (global keys), r random earlier blocks (seeded; Zoology resamples every forward pass, we fix the
   * seed so the picture and the tests are reproducible); the first g query blocks see everything before them.
   */
  | {
      kind: 'bigBird';
      blockSize: number;
      windowBlocks: number;
      globalBlocks: number;
      randomBlocks: number;
      seed: number;
    }
  /** Block-sparse: `layout[I][J]` true lets query block I see key block J (then causal per token). */
  | { kind: 'blockSparse'; blockSize: number; layout: readonly (readonly boolean[])[] }
  /** Reformer LSH attention over shared QK vectors (data-dependent; see lshBuckets.ts). */
  | { kind: 'lsh'; numBuckets: number; chunkSize: number; numHashes: number; seed: number }
  /** Routing Transformer: k-means clusters of the shared QK vectors (data-dependent; see kmeansClusters.ts). */
  | { kind: 'kmeans'; numClusters: number; iterations: number; seed: number };

export type MaskKind = MaskSpec['kind'];

/** Data-dependent masks (LSH, k-means) need the shared query/key vectors [T, dim]. */
export interface MaskContext {
  sharedQK?: Float32Array;
  dim?: number;
  /** Learned Routing-Transformer centroids [numClusters, dim]; without them k-means fits this sequence. */
  centroids?: Float32Array;
}

/** A mask as a dense [T × T] matrix: mask[i·T + j] = 1 when query i may attend to key j. */
export interface Mask {
  seqLen: number;
  allowed: Uint8Array;
}
