/**
 * Multi-head softmax attention as a mixer (Zoology `mixers/attention.py`, architectures.md §3.1):
 *   [q | k | v] = x·W_qkv + b_qkv,  heads split q, k, v into contiguous d/H chunks,
 *   y = Attention(q, k, v; mask)·W_o + b_o.
 * Options: heads (default 1, Zoology's synthetic setting), positional 'none' | 'rope' (RoPE on q and k), and a
 * mask spec (default full causal). Two cards share this forward: 'attention' and 'slidingWindow' ({window}, W + 1
 * keys including the current token, the reference-code convention).
 * Data-dependent masks (Reformer LSH, Routing k-means) use SHARED query-key projections, as those papers do:
 * k := q/‖q‖ per token (Reformer normalises the keys), and the mask is built once from the full q [T, d]
 * (all heads together), so every head shares it. Routing uses learned centroids (`centroids` [k, d], a
 * parameter as in the paper, where they are EMA-updated during training), so routing stays causal.
 */

import { maskedSoftmaxAttention } from '../../attention/maskedSoftmaxAttention';
import { buildMask } from '../../attention/masks/buildMask';
import type { MaskSpec } from '../../attention/masks/maskSpec';
import { applyRope } from '../../attention/rope';
import { attentionCore, BYTES, matmul, windowPairs } from '../../cost/flops';
import { type ArchitectureCard, readOptions } from '../architectureCard';
import type { LayerSpec } from '../config';
import { REFERENCE_KERNELS } from '../kernelSet';
import { type MixerTrace, registerArchitecture } from '../mixerRegistry';
import { matrixView, traceViews } from '../traceViews';
import { fromHeads, toHeads } from './heads';

export interface AttentionOptions {
  heads: number;
  positional: 'none' | 'rope';
  /** The sliding-window card's mask is `{ kind: 'slidingWindow', window }` from its `window` option. */
  mask: MaskSpec;
}

export interface AttentionTrace extends MixerTrace {
  /** 'attention' for both cards (a sliding window is attention under a mask). */
  kind: 'attention';
  heads: number;
  mask: MaskSpec;
  /** [heads, T, T]. */
  weights: Float32Array;
}

/** Shared QK: every key becomes its query, normalised to unit length (Reformer §2). */
function sharedKeys(q: Float32Array, k: Float32Array, rows: number, dh: number): void {
  for (let r = 0; r < rows; r++) {
    let n = 0;
    for (let c = 0; c < dh; c++) n += q[r * dh + c] ** 2;
    n = Math.sqrt(n) || 1;
    for (let c = 0; c < dh; c++) k[r * dh + c] = q[r * dh + c] / n;
  }
}

/** Tokens whose k, v an attention layer keeps at length N: all, or the last W under a window. */
const cachedTokens = (mask: MaskSpec, N: number) =>
  mask.kind === 'slidingWindow' ? Math.min(N, mask.window) : N;

type AttentionCard = ArchitectureCard<AttentionOptions, AttentionTrace>;

/** What the two cards share: everything but their id, options, names and presets. */
const attention: Pick<
  AttentionCard,
  'problems' | 'params' | 'forward' | 'stateBytes' | 'flops' | 'views' | 'learnedPositions'
> = {
  problems({ heads, positional, mask }, config) {
    const p: string[] = [];
    if (!Number.isInteger(heads) || heads < 1 || config.dModel % heads !== 0)
      p.push(`heads must divide dModel ${config.dModel} (got ${heads})`);
    if (positional !== 'none' && positional !== 'rope') p.push(`positional must be 'none' or 'rope'`);
    if (positional === 'rope' && (config.dModel / heads) % 2 !== 0)
      p.push('RoPE needs an even head dimension');
    if (mask.kind === 'slidingWindow' && (!Number.isInteger(mask.window) || mask.window < 0))
      p.push(`window must be a non-negative integer (got ${mask.window})`);
    return p;
  },
  params({ mask }, { dModel: d }) {
    return {
      W_qkv: { shape: [d, 3 * d], init: 'normal' },
      b_qkv: { shape: [3 * d], init: 'zeros', noWeightDecay: true },
      W_o: { shape: [d, d], init: 'outProjection' },
      b_o: { shape: [d], init: 'zeros', noWeightDecay: true },
      ...(mask.kind === 'kmeans'
        ? { centroids: { shape: [mask.numClusters, d], init: { normal: 1 }, noWeightDecay: true } }
        : {}),
    };
  },
  forward(params, x, T, { heads, positional, mask }, { dModel: d }, run) {
    const cpu = run?.kernels ?? REFERENCE_KERNELS;
    const qkv = cpu.linear(x, T, d, params.W_qkv, 3 * d, params.b_qkv);
    const dh = d / heads;
    const [q, k, v] = [0, 1, 2].map((part) => toHeads(qkv, T, 3 * d, part * d, heads, dh));
    const dataDependent = mask.kind === 'lsh' || mask.kind === 'kmeans';
    if (dataDependent) sharedKeys(q, k, heads * T, dh);
    if (positional === 'rope') {
      applyRope(q, heads, T, dh);
      applyRope(k, heads, T, dh);
    }
    const inputs = { q, k, v, heads, seqLen: T, headDim: dh };
    const context = dataDependent
      ? { sharedQK: fromHeads(q, T, heads, dh), dim: d, centroids: params.centroids }
      : {};
    // Full and sliding-window masks run on the kernel set (a window W keeps W + 1 keys); the other masks
    // (block-sparse, strided, LSH, k-means, …) through the general masked reference.
    const result =
      mask.kind === 'full'
        ? cpu.causalAttention(inputs, 0)
        : mask.kind === 'slidingWindow'
          ? cpu.causalAttention(inputs, mask.window + 1)
          : maskedSoftmaxAttention(inputs, buildMask(mask, T, context));
    const y = cpu.linear(fromHeads(result.output, T, heads, dh), T, d, params.W_o, d, params.b_o);
    return { y, trace: { kind: 'attention', heads, mask, weights: result.weights } };
  },
  // KV cache of keys and values (Based paper §1.4: attention 2·d·L; a window keeps W past tokens, 2·d·W — the
  // current token's k, v are computed fresh, so W + 1 keys need only W cached).
  stateBytes: ({ mask }, d, N) => BYTES * 2 * d * cachedTokens(mask, N),
  // Projections (q, k, v, o) and the scores + weighted values over the causal (query, key) pairs; a sparse
  // mask other than a window is priced as full attention.
  flops: ({ mask }, d, N) =>
    matmul(N, d, 4 * d) +
    attentionCore(mask.kind === 'slidingWindow' ? windowPairs(N, mask.window) : (N * (N + 1)) / 2, d),
  views: (trace, T) => traceViews({ matrices: matrixView('attention', trace.weights, T) }),
  learnedPositions: true,
};

const two = (l: LayerSpec) => [l, structuredClone(l)];
const HEADS_DEFAULTS: Pick<AttentionOptions, 'heads' | 'positional'> = { heads: 1, positional: 'none' };

export const attentionCard = registerArchitecture<AttentionOptions, AttentionTrace>({
  ...attention,
  id: 'attention',
  name: 'Softmax attention',
  description: 'Multi-head causal softmax attention (optionally under a sparse mask)',
  options: (spec) => readOptions<AttentionOptions>(spec, { ...HEADS_DEFAULTS, mask: { kind: 'full' } }),
  variants: [
    {
      id: 'attention',
      name: 'Softmax attention',
      label: 'attention',
      source: 'Vaswani et al. 2017; KV cache 2·d·N (Based §3.1)',
      stateGrowsWithN: true,
      spec: () => ({ heads: 1 }),
      atCost: ({ heads }) => ({ heads, positional: 'none', mask: { kind: 'full' } }),
    },
  ],
  presets: [
    { id: 'attention' },
    {
      id: 'attention-rope',
      layers: () => two({ mixer: { kind: 'attention', heads: 1, positional: 'rope' }, mlp: 'none' }),
      noLearnedPositions: true,
    },
  ],
});

export const slidingWindowCard = registerArchitecture<AttentionOptions, AttentionTrace>({
  ...attention,
  id: 'slidingWindow',
  name: 'Sliding-window attention',
  description: 'Sliding-window attention (W + 1 keys incl. the current token)',
  options(spec) {
    const { window, ...rest } = readOptions(spec, {
      ...HEADS_DEFAULTS,
      window: undefined as number | undefined,
    });
    // No default window: a missing one reaches `problems` as it is.
    return { ...rest, mask: { kind: 'slidingWindow', window: window as number } };
  },
  variants: [
    {
      id: 'slidingWindow',
      name: 'Sliding-window attention',
      label: 'sliding window',
      source: 'Mistral / Longformer; W + 1 keys per query, KV cache of W tokens (2·d·W)',
      stateGrowsWithN: false,
      spec: ({ window }) => ({ window, heads: 1 }),
      atCost: ({ heads, window }) => ({ heads, positional: 'none', mask: { kind: 'slidingWindow', window } }),
    },
  ],
  presets: [{ id: 'sliding-window' }],
});
