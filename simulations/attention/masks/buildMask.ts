import { createRng } from '../../random/rng';
import { assignToCentroids, kmeansClusters } from './kmeansClusters';
import { lshRound } from './lshBuckets';
import type { Mask, MaskContext, MaskSpec } from './maskSpec';

/** Per-token rule "may query i see key j (j ≤ i)" for the data-independent specs. */
function staticRule(spec: MaskSpec, T: number): (i: number, j: number) => boolean {
  switch (spec.kind) {
    case 'full':
      return () => true;
    case 'slidingWindow':
      return (i, j) => i - j <= spec.window;
    case 'dilatedWindow':
      return (i, j) => (i - j) % spec.dilation === 0 && (i - j) / spec.dilation <= spec.window;
    case 'strided':
      return (i, j) => i - j <= spec.stride || (i - j) % spec.stride === 0;
    case 'fixed': {
      const l = spec.stride;
      return (i, j) => Math.floor(j / l) === Math.floor(i / l) || j % l >= l - spec.summaryTokens;
    }
    case 'windowGlobal': {
      const global = new Set(spec.globalTokens);
      return (i, j) => i - j <= spec.window || global.has(i) || global.has(j);
    }
    case 'blockSparse': {
      const b = spec.blockSize;
      return (i, j) => Boolean(spec.layout[Math.floor(i / b)]?.[Math.floor(j / b)]);
    }
    case 'bigBird': {
      const b = spec.blockSize;
      const nBlocks = Math.ceil(T / b);
      const rng = createRng(spec.seed);
      // Random earlier key blocks per query block, drawn once per (spec, T).
      const randomBlocks = Array.from({ length: nBlocks }, (_, I) => {
        const chosen = new Set<number>();
        const candidates = Array.from({ length: I }, (_, J) => J);
        for (let r = 0; r < Math.min(spec.randomBlocks, I); r++) {
          const k = r + rng.nextInt(candidates.length - r);
          [candidates[r], candidates[k]] = [candidates[k], candidates[r]];
          chosen.add(candidates[r]);
        }
        return chosen;
      });
      const back = Math.floor(spec.windowBlocks / 2);
      return (i, j) => {
        const I = Math.floor(i / b);
        const J = Math.floor(j / b);
        return I - J <= back || J < spec.globalBlocks || I < spec.globalBlocks || randomBlocks[I].has(J);
      };
    }
    default:
      throw new Error(`Mask kind “${spec.kind}” depends on the data: pass sharedQK and dim`);
  }
}

function validate(spec: MaskSpec, T: number): void {
  const positive = (name: string, v: number) => {
    if (!Number.isInteger(v) || v < 1)
      throw new RangeError(`Mask ${spec.kind}: ${name} must be a positive integer, got ${v}`);
  };
  if (!Number.isInteger(T) || T < 1) throw new RangeError(`Mask length must be a positive integer, got ${T}`);
  if (spec.kind === 'slidingWindow' || spec.kind === 'windowGlobal') {
    if (!Number.isInteger(spec.window) || spec.window < 0)
      throw new RangeError(`Mask ${spec.kind}: window must be ≥ 0, got ${spec.window}`);
  }
  if (spec.kind === 'dilatedWindow') positive('dilation', spec.dilation);
  if (spec.kind === 'strided' || spec.kind === 'fixed') positive('stride', spec.stride);
  if (spec.kind === 'fixed' && !(spec.summaryTokens >= 1 && spec.summaryTokens <= spec.stride)) {
    throw new RangeError(`Mask fixed: summaryTokens must be in 1 … stride, got ${spec.summaryTokens}`);
  }
  if (spec.kind === 'bigBird' || spec.kind === 'blockSparse') positive('blockSize', spec.blockSize);
  if (spec.kind === 'lsh') {
    positive('chunkSize', spec.chunkSize);
    positive('numHashes', spec.numHashes);
  }
  if (spec.kind === 'kmeans') positive('numClusters', spec.numClusters);
}

/**
 * Builds the dense causal mask of a spec for length T. LSH and k-means need `ctx.sharedQK` [T, dim]. For
 * k-means with `ctx.centroids` assigns tokens to those (learned) centroids — causal, what a model uses; without,
 * it fits clusters to this whole sequence — a picture of the clustering, in which early tokens' masks depend on
 * later tokens. For LSH a token attends to itself only when nothing else is allowed (Reformer's rule: with shared QK a token's
 * score with itself would dominate); every other spec always includes the diagonal.
 */
export function buildMask(spec: MaskSpec, T: number, ctx: MaskContext = {}): Mask {
  validate(spec, T);
  const allowed = new Uint8Array(T * T);
  if (spec.kind === 'lsh' || spec.kind === 'kmeans') {
    const { sharedQK, dim } = ctx;
    if (!sharedQK || !dim) throw new Error(`Mask ${spec.kind} depends on the data: pass sharedQK and dim`);
    if (spec.kind === 'lsh') {
      for (let h = 0; h < spec.numHashes; h++) {
        const { buckets, chunkInBucket } = lshRound(
          sharedQK,
          T,
          dim,
          spec.numBuckets,
          spec.chunkSize,
          spec.seed + h,
        );
        for (let i = 0; i < T; i++) {
          for (let j = 0; j < i; j++) {
            const sameBucket = buckets[i] === buckets[j];
            const near = chunkInBucket[i] - chunkInBucket[j] <= 1;
            if (sameBucket && near) allowed[i * T + j] = 1;
          }
        }
      }
      for (let i = 0; i < T; i++) {
        let any = false;
        for (let j = 0; j < i && !any; j++) any = allowed[i * T + j] === 1;
        if (!any) allowed[i * T + i] = 1;
      }
    } else {
      const cluster = ctx.centroids
        ? assignToCentroids(sharedQK, T, dim, ctx.centroids)
        : kmeansClusters(sharedQK, T, dim, spec.numClusters, spec.iterations, spec.seed);
      for (let i = 0; i < T; i++)
        for (let j = 0; j <= i; j++) if (cluster[i] === cluster[j]) allowed[i * T + j] = 1;
    }
    return { seqLen: T, allowed };
  }
  const rule = staticRule(spec, T);
  for (let i = 0; i < T; i++) {
    for (let j = 0; j <= i; j++) if (j === i || rule(i, j)) allowed[i * T + j] = 1;
  }
  return { seqLen: T, allowed };
}
