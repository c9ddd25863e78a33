/**
 * Cost models of every architecture in the zoo, per model of `layers` identical layers (hybrids mix them by
 * their layer pattern). Conventions:
 *  - FLOPs: one forward pass over N tokens, multiply-add = 2 FLOPs, the mixer including its projections
 *    (norms, embeddings and the LM head are the same for every architecture and left out). Attention is
 *    counted in its parallel form, recurrent models in their recurrent (scan) form, long convolutions via FFT.
 *  - stateBytes: what inference must keep to produce the next token, float32, as the Based paper defines
 *    "recurrent state size" (architectures.md §1.4): attention 2·d·N (the KV cache), sliding window 2·d·W,
 *    Based h·head_dim·D + h·D, Mamba 2·d·d_state (= d_inner·d_state with expansion 2), H3 d·N_state,
 *    Hyena d·L. Short-convolution buffers are not counted, as in that figure.
 * The formulas live on the architecture cards (simulations/model/mixers/*Mixer.ts: `flops`, `stateBytes`), so the
 * cost model and the mixers cannot disagree; this file turns the cost model's knobs into each card's options.
 */
import '../model/builtinMixers';
import { onArchitectureRegistered } from '../model/mixerRegistry';
import { BYTES, matmul } from './flops';

export { taylorFeatureSize } from './flops';

export interface CostParams {
  /** Model width d. */
  d: number;
  /** Sequence length N. */
  N: number;
  layers: number;
  /** Attention heads (attention, RetNet, GLA, Based). @default 1 */
  heads?: number;
  /** Sliding window W (sliding window, Based, Griffin). @default 64 */
  window?: number;
  /** Feature dimension f of linear attention / Based. @default 16 */
  featureDim?: number;
  /** SSM state size per channel (Mamba's d_state, S4D's N, H3's N). @default 16 */
  dState?: number;
  /** Short convolution width (BaseConv). @default 3 */
  kernelSize?: number;
}

export interface Cost {
  flops: number;
  stateBytes: number;
}

export interface ArchitectureCost {
  id: string;
  name: string;
  /** Where the formula comes from. */
  source: string;
  /** Does the inference state grow with N? */
  stateGrowsWithN: boolean;
  perLayer(p: Required<CostParams>): Cost;
}

/**
 * Cost models of architectures the engine does not implement (no card, no mixer): shown for comparison only.
 */
const COMPARISON_ONLY: ArchitectureCost[] = [
  {
    id: 'rwkv4',
    name: 'RWKV-4',
    source: 'Peng et al. 2023; numerator, denominator and token-shift per channel',
    stateGrowsWithN: false,
    perLayer: ({ d, N }) => ({ flops: matmul(N, d, 4 * d) + N * d * 12, stateBytes: BYTES * 3 * d }),
  },
];

/**
 * One entry per variant of every registered architecture card (the card holds the formulas: `flops`,
 * `stateBytes`, and `atCost` for the knobs), then the comparison-only ones. A live list: a card registered later
 * adds its entries before the comparison-only ones.
 */
export const ARCHITECTURE_COSTS: ArchitectureCost[] = [...COMPARISON_ONLY];

onArchitectureRegistered((card) => {
  const entries = card.variants.map(
    (variant): ArchitectureCost => ({
      id: variant.id,
      name: variant.name,
      source: variant.source,
      stateGrowsWithN: variant.stateGrowsWithN,
      perLayer(p) {
        const options = variant.atCost(p);
        return { flops: card.flops(options, p.d, p.N), stateBytes: card.stateBytes(options, p.d, p.N) };
      },
    }),
  );
  ARCHITECTURE_COSTS.splice(ARCHITECTURE_COSTS.length - COMPARISON_ONLY.length, 0, ...entries);
});

const withDefaults = (p: CostParams): Required<CostParams> => ({
  heads: 1,
  window: 64,
  featureDim: 16,
  dState: 16,
  kernelSize: 3,
  ...p,
});

export function architectureCost(id: string): ArchitectureCost {
  const a = ARCHITECTURE_COSTS.find((x) => x.id === id);
  if (!a)
    throw new Error(`No cost model for “${id}”. Known: ${ARCHITECTURE_COSTS.map((x) => x.id).join(', ')}`);
  return a;
}

/** Cost of a model whose layers follow `pattern` (mixer ids, repeated to fill `layers`). */
export function modelCost(pattern: readonly string[], params: CostParams): Cost {
  const p = withDefaults(params);
  let flops = 0;
  let stateBytes = 0;
  for (let i = 0; i < p.layers; i++) {
    const c = architectureCost(pattern[i % pattern.length]).perLayer(p);
    flops += c.flops;
    stateBytes += c.stateBytes;
  }
  return { flops, stateBytes };
}

/** Hybrids of the zoo as layer patterns over the ids above. */
export const HYBRID_PATTERNS: Record<string, string[]> = {
  griffin: ['rglru', 'rglru', 'slidingWindow'],
  jamba: ['mamba', 'mamba', 'mamba', 'mamba', 'mamba', 'mamba', 'mamba', 'attention'],
  stripedHyena: ['hyena', 'attention'],
  basedHybrid: ['based', 'slidingWindow'],
};
