import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fireEvent, fn, userEvent, within } from 'storybook/test';
import { HiddenStateEvolution, type StateProbe, type StateShape } from '../components';
import { featureRows } from '../simulations/linearAttention/featureMaps';
import { linearAttentionRecurrent } from '../simulations/linearAttention/linearAttention';
import type { ModelConfig } from '../simulations/model/config';
import { createModel, forward } from '../simulations/model/forward';
import { linear } from '../simulations/ops/linear';
import { layerNorm } from '../simulations/ops/norms';
import { createRng } from '../simulations/random/rng';
import { selectiveScan } from '../simulations/ssm/selectiveScan';
import { generateMqar } from '../simulations/tasks/mqar';
import { loadModelWeights } from '../simulations/weights/modelWeights';
import { darkTheme } from './darkTheme';

// data: an associative-recall sequence "k₁ v₁ k₂ v₂ …" written into a linear-attention state by the engine
// (linearAttentionRecurrent, identity feature map): at each value token the key of the previous token is written
// with the value, S_t = S_{t−1} + k_{t−1} v_tᵀ (the shift a short convolution gives Based); key tokens write nothing.
const WORDS = [
  'ant',
  'bee',
  'cow',
  'dog',
  'eel',
  'fox',
  'gnu',
  'hen',
  'ibis',
  'jay',
  'kiwi',
  'lark',
  'mole',
  'newt',
];
function recallStates(pairs: number, keyDim: number, valueDim: number, seed: number, repeat = 1) {
  const rng = createRng(seed);
  const unit = (n: number) => {
    const v = Array.from({ length: n }, () => rng.nextNormal());
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  };
  const keyOf = WORDS.slice(0, pairs).map(() => unit(keyDim));
  const valueVec = Array.from({ length: pairs }, () => unit(valueDim));
  const tokens: string[] = [];
  const k: number[] = [];
  const v: number[] = [];
  const probes: StateProbe[] = [];
  for (let r = 0; r < repeat; r++) {
    for (let p = 0; p < pairs; p++) {
      tokens.push(WORDS[p % WORDS.length], String(p % 10));
      k.push(...new Array(keyDim).fill(0), ...keyOf[p]);
      v.push(...new Array(valueDim).fill(0), ...valueVec[p]);
      if (r === 0)
        probes.push({
          label: `${WORDS[p]} → ${p % 10}`,
          position: tokens.length - 1,
          key: keyOf[p],
          value: valueVec[p],
        });
    }
  }
  const T = tokens.length;
  const { trace } = linearAttentionRecurrent(
    {
      q: new Float32Array(k),
      k: new Float32Array(k),
      v: new Float32Array(v),
      heads: 1,
      seqLen: T,
      keyDim,
      valueDim,
      featureMap: 'identity',
    },
    { trace: true },
  );
  return {
    states: trace?.states as Float32Array,
    shape: [T, keyDim, valueDim] as StateShape,
    tokens,
    probes,
  };
}
const fewPairs = recallStates(4, 8, 6, 1);
const overloaded = recallStates(12, 4, 6, 2);
const long = recallStates(8, 8, 8, 3, 64); // T = 1024: the 8 pairs rewritten 64 times

// data: a seeded Mamba selective scan; its states h_t [T, channels, N] (selectiveScan.ts with trace)
function mambaStates(T: number, D: number, N: number, seed: number) {
  const rng = createRng(seed);
  const f = (n: number, g: () => number) => Float32Array.from({ length: n }, g);
  const { states } = selectiveScan(
    {
      x: f(T * D, () => rng.nextNormal()),
      delta: f(T * D, () => Math.log1p(Math.exp(rng.nextNormal() - 1))),
      A: f(D * N, () => -Math.exp(rng.nextNormal())),
      B: f(T * N, () => rng.nextNormal()),
      C: f(T * N, () => rng.nextNormal()),
      Dskip: f(D, () => 1),
      seqLen: T,
      channels: D,
      stateSize: N,
    },
    { trace: true },
  );
  return {
    states: states as Float32Array,
    shape: [T, D, N] as StateShape,
    tokens: Array.from({ length: T }, (_, t) => `x${t}`),
  };
}
const mamba = mambaStates(24, 8, 4, 5);

const withNonFinite = (() => {
  const states = Float32Array.from(fewPairs.states);
  states[3 * 48 + 5] = Number.NaN;
  states[6 * 48 + 7] = Number.POSITIVE_INFINITY;
  states[6 * 48 + 8] = Number.NEGATIVE_INFINITY;
  return states;
})();
const extreme = (() => {
  const states = fewPairs.states.map((x) => x * 1e6);
  states[5 * 48 + 2] = 3e12; // one outlier dwarfs everything on a linear scale
  return states;
})();

const meta = {
  title: 'Visualisations/HiddenStateEvolution',
  component: HiddenStateEvolution,
  tags: ['autodocs'],
  args: {
    ...fewPairs,
    label: 'Linear attention state',
    rowLabel: 'key dim',
    colLabel: 'value dim',
    colorScale: 'linear',
    timeWidth: 520,
    matrixSize: 240,
    svgMaxCells: 1024,
    onStepChange: fn(),
  },
  argTypes: {
    states: { control: false, description: 'State snapshots `[T, rows, cols]`, row-major.' },
    shape: { control: 'object' },
    tokens: { control: 'object' },
    probes: { control: false },
    label: { control: 'text' },
    rowLabel: { control: 'text' },
    colLabel: { control: 'text' },
    step: { control: { type: 'number', min: 0 } },
    defaultStep: { control: { type: 'number', min: 0 } },
    colorScale: { control: 'inline-radio', options: ['linear', 'symlog'] },
    timeWidth: { control: { type: 'range', min: 200, max: 1100, step: 20 } },
    matrixSize: { control: { type: 'range', min: 120, max: 480, step: 20 } },
    svgMaxCells: { control: { type: 'number', min: 1, max: 65536 } },
  },
  parameters: {
    docs: {
      description: {
        component:
          'A recurrent state over time. Left, aligned on one time axis: every state entry as a heatmap (rows = ' +
          'entries, columns = steps), the state norm, and — given stored key → value pairs — how well each is read ' +
          'back, cos(S_tᵀ k, v). Right: the state matrix at the scrubbed step. Data: an associative-recall ' +
          'sequence written into a linear-attention state by the engine. Scrub with the slider (←/→, Home/End) or ' +
          'click a time plot. "Show the state as tables" is the text alternative.',
      },
    },
  },
} satisfies Meta<typeof HiddenStateEvolution>;
export default meta;
type Story = StoryObj<typeof meta>;

const slider = (el: HTMLElement) => within(el).getByRole('slider', { name: 'Time step' });

/** Four pairs in an 8-dimensional key space: every pair is read back almost perfectly (fill 0.5). */
export const FourPairs: Story = {
  play: async ({ canvasElement }) => {
    await expect(
      within(canvasElement).getByText(/4 of 4 pairs written into 8 key dimensions \(fill 0\.50\)/),
    ).toBeInTheDocument();
  },
};

/** Twelve pairs in a 4-dimensional key space (fill 3): the keys cannot be orthogonal, recall collapses. */
export const Overloaded: Story = {
  args: { ...overloaded, label: 'Overloaded linear attention state' },
  play: async ({ canvasElement }) => {
    const text = within(canvasElement).getByText(
      /12 of 12 pairs written into 4 key dimensions \(fill 3\.00\)/,
    );
    const mean = Number(/mean recall cosine (-?[\d.]+)/.exec(text.textContent ?? '')?.[1]);
    await expect(mean).toBeLessThan(0.8);
  },
};

/** The scrubber: ←/→ and Home/End move the step; the matrix, readout and memory follow. */
export const Scrubbing: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const root = canvas.getByTestId('state-evolution');
    await expect(root).toHaveAttribute('data-step', '7');
    slider(canvasElement).focus();
    await userEvent.keyboard('{ArrowLeft}');
    await expect(root).toHaveAttribute('data-step', '6');
    await expect(args.onStepChange).toHaveBeenLastCalledWith(6);
    await userEvent.keyboard('{Home}');
    await expect(root).toHaveAttribute('data-step', '0');
    await expect(slider(canvasElement)).toHaveAttribute('aria-valuetext', 'step 0 of 7, token “ant”');
    await expect(
      canvas.getByText(/Memory at step 0: 0 of 4 pairs written.*nothing to recall yet/),
    ).toBeInTheDocument();
    await userEvent.keyboard('{ArrowRight}');
    await expect(canvas.getByText(/Memory at step 1: 1 of 4 pairs written/)).toBeInTheDocument();
    await expect(canvas.getByText(/Step 1 “0”: ‖S‖ = 1\b/)).toBeInTheDocument(); // one unit key ⊗ unit value
  },
};

/** Hover the state matrix to read an entry; hover and click the time heatmap to inspect and scrub. */
export const HoverAndClick: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const cell = canvasElement.querySelector('[data-row="2"][data-col="3"]');
    if (!cell) throw new Error('no matrix cell (2, 3)');
    await userEvent.hover(cell);
    await expect(canvas.getByText(/State at step 7, key dim 2, value dim 3: /)).toBeInTheDocument();
    const hit = canvasElement.querySelector('.ba-state-evolution__hit') as HTMLElement;
    const box = hit.getBoundingClientRect();
    const at = { clientX: box.left + box.width * (2.5 / 8), clientY: box.top + 1 };
    await fireEvent.pointerMove(hit, at);
    await expect(
      canvas.getByText(/Step 2 “bee”, entry \(0, 0\): .* Click to scrub here\./),
    ).toBeInTheDocument();
    await fireEvent.click(hit, at);
    await expect(canvas.getByTestId('state-evolution')).toHaveAttribute('data-step', '2');
    await expect(args.onStepChange).toHaveBeenLastCalledWith(2);
  },
};

/** Mamba's states h_t [channels × N] over 24 steps, without probes (no key/value reading for an SSM). */
export const MambaStates: Story = {
  args: { ...mamba, probes: undefined, label: 'Mamba states', rowLabel: 'channel', colLabel: 'state n' },
};

/** T = 1024: the 8 pairs rewritten 64 times; the time plots are bitmaps. Rewriting the same pair doubles, not mixes. */
export const T1024: Story = {
  args: { ...long, label: 'Linear attention state, T = 1024', timeWidth: 1024 },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByTestId('state-channels-canvas')).toHaveAttribute('width', '1024');
    await expect(within(canvasElement).getByText(/8 of 8 pairs written/)).toBeInTheDocument();
  },
};

/** T = 1: a single step; the scrubber is disabled. */
export const SingleStep: Story = {
  args: { states: fewPairs.states.slice(0, 48), shape: [1, 8, 6], tokens: ['ant'], probes: [] },
  play: async ({ canvasElement }) => {
    await expect(slider(canvasElement)).toBeDisabled();
    await expect(within(canvasElement).getByText(/Step 0 “ant”: ‖S‖ = 0/)).toBeInTheDocument();
  },
};

/** No steps: a clear message. */
export const Empty: Story = {
  args: { states: new Float32Array(0), shape: [0, 8, 6], tokens: [], probes: [] },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent(
      'Cannot draw “Linear attention state”: there are no steps.',
    );
  },
};

/** NaN and ±∞ in the states: drawn grey, counted, left out of the colour scale and the norms. */
export const NonFiniteValues: Story = {
  args: { states: withNonFinite, defaultStep: 6 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText(/3 of 384 state values are not finite numbers/)).toBeVisible();
    await expect(canvas.getByText(/Step 6 “dog”: ‖S‖ = NaN/)).toBeInTheDocument();
    await expect(canvasElement.querySelector('[data-row="1"][data-col="1"]')).toHaveAttribute(
      'fill',
      '#7a7a7a',
    );
  },
};

/** Extreme values (1e6 scale with one 3e12 outlier): the symmetric-log scale keeps the rest visible. */
export const ExtremeValuesSymlog: Story = {
  args: { states: extreme, colorScale: 'symlog', defaultStep: 5 },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText(/‖S‖ = 3\.0e\+12/)).toBeInTheDocument();
  },
};

/** A controlled step, as a page that links the scrubber to a sequence view would use it. */
export const ControlledStep: Story = { args: { step: 3 } };

/** The dark theme: the same component under dark values of the theme variables. */
export const DarkTheme: Story = { decorators: [darkTheme] };

/** Text alternatives: the state at the step, the norm per step and the recall per pair. */
export const TableAlternative: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByText('Show the state as tables'));
    const matrix = canvas.getByRole('table', { name: /the state at step 7/ });
    await expect(within(matrix).getAllByRole('row')).toHaveLength(1 + 8);
    const perStep = canvas.getByRole('table', { name: /norm per step/ });
    await expect(within(perStep).getAllByRole('columnheader')).toHaveLength(2 + 4);
  },
};

// data: the shipped TRAINED Based model (public/models, MQAR V 32, L 16, K 2; held-out accuracy 0.9975). Its layer-1
// linear attention (Taylor map, f = 16, one head) is replayed from the forward trace: x = LayerNorm(layer input),
// q, k, v = x·W_q, x·W_k, x·W_v, then linearAttentionRecurrent with trace gives S_t [T, 1 + f + f², d]. Each
// probe is the pair written at a value token (φ(k_t), v_t): does the state still return it later?
const BASED = 'based-mqar-l16-k2-d32-s1';
async function trainedBasedStates() {
  const get = async (file: string) => {
    const response = await fetch(`models/${BASED}/${file}`);
    if (!response.ok) throw new Error(`models/${BASED}/${file}: HTTP ${response.status}`);
    return response;
  };
  const config = (await (await get('config.json')).json()) as ModelConfig;
  const model = createModel(
    config,
    loadModelWeights(config, await (await get('model.safetensors')).arrayBuffer()),
  );
  const [example] = generateMqar({ vocabSize: 32, seqLen: 16, numKvPairs: 2, numExamples: 1, seed: 2024 });
  const T = example.inputs.length;
  const d = config.dModel;
  const f = 16;
  const layer = forward(model, example.inputs, { trace: true }).trace?.layers[1];
  if (!layer) throw new Error('no trace of layer 1');
  const param = (name: string) => model.params.get(`layers.1.${name}`) as Float32Array;
  const x = layerNorm(layer.input, T, d, param('norm1.weight'), param('norm1.bias'));
  const q = linear(x, T, d, param('mixer.W_q'), f);
  const k = linear(x, T, d, param('mixer.W_k'), f);
  const v = linear(x, T, d, param('mixer.W_v'), d);
  const { trace } = linearAttentionRecurrent(
    { q, k, v, heads: 1, seqLen: T, keyDim: f, valueDim: d, featureMap: 'taylor' },
    { trace: true },
  );
  const D = trace?.featureDim ?? 0;
  const phiK = featureRows('taylor', k, T, f);
  const tokens = Array.from(example.inputs, (t) => (t === 0 ? '·' : t < 16 ? `k${t}` : `v${t}`));
  const probes: StateProbe[] = [];
  for (let t = 1; t < T; t++)
    if (example.inputs[t] >= 16 && example.inputs[t - 1] > 0 && example.inputs[t - 1] < 16)
      probes.push({
        label: `${tokens[t - 1]} → ${tokens[t]}`,
        position: t,
        key: phiK.subarray(t * D, (t + 1) * D),
        value: v.subarray(t * d, (t + 1) * d),
      });
  return { states: trace?.states as Float32Array, shape: [T, D, d] as StateShape, tokens, probes };
}

/** The trained Based model's linear-attention state on one MQAR example (273 Taylor features × 32 value dims). */
export const TrainedBased: Story = {
  loaders: [async () => ({ based: await trainedBasedStates() })],
  render: (args, { loaded }) => (
    <HiddenStateEvolution
      {...args}
      {...loaded.based}
      label="Trained Based, layer 1 linear-attention state"
      rowLabel="Taylor feature φ(k)"
      colLabel="value dim"
      colorScale="symlog"
    />
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByTestId('state-matrix-canvas')).toHaveAttribute('width', '32');
    await expect(canvas.getByText(/2 of 2 pairs written into 273 key dimensions/)).toBeInTheDocument();
  },
};
