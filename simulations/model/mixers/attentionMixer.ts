/**
 * Multi-head softmax attention as a mixer (Zoology `mixers/attention.py`, architectures.md §3.1):
 *   [q | k | v] = x·W_qkv + b_qkv,  heads split q, k, v into contiguous d/H chunks,
 *   y = Attention(q, k, v; mask)·W_o + b_o.
 * Options: heads (default 1, Zoology's synthetic setting), positional 'none' | 'rope' (RoPE on q and k), and a
 * mask spec (default full causal). Registered twice: 'attention' and 'slidingWindow' ({window}, W + 1 keys
 * including the current token, the reference-code convention).
 * Data-dependent masks (Reformer LSH, Routing k-means) use SHARED query-key projections, as those papers do:
 * k := q/‖q‖ per token (Reformer normalises the keys), and the mask is built once from the full q [T, d]
 * (all heads together), so every head shares it. Routing uses learned centroids (`centroids` [k, d], a
 * parameter as in the paper, where they are EMA-updated during training), so routing stays causal.
 */

import { maskedSoftmaxAttention } from '../../attention/maskedSoftmaxAttention';
import { buildMask } from '../../attention/masks/buildMask';
import type { MaskSpec } from '../../attention/masks/maskSpec';
import { applyRope } from '../../attention/rope';
import type { MixerSpec } from '../config';
import { REFERENCE_KERNELS } from '../kernelSet';
import { type MixerDefinition, registerMixer } from '../mixerRegistry';
import { fromHeads, toHeads } from './heads';

interface AttentionOptions {
  heads: number;
  positional: 'none' | 'rope';
  mask: MaskSpec;
}

function options(spec: MixerSpec): AttentionOptions {
  const heads = (spec.heads as number | undefined) ?? 1;
  const positional = (spec.positional as 'none' | 'rope' | undefined) ?? 'none';
  const mask: MaskSpec =
    spec.kind === 'slidingWindow'
      ? { kind: 'slidingWindow', window: spec.window as number }
      : ((spec.mask as MaskSpec | undefined) ?? { kind: 'full' });
  return { heads, positional, mask };
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

function makeAttention(kind: 'attention' | 'slidingWindow'): MixerDefinition {
  return {
    kind,
    description:
      kind === 'attention'
        ? 'Multi-head causal softmax attention (optionally under a sparse mask)'
        : 'Sliding-window attention (W + 1 keys incl. the current token)',
    problems(spec, config) {
      const { heads, positional, mask } = options(spec);
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
    params(spec, { dModel: d }) {
      const { mask } = options(spec);
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
    forward(params, x, T, spec, { dModel: d }, run) {
      const cpu = run?.kernels ?? REFERENCE_KERNELS;
      const { heads, positional, mask } = options(spec);
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
    stateSizeBytes(spec, { dModel: d }, seqLen) {
      const { mask } = options(spec);
      // KV cache of keys and values (Based paper §1.4: attention 2·d·L; a window keeps W past tokens, 2·d·W —
      // the current token's k, v are computed fresh, so W + 1 keys need only W cached).
      const cached = mask.kind === 'slidingWindow' ? Math.min(seqLen, mask.window) : seqLen;
      return 4 * 2 * d * cached;
    },
  };
}

export const attentionMixer = makeAttention('attention');
export const slidingWindowMixer = makeAttention('slidingWindow');
registerMixer(attentionMixer);
registerMixer(slidingWindowMixer);
