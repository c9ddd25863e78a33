/**
 * The shipped zoo as a job list: `npm run -s train -- --zoo [--shard i/n] [--only <substring>]` trains every
 * listed model that public/models does not hold yet, in order (run one shard per core). Common setting: MQAR,
 * vocabulary 128 (keys 1–63, values 64–127), L = 64, K = 4 (Zoology's (64, 4)), d_model = 64, 2 layers (Zoology's shell), batch 64.
 */
import { ARCHITECTURES } from '../../simulations/model/presets';

export interface ZooJob {
  arch: string;
  /** Extra command-line options (see main.ts); `lr: '1e-3,3e-3,1e-2'` makes the job a learning-rate sweep. */
  options: Record<string, string | number>;
  /** Jobs of one group run in list order on one shard (the stages of a curriculum); default: the job's index. */
  group?: number;
}

const mqar = { task: 'mqar', L: 64, K: 4, batch: 64, steps: 2500, 'eval-every': 100 };

/**
 * The small common setting every architecture trains at within one session on two cores: vocabulary 64, L = 32,
 * K = 4, d_model = 32, 1,000 steps at batch 32 (~1–3 min per model).
 */
const small = { task: 'mqar', vocab: 64, L: 32, K: 4, d: 32, batch: 32, steps: 1000, 'eval-every': 100 };
const fastLr = new Set(['based', 'based-window', 'linear-attention']);

/**
 * The tiny setting, where models get off the 1/K plateau within a few hundred steps: vocabulary 32, L = 16,
 * K = 2, d_model = 32, up to 600 steps at batch 32, lr 1e-2 (20–60 s per model on one core).
 */
const tiny = {
  task: 'mqar',
  vocab: 32,
  L: 16,
  K: 2,
  d: 32,
  batch: 32,
  steps: 600,
  'eval-every': 50,
  warmup: 20,
  lr: 1e-2,
};

/**
 * The tiny setting with a long budget: up to 20,000 steps at lr 3e-3 with early stop at 0.99. Attention sits on
 * the 1/K plateau for ~11,000 steps here before its induction circuit forms (a sudden drop in loss); 600 steps
 * (the `tiny` jobs) are enough for the conv-equipped recurrent models but not for attention. One model per K,
 * so that accuracy vs K compares models trained at that K.
 */
const tinyLong = (arch: string, K: number): ZooJob => ({
  arch,
  options: {
    ...tiny,
    K,
    steps: 20_000,
    lr: 3e-3,
    warmup: 200,
    'eval-every': 500,
    id: `${arch}-mqar-l16-k${K}-d32-long`,
  },
});
// Mamba is left out: its float64 selective-scan backward takes ~0.2 s/step here (75 min for 20,000 steps).
const TINY_LONG_ARCHS = ['attention', 'attention-rope', 'hawk', 'gla', 'based', 's4d'];

/**
 * A curriculum over K: the K = 2 long model continued at K = 4 with the same budget rule. Attention with learned
 * positions never left the plateau when trained at K = 4 from scratch; this asks whether the circuit it found at
 * K = 2 carries over, and gives the recurrent models the very same schedule for a fair comparison.
 */
const curriculumK4 = (arch: string): ZooJob =>
  continued(arch, 4, `${arch}-mqar-l16-k2-d32-long`, 20_000, `${arch}-mqar-l16-k4-d32-from-k2`);

/**
 * Sliding-window attention with a window of 4 (a fixed state of 4 key–value pairs per layer), started from the
 * trained K = 2 attention model so that its induction circuit is there from step 0: whatever it cannot recall is
 * out of its window. At most 5,000 steps (5× what attention needed to go from K = 2 to K = 4).
 */
const windowedFromAttention = (K: number, window = 4): ZooJob => {
  const job = continued(
    'sliding-window',
    K,
    'attention-mqar-l16-k2-d32-long',
    5_000,
    `sliding-window-w${window}-mqar-l16-k${K}-d32-from-attention`,
  );
  return { ...job, options: { ...job.options, window } };
};

/** The tiny problem at K, started from the shipped model `parent` (`--init`), long-budget optimiser settings. */
function continued(arch: string, K: number, parent: string, steps: number, id: string): ZooJob {
  const options = { ...tiny, K, steps, lr: 3e-3, warmup: 200, 'eval-every': 500 };
  return { arch, options: { ...options, init: `public/models/${parent}`, id } };
}

/** Induction heads at the tiny size: trained at L = 32, tested up to 256. */
const inductionTiny = { task: 'induction-heads', vocab: 16, L: 32, 'max-len': 256, d: 32, batch: 32 };

/**
 * The headline setting (issue "The evidence"): Zoology's shell (2 layers, no MLP, tied embeddings) at L = 64,
 * vocabulary 128, d_model 64, trained on the recall mixture — Zoology MQAR with K ∈ {1, 2, 4, 8, 16} plus the
 * layouts users type (interleaved queries, re-bound keys, filler; simulations/tasks/recallMixture.ts) — so a
 * model answers any edit of up to 64 tokens.
 *
 * ONE procedure for every architecture, a curriculum over K (docs/decisions/009-curriculum-over-k.md):
 *  1. Zoology's MQAR at (L, K) = (64, 4) from scratch, at most 8,000 steps, early stop at 0.99. Full attention
 *     with learned positions sits on the 1/K plateau for ~2,500 steps here and then learns (0.99 by ~4,300);
 *     trained on the whole mixture from scratch it was still on the plateau after 6,000 steps (0.46).
 *  2. From stage 1's weights, the recall mixture, at most 20,000 steps, early stop at 0.99.
 * Both stages: batch 64, AdamW lr 3e-3 (wd 0.1), 200 warm-up steps, cosine decay over the cap, validation every
 * 250 / 500 steps. Stage-1 models are intermediate weights (checkpoints/curriculum/), not shipped.
 */
export const STAGE1 = {
  task: 'mqar',
  vocab: 128,
  L: 64,
  K: 4,
  d: 64,
  batch: 64,
  steps: 8_000,
  lr: 3e-3,
  warmup: 200,
  'eval-every': 250,
  out: 'checkpoints/curriculum',
} as const;

export const HEADLINE = {
  task: 'recall-mixture',
  vocab: 128,
  L: 64,
  d: 64,
  batch: 64,
  steps: 20_000,
  lr: 3e-3,
  warmup: 200,
  'eval-every': 500,
} as const;

/** A model option that changes the state size (window, feature dimension, d_state), in its id. */
type SizeOption = Partial<Record<'window' | 'feature-dim' | 'd-state', number>>;

function sizeSuffix(size: SizeOption): string {
  const [key, value] = Object.entries(size)[0] ?? [];
  if (key === undefined) return '';
  return `-${{ window: 'w', 'feature-dim': 'f', 'd-state': 'n' }[key]}${value}`;
}

/** The two stages of the headline procedure for one architecture (and state size), as one group. */
function headline(arch: string, group: number, size: SizeOption = {}): ZooJob[] {
  const stage1 = `${arch}${sizeSuffix(size)}-mqar-l64-k4-d64-stage1`;
  return [
    { arch, group, options: { ...STAGE1, ...size, id: stage1 } },
    { arch, group, options: { ...HEADLINE, ...size, init: `${STAGE1.out}/${stage1}` } },
  ];
}

/** Every architecture of the engine at the headline setting, the reference (attention) first. */
export const HEADLINE_ARCHITECTURES = [
  'attention',
  'attention-rope',
  'hawk',
  'mamba',
  'based',
  'gla',
  'sliding-window',
  'linear-attention',
  's4d',
  'mamba2',
  'retnet',
  'griffin',
  'h3',
  'hyena',
  'jamba',
  'striped-hyena',
  'm2',
] as const;

/**
 * The state frontier (Based Fig. 2 at our scale): five families at three or more state sizes each, under the
 * headline procedure. Inference-state bytes are counted the same way for every mixer (scripts/train/modelIndex.ts).
 */
const FRONTIER_SIZES: [string, SizeOption][] = [
  ...[4, 8, 32].map((window): [string, SizeOption] => ['sliding-window', { window }]),
  ...[4, 8, 32].map((f): [string, SizeOption] => ['based', { 'feature-dim': f }]),
  ...[1, 4, 64].map((n): [string, SizeOption] => ['mamba', { 'd-state': n }]),
  ...[4, 32, 64].map((f): [string, SizeOption] => ['linear-attention', { 'feature-dim': f }]),
  ...[1, 4, 64].map((n): [string, SizeOption] => ['h3', { 'd-state': n }]),
];

/**
 * The Mamba paper's other two synthetic findings (§4.1), under one procedure each:
 * - induction heads, trained at L = 64 (vocabulary 16) and tested at 2×, 4× and 8× that length (max-len 512;
 *   attention with learned positions cannot go past its position table — its row says so);
 * - selective copying, S4D (LTI) against Mamba (selective) at the same budget (16 tokens to copy from 64 slots).
 * Cap 20,000 steps, lr 3e-3, early stop at 0.99.
 */
const SYNTHETIC: ZooJob[] = [
  ...['attention', 'attention-rope', 'mamba', 'hawk'].map((arch) => ({
    arch,
    options: {
      task: 'induction-heads',
      vocab: 16,
      L: 64,
      'max-len': 512,
      d: 64,
      batch: 64,
      steps: 20_000,
      lr: 3e-3,
      warmup: 200,
      'eval-every': 500,
    },
  })),
  ...['s4d', 'mamba'].map((arch) => ({
    arch,
    options: {
      task: 'selective-copying',
      vocab: 16,
      L: 64,
      K: 16,
      d: 64,
      batch: 64,
      steps: 20_000,
      lr: 3e-3,
      warmup: 200,
      'eval-every': 500,
    },
  })),
];

export const ZOO: ZooJob[] = [
  ...HEADLINE_ARCHITECTURES.flatMap((arch, i) => headline(arch, i)),
  ...SYNTHETIC,
  ...FRONTIER_SIZES.flatMap(([arch, size], i) => headline(arch, 1000 + i, size)),
  ...['attention', 'hawk', 's4d'].map(curriculumK4),
  ...[1, 2, 4].map((K) => windowedFromAttention(K)),
  // Accuracy vs state at K = 4: windows of 2 and 8 (from attention's weights), Based with 4 and 8 features.
  ...[8, 2].map((window) => windowedFromAttention(4, window)),
  // Mamba at K = 4 from scratch (d_state 16), at most 3,000 steps (its float64 selective-scan backward costs
  // ~0.2–0.5 s/step here). It stayed near the plateau (0.38); a d_state sweep needs the K = 2 → 4 curriculum.
  ...[16].map((n) => ({
    arch: 'mamba',
    options: {
      ...tiny,
      K: 4,
      'd-state': n,
      steps: 3_000,
      'eval-every': 250,
      id: `mamba-n${n}-mqar-l16-k4-d32`,
    },
  })),
  // Mamba's d_state (16 and 1) with the curriculum, on a budget Mamba's slow backward allows here: K = 2 from
  // scratch, then continued at K = 4, each at most 4,000 steps at the tiny lr.
  ...[16, 1].flatMap((n) => {
    const stage = (K: number) => ({ ...tiny, K, 'd-state': n, steps: 4_000, 'eval-every': 250 });
    return [
      { arch: 'mamba', options: { ...stage(2), id: `mamba-n${n}-mqar-l16-k2-d32` } },
      {
        arch: 'mamba',
        options: {
          ...stage(4),
          init: `public/models/mamba-n${n}-mqar-l16-k2-d32`,
          id: `mamba-n${n}-mqar-l16-k4-d32-from-k2`,
        },
      },
    ];
  }),
  ...[4, 8].map((f) => ({
    arch: 'based',
    options: { ...tinyLong('based', 4).options, 'feature-dim': f, id: `based-f${f}-mqar-l16-k4-d32-long` },
  })),
  ...[2, 4, 1].flatMap((K) => TINY_LONG_ARCHS.map((arch) => tinyLong(arch, K))),
  ...ARCHITECTURES.map((arch) => ({ arch, options: tiny })),
  // The Mamba paper's synthetic tasks at the tiny size: selective copying (4 tokens among 24 noise slots,
  // A = 16) and induction heads (trained at L = 32, tested at 64 … 256).
  ...['s4d', 'mamba'].map((arch) => ({
    arch,
    options: {
      task: 'selective-copying',
      vocab: 16,
      L: 24,
      K: 4,
      d: 32,
      batch: 32,
      steps: 600,
      lr: 1e-2,
      'eval-every': 50,
      warmup: 20,
    },
  })),
  // Attention leaves induction's plateau late, like MQAR's: the same task with the long budget.
  ...['attention-rope', 'attention'].map((arch) => ({
    arch,
    options: {
      ...inductionTiny,
      steps: 20_000,
      lr: 3e-3,
      warmup: 200,
      'eval-every': 500,
      id: `${arch}-induction-heads-l32-d32-long`,
    },
  })),
  ...['attention', 'attention-rope', 'mamba'].map((arch) => ({
    arch,
    options: {
      ...inductionTiny,
      steps: 600,
      lr: 1e-2,
      'eval-every': 50,
      warmup: 20,
    },
  })),
  ...ARCHITECTURES.map((arch) => ({ arch, options: { ...small, lr: fastLr.has(arch) ? 1e-2 : 3e-3 } })),
  // Every trainable architecture at the common size.
  // Run as two shards (even and odd positions), the first four are the ones that matter most.
  { arch: 'attention', options: { ...mqar, lr: 3e-3 } },
  { arch: 'based', options: { ...mqar, lr: 1e-2 } },
  { arch: 'mamba', options: { ...mqar, lr: 3e-3 } },
  { arch: 'sliding-window', options: { ...mqar, lr: 3e-3, window: 16 } },
  { arch: 'hawk', options: { ...mqar, lr: 3e-3 } },
  { arch: 'linear-attention', options: { ...mqar, lr: 1e-2 } },
  { arch: 'attention-rope', options: { ...mqar, lr: 3e-3 } },
  { arch: 'based-window', options: { ...mqar, lr: 1e-2 } },
  { arch: 'griffin', options: { ...mqar, lr: 3e-3 } },
  { arch: 'jamba', options: { ...mqar, lr: 3e-3 } },
  { arch: 's4d', options: { ...mqar, lr: 3e-3 } },
  { arch: 'h3', options: { ...mqar, lr: 3e-3 } },
  // Accuracy vs state size (Based Fig. 2 analogue): windows, feature dimensions, state sizes.
  ...[4, 8, 32].map((window) => ({ arch: 'sliding-window', options: { ...mqar, lr: 3e-3, window } })),
  ...[4, 8].map((f) => ({ arch: 'based', options: { ...mqar, lr: 1e-2, 'feature-dim': f } })),
  ...[4, 64].map((n) => ({ arch: 'mamba', options: { ...mqar, lr: 3e-3, 'd-state': n } })),
  ...[4].map((n) => ({ arch: 'h3', options: { ...mqar, lr: 3e-3, 'd-state': n } })),
  // Selective copying (Mamba §4.1): the LTI S4D against the selective Mamba. 48 noise slots, 8 tokens, A = 16.
  ...['s4d', 'mamba'].map((arch) => ({
    arch,
    options: { task: 'selective-copying', vocab: 16, L: 48, K: 8, batch: 64, steps: 1500, lr: 3e-3 },
  })),
  // Induction heads (Mamba §4.1): trained at L = 64, tested up to 512.
  ...['attention', 'attention-rope', 'mamba'].map((arch) => ({
    arch,
    options: { task: 'induction-heads', vocab: 16, L: 64, 'max-len': 512, batch: 64, steps: 1500, lr: 3e-3 },
  })),
];

/** The command-line arguments of a job, and the model id it writes. */
export function jobArgs(job: ZooJob): string[] {
  return ['--arch', job.arch, ...Object.entries(job.options).flatMap(([k, v]) => [`--${k}`, String(v)])];
}
