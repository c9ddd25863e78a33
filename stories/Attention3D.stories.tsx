import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fireEvent, fn, userEvent, waitFor, within } from 'storybook/test';
import { Attention3D } from '../components/Attention3D/Attention3D';
import { causalSoftmaxAttention } from '../simulations/attention/causalSoftmaxAttention';
import { buildHandBuiltHeads } from '../simulations/attention/handBuiltHeads';
import { createRng } from '../simulations/random/rng';
import { withoutWebGl2 } from './withoutWebGl2';

// data: a 3-layer × 4-head stack computed by the engine at story time — the hand-built induction and
// copy-match heads among seeded random heads of different sharpness (the spread of q and k)
const tokens = 'ant 3 bee 5 cow 8 bee ant cow 1 ant 3'.split(' ');

function randomHead(seqLen: number, seed: number, spread: number): Float32Array {
  const rng = createRng(seed);
  const fill = () => Float32Array.from({ length: seqLen * 8 }, () => spread * rng.nextNormal());
  return causalSoftmaxAttention({ q: fill(), k: fill(), v: fill(), heads: 1, seqLen, headDim: 8 }).weights;
}

function stack(planes: Float32Array[]): Float32Array {
  const out = new Float32Array(planes.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of planes) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

const T = tokens.length;
const handBuilt = causalSoftmaxAttention(buildHandBuiltHeads(tokens)).weights;
const induction = handBuilt.subarray(0, T * T);
const copyMatch = handBuilt.subarray(T * T, 2 * T * T);
const modelStack = stack([
  randomHead(T, 1, 0.5),
  randomHead(T, 2, 1),
  copyMatch,
  randomHead(T, 3, 2),
  randomHead(T, 4, 1.5),
  induction,
  randomHead(T, 5, 0.8),
  randomHead(T, 6, 3),
  randomHead(T, 7, 1),
  randomHead(T, 8, 2.5),
  induction,
  randomHead(T, 9, 0.3),
]);
const positions = (n: number) => Array.from({ length: n }, (_, i) => `t${i}`);

const meta = {
  title: 'Visualisations/Attention3D',
  component: Attention3D,
  tags: ['autodocs'],
  args: {
    weights: modelStack,
    layers: 3,
    heads: 4,
    tokens,
    label: 'Attention, 3 layers × 4 heads',
    causal: true,
    colorScale: 'linear',
    opacity: 0.5,
    layerGap: 0.9,
    autoRotate: false,
    forceFallback: false,
    width: 640,
    height: 420,
    onSelectedChange: fn(),
  },
  argTypes: {
    weights: { control: false, description: 'Weights `[layers, heads, T, T]`, row-major.' },
    layers: { control: { type: 'number', min: 1, max: 8 } },
    heads: { control: { type: 'number', min: 1, max: 8 } },
    tokens: { control: 'object' },
    label: { control: 'text' },
    causal: { control: 'boolean' },
    colorScale: { control: 'inline-radio', options: ['linear', 'log'] },
    opacity: { control: { type: 'range', min: 0.1, max: 1, step: 0.05 } },
    layerGap: { control: { type: 'range', min: 0.2, max: 3, step: 0.1 } },
    selectedLayer: { control: { type: 'number', min: 0 } },
    selectedHead: { control: { type: 'number', min: 0 } },
    autoRotate: { control: 'boolean' },
    forceFallback: { control: 'boolean' },
    width: { control: { type: 'range', min: 240, max: 1200, step: 20 } },
    height: { control: { type: 'range', min: 200, max: 900, step: 20 } },
  },
  parameters: {
    docs: {
      description: {
        component:
          'Every layer and head at once: one semi-transparent T × T plane per (layer, head), heads side by side ' +
          'and layers stacked front to back, coloured with the AttentionMatrix scale (viridis). Arrow keys ' +
          'rotate, + and − zoom, 0 resets; drag and scroll with a pointer. Click a plane or use the sliders to ' +
          'select it. Without WebGL 2 the selected head is drawn as a 2D AttentionMatrix. No auto-rotation ' +
          'under prefers-reduced-motion. The tables are the text alternative.',
      },
    },
  },
} satisfies Meta<typeof Attention3D>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The stack: layer 2 head 2 and layer 3 head 3 are the induction head, layer 1 head 3 the copy-match head. */
export const LayersAndHeads: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const root = canvas.getByTestId('attention-3d');
    await waitFor(() => expect(root).toHaveAttribute('data-mode', '3d'));
    await expect(canvasElement.querySelector('canvas')).not.toBeNull();
    await expect(
      canvas.getByRole('application', { name: /3 layers × 4 heads of attention over 12 tokens/ }),
    ).toBeVisible();
  },
};

/** The keyboard path: focus the view, arrows rotate, + and − zoom, 0 resets. */
export const KeyboardOrbit: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const root = canvas.getByTestId('attention-3d');
    await waitFor(() => expect(root).toHaveAttribute('data-mode', '3d'));
    const view = canvas.getByRole('application');
    view.focus();
    await expect(view).toHaveFocus();
    await expect(view).toHaveAccessibleDescription(/Arrow keys rotate the view/);
    const distance = Number(root.getAttribute('data-distance'));
    await userEvent.keyboard('{ArrowRight}{ArrowRight}{ArrowUp}');
    await expect(root).toHaveAttribute('data-azimuth', '-5');
    await expect(root).toHaveAttribute('data-elevation', '30');
    await userEvent.keyboard('++');
    await expect(Number(root.getAttribute('data-distance'))).toBeCloseTo(distance / 1.44, 1);
    await expect(canvas.getByText(/View: azimuth -5°, elevation 30°/)).toBeInTheDocument();
    await userEvent.keyboard('-0');
    await expect(root).toHaveAttribute('data-azimuth', '-35');
    await expect(Number(root.getAttribute('data-distance'))).toBeCloseTo(distance, 1);
  },
};

/** The sliders select a plane from the keyboard; the readout and the table follow it. */
export const SelectWithSliders: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const root = canvas.getByTestId('attention-3d');
    // the sliders are native range inputs: the browser turns arrow keys into these change events
    const layer = canvas.getByRole('slider', { name: /Layer/ });
    layer.focus();
    await expect(layer).toHaveFocus();
    fireEvent.change(layer, { target: { value: '2' } });
    await userEvent.tab();
    const head = canvas.getByRole('slider', { name: /Head/ });
    await expect(head).toHaveFocus();
    fireEvent.change(head, { target: { value: '2' } });
    await expect(canvas.getByRole('slider', { name: 'Layer 2 of 3' })).toHaveValue('2');
    await expect(root).toHaveAttribute('data-selected', '1,1');
    await expect(args.onSelectedChange).toHaveBeenLastCalledWith(1, 1);
    // layer 2, head 2 is the induction head: sharply peaked rows
    await expect(canvas.getByText(/Selected layer 2, head 2: mean peak weight 0\.[6-9]/)).toBeInTheDocument();
    await userEvent.click(canvas.getByText('Show weights as a table'));
    await expect(canvas.getByRole('table', { name: /layer 2, head 2: row = query/ })).toBeVisible();
  },
};

/** The 2D fallback, as without WebGL 2: the selected head as an AttentionMatrix; the sliders still choose it. */
export const Fallback2D: Story = {
  args: { forceFallback: true },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const root = canvas.getByTestId('attention-3d');
    await expect(root).toHaveAttribute('data-mode', '2d');
    await expect(canvasElement.querySelector('canvas')).toBeNull();
    await expect(canvas.getByRole('status')).toHaveTextContent(
      'The 2D view was requested: showing layer 1, head 1',
    );
    fireEvent.change(canvas.getByRole('slider', { name: /Head/ }), { target: { value: '3' } });
    await expect(canvas.getByRole('application', { name: /layer 1, head 3/ })).toBeVisible();
  },
};

/** Auto-rotation spins the view until the first interaction (never under prefers-reduced-motion). */
export const AutoRotate: Story = {
  args: { autoRotate: true },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const root = canvas.getByTestId('attention-3d');
    await waitFor(() => expect(root).toHaveAttribute('data-mode', '3d'));
    const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    await expect(root).toHaveAttribute('data-spinning', String(!reduced));
    await new Promise((resolve) => setTimeout(resolve, 700)); // let it turn for a while
    canvas.getByRole('application').focus();
    await userEvent.keyboard('{ArrowLeft}');
    await expect(root).toHaveAttribute('data-spinning', 'false');
    // the key turned the view 15° left of where the spin had taken it, which is right of −35°: the spin's
    // angle is folded into the orbit state, so the view does not jump back
    if (!reduced) await waitFor(() => expect(Number(root.getAttribute('data-azimuth'))).toBeGreaterThan(-50));
  },
};

/** T = 1: every plane is a single cell of weight 1. */
export const SingleToken: Story = {
  args: { weights: new Float32Array(12).fill(1), tokens: ['ant'], label: 'One token' },
  play: async ({ canvasElement }) => {
    await expect(
      within(canvasElement).getByText(/mean peak weight 1\.00, mean entropy 0\.00 bits/),
    ).toBeInTheDocument();
  },
};

/** No tokens: a clear message instead of an empty canvas. */
export const Empty: Story = {
  args: { weights: new Float32Array(0), tokens: [], label: 'Empty' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent(
      'Cannot draw “Empty”: there are no tokens.',
    );
  },
};

/** Wrong-sized weights are refused with the expected size. */
export const MismatchedShape: Story = {
  args: { weights: new Float32Array(100), label: 'Broken' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent('need 1728 weights, got 100');
  },
};

const withNonFinite = Float32Array.from(modelStack);
withNonFinite[T * T + 5 * T + 2] = Number.NaN;
withNonFinite[5 * T * T + 9 * T + 4] = Number.POSITIVE_INFINITY;

/** NaN and ∞ weights: grey cells, a notice, and "NaN/∞" instead of statistics — no crash. */
export const NonFiniteWeights: Story = {
  args: { weights: withNonFinite, label: 'Attention with NaN and ∞' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText(/2 weights are NaN or ±Infinity: drawn as grey cells/)).toBeInTheDocument();
    await userEvent.click(canvas.getByText('Show every layer and head as a table'));
    await expect(canvas.getAllByRole('cell', { name: 'NaN/∞' })).toHaveLength(2);
  },
};

/** Extreme values on a log scale: one-hot rows next to weights of 1e-30, T = 256, 2 × 2 planes. */
export const ExtremeValuesLong: Story = {
  args: {
    weights: stack([
      randomHead(256, 11, 8),
      randomHead(256, 12, 0.05),
      Float32Array.from({ length: 256 * 256 }, (_, i) => (i % 257 === 0 ? 1 : 0)),
      Float32Array.from({ length: 256 * 256 }, (_, i) => (i % 256 <= Math.floor(i / 256) ? 1e-30 : 0)),
    ]),
    layers: 2,
    heads: 2,
    tokens: positions(256),
    colorScale: 'log',
    label: 'Extreme attention, T = 256',
  },
  play: async ({ canvasElement }) => {
    const root = within(canvasElement).getByTestId('attention-3d');
    await waitFor(() => expect(root).toHaveAttribute('data-mode', '3d'));
  },
};

// data: T = 1024, 2 layers × 2 heads, made at story time (a loader, so the other stories do not wait for it):
// three seeded random heads of different sharpness and a previous-token head (one-hot at key t − 1).
function longStack(): Float32Array {
  const T = 1024;
  const previous = new Float32Array(T * T);
  for (let t = 0; t < T; t++) previous[t * T + Math.max(0, t - 1)] = 1;
  return stack([randomHead(T, 21, 0.5), previous, randomHead(T, 22, 2), randomHead(T, 23, 4)]);
}

/**
 * T = 1024: each plane is max-pooled to 256 × 256 texels (a texel shows the largest weight of its 4 × 4 block,
 * so the previous-token head's one-hot diagonal stays visible); the view stays responsive and the text
 * alternative lists each query's top keys.
 */
export const T1024: Story = {
  args: {
    layers: 2,
    heads: 2,
    tokens: positions(1024),
    label: 'Attention, T = 1024',
    weights: new Float32Array(0),
  },
  loaders: [async () => ({ weights: longStack() })],
  render: (args, { loaded }) => <Attention3D {...args} weights={loaded.weights as Float32Array} />,
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const root = canvas.getByTestId('attention-3d');
    await waitFor(() => expect(root).toHaveAttribute('data-mode', '3d'), { timeout: 10_000 });
    await expect(canvasElement.querySelector('canvas')).not.toBeNull();
    await expect(
      canvas.getByText(
        /each plane is drawn at 256 × 256: a texel shows the largest weight of its 4 × 4 block/,
      ),
    ).toBeInTheDocument();
    const view = canvas.getByRole('application', {
      name: /2 layers × 2 heads of attention over 1024 tokens/,
    });
    view.focus();
    await userEvent.keyboard('{ArrowLeft}{ArrowLeft}');
    await expect(root).not.toHaveAttribute('data-azimuth', '-35');
    await userEvent.click(canvas.getByText('Show every layer and head as a table'));
    await expect(canvas.getByRole('table', { name: /mean peak weight/ })).toBeVisible();
    fireEvent.change(canvas.getByLabelText('Head 1 of 2'), { target: { value: '2' } });
    await expect(args.onSelectedChange).toHaveBeenLastCalledWith(0, 1);
    await expect(canvas.getByText(/Selected layer 1, head 2: mean peak weight 1\.00/)).toBeInTheDocument();
  },
};

/** A browser without WebGL 2: the probe fails and the view falls back to the 2D matrix by itself. */
export const WithoutWebGl: Story = {
  // Not on the docs page: its beforeEach patches a browser global, and the docs page renders every story at
  // once, so the patch would reach the other stories there too (they all fell back to 2D).
  tags: ['!autodocs'],
  beforeEach: withoutWebGl2,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByTestId('attention-3d')).toHaveAttribute('data-mode', '2d'));
    await expect(canvas.getByRole('status')).toHaveTextContent(
      'WebGL 2 is not available in this browser: showing layer 1, head 1 as a 2D matrix',
    );
    await expect(canvas.getByTestId('attention-matrix')).toBeVisible();
  },
};

/** Pretends the system asks for reduced motion (matchMedia answers so) for one story. */
function withReducedMotion() {
  const original = window.matchMedia;
  window.matchMedia = (query: string) => {
    if (!query.includes('prefers-reduced-motion')) return original.call(window, query);
    const reduced = new EventTarget() as MediaQueryList;
    return Object.assign(reduced, {
      matches: true,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
    });
  };
  return () => {
    window.matchMedia = original;
  };
}

/** autoRotate under prefers-reduced-motion: no spin, and the readout says why. */
export const AutoRotateReducedMotion: Story = {
  // Not on the docs page: its beforeEach patches a browser global, and the docs page renders every story at
  // once, so the patch would reach the other stories there too (they all fell back to 2D).
  tags: ['!autodocs'],
  args: { autoRotate: true },
  beforeEach: withReducedMotion,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const root = canvas.getByTestId('attention-3d');
    await waitFor(() => expect(root).toHaveAttribute('data-mode', '3d'));
    await expect(root).toHaveAttribute('data-spinning', 'false');
    await expect(root).toHaveAttribute('data-azimuth', '-35');
    await expect(
      canvas.getByText(/Auto-rotation is off: your system asks for reduced motion/),
    ).toBeInTheDocument();
  },
};
