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
 */
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

const BYTES = 4;
const log2 = Math.log2;
/** FLOPs of x[N, a]·W[a, b]. */
const matmul = (N: number, a: number, b: number) => 2 * N * a * b;
/** Causal attention scores + weighted values over `pairs` (query, key) pairs at head dim d. */
const attentionCore = (pairs: number, d: number) => 4 * d * pairs;
/** Real FFT convolution of length-N sequences, padded to 2N, per channel: 3 FFTs of 2N points. */
const fftConv = (N: number) => 3 * 5 * 2 * N * log2(2 * N);
/** Taylor feature size D = 1 + f + f(f+1)/2 (Based counts the symmetric half of x⊗x). */
export const taylorFeatureSize = (f: number) => 1 + f + (f * (f + 1)) / 2;

const windowPairs = (N: number, W: number) => {
  // Σ_i min(i + 1, W + 1): W + 1 keys per query once the window is full.
  const full = Math.max(0, N - W);
  return full * (W + 1) + (Math.min(N, W) * (Math.min(N, W) + 1)) / 2;
};

export const ARCHITECTURE_COSTS: ArchitectureCost[] = [
  {
    id: 'attention',
    name: 'Softmax attention',
    source: 'Vaswani et al. 2017; KV cache 2·d·N (Based §3.1)',
    stateGrowsWithN: true,
    perLayer: ({ d, N }) => ({
      flops: matmul(N, d, 4 * d) + attentionCore((N * (N + 1)) / 2, d),
      stateBytes: BYTES * 2 * d * N,
    }),
  },
  {
    id: 'slidingWindow',
    name: 'Sliding-window attention',
    source: 'Mistral / Longformer; W + 1 keys per query, KV cache of W tokens (2·d·W)',
    stateGrowsWithN: false,
    perLayer: ({ d, N, window: W }) => ({
      flops: matmul(N, d, 4 * d) + attentionCore(windowPairs(N, W), d),
      stateBytes: BYTES * 2 * d * Math.min(W, N),
    }),
  },
  {
    id: 'linearAttention',
    name: 'Linear attention (feature dim f)',
    source: 'Katharopoulos et al. 2020; state S ∈ ℝ^{f×d} and z ∈ ℝ^f per head',
    stateGrowsWithN: false,
    perLayer: ({ d, N, featureDim: f, heads: h }) => ({
      flops: matmul(N, d, 2 * f) + matmul(N, d, 2 * d) + N * 4 * f * d,
      stateBytes: BYTES * (f * d + h * f),
    }),
  },
  {
    id: 'based',
    name: 'Based (Taylor linear attention)',
    source: 'Arora et al. 2024: h·head_dim·D + h·D, D = 1 + f + f(f+1)/2',
    stateGrowsWithN: false,
    perLayer: ({ d, N, featureDim: f, heads: h }) => {
      const D = taylorFeatureSize(f);
      return {
        flops: matmul(N, d, 2 * f * h) + matmul(N, d, 2 * d) + N * 4 * D * d,
        stateBytes: BYTES * (h * (d / h) * D + h * D),
      };
    },
  },
  {
    id: 'baseConv',
    name: 'BaseConv (gated short convolution)',
    source: 'Arora et al. 2024 (Zoology); keeps the last k − 1 inputs',
    stateGrowsWithN: false,
    perLayer: ({ d, N, kernelSize: k }) => ({
      flops: matmul(N, d, d) + N * d * (2 * k + 2),
      stateBytes: BYTES * d * Math.min(N, k - 1),
    }),
  },
  {
    id: 's4d',
    name: 'S4D (diagonal LTI SSM)',
    source: 'Gu et al. 2022; N_state/2 complex modes per channel, convolution via FFT',
    stateGrowsWithN: false,
    perLayer: ({ d, N, dState: n }) => ({
      flops: d * (fftConv(N) + N * 8 * n) + matmul(N, d, 2 * d),
      stateBytes: BYTES * d * n,
    }),
  },
  {
    id: 'mamba',
    name: 'Mamba (S6)',
    source: 'Gu & Dao 2023; d_inner = 2d, state d_inner·d_state = 2·d·d_state (Based §3.1)',
    stateGrowsWithN: false,
    perLayer: ({ d, N, dState: n }) => {
      const di = 2 * d;
      const r = Math.ceil(d / 16);
      const proj = matmul(N, d, 2 * di) + matmul(N, di, r + 2 * n) + matmul(N, r, di) + matmul(N, di, d);
      // conv width 4, then per channel and state: exp(Δa), Δ·B·x, h update, C·h (≈ 7 FLOPs)
      return { flops: proj + N * di * 2 * 4 + N * di * n * 7, stateBytes: BYTES * di * n };
    },
  },
  {
    id: 'mamba2',
    name: 'Mamba-2 (SSD)',
    source: 'Dao & Gu 2024; scalar decay per head, state d_inner·d_state',
    stateGrowsWithN: false,
    perLayer: ({ d, N, dState: n }) => {
      const di = 2 * d;
      return {
        flops: matmul(N, d, 2 * di + 2 * n + di / 64) + matmul(N, di, d) + N * di * n * 6,
        stateBytes: BYTES * di * n,
      };
    },
  },
  {
    id: 'h3',
    name: 'H3',
    source: 'Fu et al. 2023; state d·N_state (Based §3.1)',
    stateGrowsWithN: false,
    perLayer: ({ d, N, dState: n }) => ({
      flops: matmul(N, d, 4 * d) + N * d * n * 8 + N * d * 4,
      stateBytes: BYTES * d * n,
    }),
  },
  {
    id: 'hyena',
    name: 'Hyena (order 2)',
    source: 'Poli et al. 2023; long convolutions need the whole input: d·L (Based §3.1)',
    stateGrowsWithN: true,
    perLayer: ({ d, N }) => ({
      flops: matmul(N, d, 4 * d) + d * 2 * fftConv(N) + N * d * 3 * 2,
      stateBytes: BYTES * d * N,
    }),
  },
  {
    id: 'm2',
    name: 'Monarch Mixer (M2)',
    source: 'Fu et al. 2023; Monarch long convolution O(N^{3/2}) per channel, state as a long conv (d·N)',
    stateGrowsWithN: true,
    perLayer: ({ d, N }) => ({
      flops: d * 2 * 2 * N * Math.sqrt(N) * 2 + matmul(N, d, 2 * d),
      stateBytes: BYTES * d * N,
    }),
  },
  {
    id: 'rglru',
    name: 'Hawk (RG-LRU)',
    source: 'De et al. 2024; recurrent width d, one state per channel',
    stateGrowsWithN: false,
    perLayer: ({ d, N }) => ({
      flops: matmul(N, d, 2 * d) + matmul(N, d, 2 * d) + matmul(N, d, d) + N * d * (4 * 2 + 10),
      stateBytes: BYTES * d,
    }),
  },
  {
    id: 'retnet',
    name: 'RetNet (retention)',
    source: 'Sun et al. 2023; fixed decay per head, state (d/h)² per head',
    stateGrowsWithN: false,
    perLayer: ({ d, N, heads: h }) => ({
      flops: matmul(N, d, 4 * d) + N * 4 * d * (d / h),
      stateBytes: BYTES * h * (d / h) ** 2,
    }),
  },
  {
    id: 'gla',
    name: 'Gated linear attention',
    source: 'Yang et al. 2024; expand_k 0.5: state (d/2h)·(d/h) per head',
    stateGrowsWithN: false,
    perLayer: ({ d, N, heads: h }) => ({
      flops: matmul(N, d, 3 * d) + N * 5 * (d / 2) * (d / h),
      stateBytes: BYTES * h * (d / 2 / h) * (d / h),
    }),
  },
  {
    id: 'rwkv4',
    name: 'RWKV-4',
    source: 'Peng et al. 2023; numerator, denominator and token-shift per channel',
    stateGrowsWithN: false,
    perLayer: ({ d, N }) => ({ flops: matmul(N, d, 4 * d) + N * d * 12, stateBytes: BYTES * 3 * d }),
  },
];

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
