import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { ImplicitAttention, type ImplicitAttentionPanel } from '../components';
import { causalSoftmaxAttention } from '../simulations/attention/causalSoftmaxAttention';
import { glaParallel, retnetGamma } from '../simulations/linearAttention/gatedLinearAttention';
import { linearAttentionParallel } from '../simulations/linearAttention/linearAttention';
import type { ModelConfig } from '../simulations/model/config';
import { createModel, forward } from '../simulations/model/forward';
import { createRng } from '../simulations/random/rng';
import { ssdImplicitAttention } from '../simulations/ssm/ssd';
import { generateMqar } from '../simulations/tasks/mqar';
import { loadModelWeights } from '../simulations/weights/modelWeights';

// data: one set of seeded queries, keys and values, read by four mixers of the engine; each returns its (implicit)
// attention matrix: softmax weights, linear attention's normalised A, Mamba-2's M (B = k, C = q, x = v) and
// RetNet's decayed QKᵀ (γ of head 0).
function fourMixers(tokens: readonly string[], seed: number): ImplicitAttentionPanel[] {
  const T = tokens.length;
  const d = 8;
  const rng = createRng(seed);
  // Repeated tokens share their vectors, so the matrices show content matching, not just noise.
  const vectors = new Map<string, number[]>();
  const rowOf = (t: string) => {
    if (!vectors.has(t))
      vectors.set(
        t,
        Array.from({ length: d }, () => rng.nextNormal()),
      );
    return vectors.get(t) as number[];
  };
  const q = new Float32Array(tokens.flatMap((t) => rowOf(t)));
  const k = new Float32Array(q);
  const v = new Float32Array(tokens.flatMap((t) => rowOf(t).map((x) => x * 0.5 + 0.1)));
  const delta = Float32Array.from({ length: T }, (_, t) => Math.log1p(Math.exp(((t * 7) % 5) / 4 - 1)));
  return [
    {
      title: 'Softmax attention',
      equation: 'A = softmax(QKᵀ/√d) ⊙ causal',
      weights: causalSoftmaxAttention({ q, k, v, heads: 1, seqLen: T, headDim: d }).weights,
    },
    {
      title: 'Linear attention (elu+1)',
      equation: 'A_ts = φ(q_t)·φ(k_s) / Σ_s′ φ(q_t)·φ(k_s′)',
      weights: linearAttentionParallel({
        q,
        k,
        v,
        heads: 1,
        seqLen: T,
        keyDim: d,
        valueDim: d,
        featureMap: 'eluPlusOne',
      }).weights,
    },
    {
      title: 'Mamba-2 (SSD)',
      equation: 'M_ts = (C_t·B_s)·e^{A(Λ_t−Λ_s)}·Δ_s',
      weights: ssdImplicitAttention({
        x: v,
        delta,
        A: -0.5,
        B: k,
        C: q,
        D: 0,
        seqLen: T,
        headDim: d,
        stateSize: d,
      }),
    },
    {
      title: 'RetNet (γ = 0.969)',
      equation: 'W_ts = (q_t·k_s/√d)·γ^{t−s}',
      weights: glaParallel({
        q,
        k,
        v,
        logDecay: new Float32Array(T * d).fill(Math.log(retnetGamma(0))),
        seqLen: T,
        keyDim: d,
        valueDim: d,
      }).weights,
    },
  ];
}

const tokens = 'ant 3 bee 5 cow 8 bee ant cow 1 ant 3'.split(' ');
const panels = fourMixers(tokens, 1);
const positions = (n: number) => Array.from({ length: n }, (_, i) => `w${i % 37}`);
const longTokens = positions(1024);
const longPanels = fourMixers(longTokens, 2);

const withNaN = panels.map((p, i) => {
  if (i !== 2) return p;
  const weights = Float64Array.from(p.weights);
  weights[5 * tokens.length + 2] = Number.NaN;
  return { ...p, weights };
});

const meta = {
  title: 'Visualisations/ImplicitAttention',
  component: ImplicitAttention,
  tags: ['autodocs'],
  args: {
    panels,
    tokens,
    label: 'recall sequence',
    colorScale: 'linear',
    size: 300,
    svgMaxTokens: 64,
    onLockedRowChange: fn(),
  },
  argTypes: {
    panels: { control: false, description: 'The matrices to compare: title, `[T × T]` weights, equation.' },
    tokens: { control: 'object' },
    label: { control: 'text' },
    colorScale: { control: 'inline-radio', options: ['linear', 'log'] },
    size: { control: { type: 'range', min: 160, max: 600, step: 20 } },
    svgMaxTokens: { control: { type: 'number', min: 1, max: 256 } },
    lockedRow: { control: { type: 'number', min: 0 } },
  },
  parameters: {
    docs: {
      description: {
        component:
          'The "implicit attention matrix" of recurrent mixers next to softmax attention, on the same token axes ' +
          'and one colour scale: each key’s share of the query’s total |weight|. The matrices are the engine’s ' +
          '(`linearAttentionParallel`, `ssdImplicitAttention`, `glaParallel`; tested M·V = the recurrent output). ' +
          'Each panel is the library’s AttentionMatrix: hover, arrow keys, click/Enter to lock a query row — the ' +
          'lock is shared by every panel and compared in the table below.',
      },
    },
  },
} satisfies Meta<typeof ImplicitAttention>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Softmax, linear attention, Mamba-2 and RetNet over one associative-recall sequence. */
export const FourMixers: Story = {};

/** The log scale shows the long, decaying tails of the recurrent matrices. */
export const LogScale: Story = { args: { colorScale: 'log' } };

/** Lock a row in one panel: every panel highlights it, and the table compares its top keys. */
export const LockedRowIsShared: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const matrices = canvas.getAllByTestId('attention-matrix');
    const cell = matrices[2].querySelector('[data-row="8"][data-col="2"]');
    if (!cell) throw new Error('no cell (8, 2) in the Mamba-2 panel');
    await userEvent.click(cell);
    await expect(args.onLockedRowChange).toHaveBeenLastCalledWith(8);
    for (const m of matrices) await expect(m).toHaveAttribute('data-locked-row', '8');
    const table = canvas.getByRole('table', { name: /Query 8 “cow”: its 3 largest shares/ });
    await expect(within(table).getAllByRole('row')).toHaveLength(1 + 4);
  },
};

/** Keyboard: Tab into the first panel, move, Enter locks the row everywhere, Escape unlocks. */
export const KeyboardLock: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.tab();
    await expect(canvas.getByRole('application', { name: /Softmax attention/ })).toHaveFocus();
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}{Enter}');
    await expect(canvas.getByTestId('implicit-attention')).toHaveAttribute('data-locked-row', '3');
    await userEvent.keyboard('{Escape}');
    await expect(canvas.getByTestId('implicit-attention')).toHaveAttribute('data-locked-row', '');
  },
};

/** Hover a cell of a recurrent panel to read its share. */
export const Hover: Story = {
  play: async ({ canvasElement }) => {
    const matrices = within(canvasElement).getAllByTestId('attention-matrix');
    const cell = matrices[3].querySelector('[data-row="7"][data-col="0"]');
    if (!cell) throw new Error('no cell (7, 0) in the RetNet panel');
    await userEvent.hover(cell);
    await expect(within(matrices[3]).getByText(/Query 7 “ant” → key 0 “ant”: /)).toBeInTheDocument();
  },
};

/** The signed matrices report their negative share and raw row sums; softmax says its rows sum to 1. */
export const SignAndScaleNotes: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getAllByText(/rows sum to 1; no negative weights/).length).toBeGreaterThanOrEqual(2);
    await expect(
      canvas.getAllByText(/raw row sums .* of \|weight\| is negative/).length,
    ).toBeGreaterThanOrEqual(1);
  },
};

/** T = 1: a single query that can only see itself. */
export const SingleToken: Story = { args: { panels: fourMixers(['ant'], 3), tokens: ['ant'] } };

/** No tokens: a clear message. */
export const Empty: Story = {
  args: { panels: [], tokens: [] },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent('there are no tokens');
  },
};

/** NaN in one matrix: that panel says so; the others still draw. */
export const NonFiniteValues: Story = {
  args: { panels: withNaN },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('alert')).toHaveTextContent('1 values of this matrix are not finite');
    await expect(canvas.getAllByTestId('attention-matrix')).toHaveLength(3);
  },
};

/** Extreme values: a matrix scaled by 1e30 and one by 1e-30 give the same shares as the original. */
export const ExtremeValues: Story = {
  args: {
    panels: [
      {
        ...panels[3],
        title: 'RetNet × 1e30',
        weights: Float64Array.from(panels[3].weights, (w) => w * 1e30),
      },
      {
        ...panels[3],
        title: 'RetNet × 1e-30',
        weights: Float64Array.from(panels[3].weights, (w) => w * 1e-30),
      },
    ],
  },
  play: async ({ canvasElement }) => {
    const [big, tiny] = within(canvasElement).getAllByTestId('attention-matrix');
    const weight = (m: HTMLElement) =>
      m.querySelector('[data-row="9"][data-col="4"]')?.getAttribute('data-weight');
    await expect(weight(big)).toBe(weight(tiny));
  },
};

/** T = 1024: every panel on the canvas path. */
export const T1024: Story = {
  args: { panels: longPanels, tokens: longTokens, size: 360 },
  play: async ({ canvasElement }) => {
    for (const m of within(canvasElement).getAllByTestId('attention-matrix'))
      await expect(m).toHaveAttribute('data-render-mode', 'canvas');
  },
};

/** Controlled: the page owns the locked row. */
export const ControlledLockedRow: Story = { args: { lockedRow: 9 } };

// data: four TRAINED tiny models shipped in public/models (MQAR, V 32, L 16, K 2), run by the engine's forward pass
// with traces on one held-out MQAR example; the panels are the last layer's first head.
const TRAINED = [
  { id: 'attention-mqar-l16-k2-d32-s1', title: 'Softmax attention', field: 'weights' },
  { id: 'based-mqar-l16-k2-d32-s1', title: 'Based (Taylor linear attention)', field: 'implicitAttention' },
  { id: 'mamba2-mqar-l16-k2-d32-s1', title: 'Mamba-2 (SSD)', field: 'implicitAttention' },
  { id: 'gla-mqar-l16-k2-d32-s1', title: 'GLA', field: 'implicitAttention' },
] as const;
async function trainedPanels() {
  const [example] = generateMqar({ vocabSize: 32, seqLen: 16, numKvPairs: 2, numExamples: 1, seed: 2024 });
  const T = example.inputs.length;
  const tokenLabels = Array.from(example.inputs, (t) => (t === 0 ? '·' : t < 16 ? `k${t}` : `v${t}`));
  const panelsOut: ImplicitAttentionPanel[] = [];
  for (const m of TRAINED) {
    const get = async (file: string) => {
      const response = await fetch(`models/${m.id}/${file}`);
      if (!response.ok) throw new Error(`models/${m.id}/${file}: HTTP ${response.status}`);
      return response;
    };
    const config = (await (await get('config.json')).json()) as ModelConfig;
    const model = createModel(
      config,
      loadModelWeights(config, await (await get('model.safetensors')).arrayBuffer()),
    );
    const trace = forward(model, example.inputs, { trace: true }).trace;
    const last = trace?.layers[trace.layers.length - 1].mixer as unknown as Record<string, Float32Array>;
    panelsOut.push({ title: `${m.title} — trained`, weights: last[m.field].subarray(0, T * T) });
  }
  return { panels: panelsOut, tokens: tokenLabels };
}

/**
 * Trained models (public/models, MQAR with 2 key–value pairs): softmax attention, Based, Mamba-2 and GLA on one
 * held-out example, each the last layer's first head. Keys are k·, values v·, filler ·.
 */
export const TrainedModels: Story = {
  loaders: [async () => ({ trained: await trainedPanels() })],
  render: (args, { loaded }) => (
    <ImplicitAttention {...args} {...loaded.trained} label="trained models, one MQAR example" />
  ),
  play: async ({ canvasElement }) => {
    const matrices = within(canvasElement).getAllByTestId('attention-matrix');
    await expect(matrices).toHaveLength(4);
    for (const m of matrices) await expect(m).toHaveAttribute('data-render-mode', 'svg');
  },
};
