import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fireEvent, fn, userEvent, waitFor, within } from 'storybook/test';
import { defaultMaskEntries, MaskGallery } from '../components';
import { buildMask } from '../simulations/attention/masks/buildMask';
import { maskStats } from '../simulations/attention/masks/maskStats';
import { createRng } from '../simulations/random/rng';
import { darkTheme } from './darkTheme';

// data: seeded shared query/key vectors for the data-dependent masks (LSH, k-means); a few directions with noise,
// so similar tokens share buckets and clusters, as trained shared-QK vectors do.
function sharedQK(T: number, dim: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const centres = Array.from({ length: 4 }, () => Array.from({ length: dim }, () => rng.nextNormal()));
  return Float32Array.from({ length: T * dim }, (_, i) => {
    const t = Math.floor(i / dim);
    return centres[(t * 7 + (t >> 2)) % 4][i % dim] + 0.35 * rng.nextNormal();
  });
}
const T = 32;
const DIM = 8;
const qk = sharedQK(T, DIM, 1);
const entries = defaultMaskEntries(T, true);
const window4 = entries[1];
// The story's own check: the density shown must be the engine's.
const windowDensity = maskStats(buildMask(window4.spec, T), 16).densityVsCausal;

const meta = {
  title: 'Visualisations/MaskGallery',
  component: MaskGallery,
  tags: ['autodocs'],
  args: {
    entries,
    seqLen: T,
    label: 'Sparse attention masks',
    headDim: 16,
    layers: 4,
    sharedQK: qk,
    qkDim: DIM,
    stepMs: 500,
    thumbSize: 96,
    detailSize: 320,
    onSelectedChange: fn(),
  },
  argTypes: {
    entries: { control: false, description: 'Named engine `MaskSpec`s (see `defaultMaskEntries`).' },
    seqLen: { control: { type: 'number', min: 0, max: 1024 } },
    label: { control: 'text' },
    headDim: { control: { type: 'number', min: 1, max: 256 } },
    layers: { control: { type: 'range', min: 1, max: 8 } },
    sharedQK: { control: false },
    qkDim: { control: false },
    selected: { control: 'select', options: [undefined, ...entries.map((e) => e.name)] },
    query: { control: { type: 'number', min: 0 } },
    stepMs: { control: { type: 'range', min: 100, max: 2000, step: 100 } },
    reducedMotion: { control: 'select', options: [undefined, true, false] },
    thumbSize: { control: { type: 'range', min: 48, max: 200, step: 8 } },
    detailSize: { control: { type: 'range', min: 160, max: 640, step: 20 } },
  },
  parameters: {
    docs: {
      description: {
        component:
          'Every attention mask of the engine (`simulations/attention/masks`) for one sequence length: density and ' +
          'FLOPs against full causal attention per card; the selected mask large with a hover readout, its ' +
          'receptive field growing layer by layer (Play; all layers at once under reduced motion) and, for LSH, the ' +
          'buckets before and after sorting. Arrow keys move between cards. "Show the masks as a table" is the text ' +
          'alternative.',
      },
    },
  },
} satisfies Meta<typeof MaskGallery>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Every kind at T = 32, full causal selected. */
export const AllMasks: Story = {};

/** Select a card: the detail shows the engine's density and FLOPs for it. */
export const SelectSlidingWindow: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(
      canvas.getByRole('radio', { name: new RegExp(window4.name.replace(/[()]/g, '\\$&')) }),
    );
    await expect(args.onSelectedChange).toHaveBeenLastCalledWith(window4.name);
    await expect(canvas.getByTestId('mask-density')).toHaveTextContent(
      `${(100 * windowDensity).toFixed(windowDensity < 0.1 ? 1 : 0)}% of causal`,
    );
  },
};

/** Keyboard: arrow keys move the selection between cards (one tab stop for the group). */
export const KeyboardCards: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const root = canvas.getByTestId('mask-gallery');
    await userEvent.tab();
    await expect(canvas.getByRole('radio', { name: /Full causal/ })).toHaveFocus();
    await userEvent.keyboard('{ArrowRight}{ArrowRight}');
    await expect(root).toHaveAttribute('data-selected', entries[2].name);
    await expect(canvas.getByRole('radio', { name: new RegExp(entries[2].name.slice(0, 14)) })).toHaveFocus();
    await userEvent.keyboard('{End}');
    await expect(root).toHaveAttribute('data-selected', entries[entries.length - 1].name);
    await userEvent.keyboard('{ArrowRight}');
    await expect(root).toHaveAttribute('data-selected', entries[0].name); // wraps
  },
};

/** Play grows the receptive field one layer at a time. */
export const ReceptiveFieldAnimation: Story = {
  args: { reducedMotion: false, stepMs: 100, selected: window4.name },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const root = canvas.getByTestId('mask-gallery');
    await expect(root).toHaveAttribute('data-layer', '4');
    await userEvent.click(canvas.getByRole('button', { name: /Play/ }));
    await expect(root).toHaveAttribute('data-layer', '0');
    await waitFor(() => expect(root).toHaveAttribute('data-layer', '4'), { timeout: 3000 });
    // Window 4: each layer reaches 4 more tokens back, so 4 layers reach 17 positions of the last query.
    await expect(canvas.getByTestId('reach-status')).toHaveTextContent('After 4 layers, 17 of 32 positions');
    await userEvent.click(canvas.getByRole('button', { name: /◀ Layer/ }));
    await expect(canvas.getByTestId('reach-status')).toHaveTextContent('After 3 layers, 13 of 32 positions');
  },
};

/** Reduced motion: every layer shows at once, no Play button. */
export const ReducedMotion: Story = {
  args: { reducedMotion: true },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.queryByRole('button', { name: /Play/ })).toBeNull();
    await expect(canvas.getByTestId('reach-status')).toHaveTextContent('Reduced motion: every layer shown.');
  },
};

/** Hover the large mask to read a pair. */
export const HoverAPair: Story = {
  args: { selected: window4.name },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const big = canvas.getByTestId('mask-detail').querySelector('canvas') as HTMLCanvasElement;
    const box = big.getBoundingClientRect();
    const at = (row: number, col: number) => ({
      clientX: box.left + ((col + 0.5) / T) * box.width,
      clientY: box.top + ((row + 0.5) / T) * box.height,
    });
    await fireEvent.pointerMove(big, at(20, 18));
    await expect(canvas.getByText('Query 20 → key 18: computed.')).toBeInTheDocument();
    await fireEvent.pointerMove(big, at(20, 3));
    await expect(canvas.getByText('Query 20 → key 3: skipped by this mask.')).toBeInTheDocument();
    await fireEvent.pointerMove(big, at(3, 20));
    await expect(canvas.getByText(/Query 3 → key 20: future/)).toBeInTheDocument();
  },
};

/** LSH: the buckets of each position before and after sorting by (bucket, position), with chunk boundaries. */
export const LshBuckets: Story = {
  args: { selected: entries.find((e) => e.spec.kind === 'lsh')?.name },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('LSH buckets before and after sorting (hash round 1)')).toBeVisible();
    // The sorted strip lists the positions grouped by bucket: bucket numbers never decrease along it.
    const strips = canvasElement.querySelectorAll('.ba-mask-gallery__lsh g[transform]');
    const sorted = Array.from(strips[1].querySelectorAll('[data-bucket]'), (r) =>
      Number(r.getAttribute('data-bucket')),
    );
    await expect(sorted).toHaveLength(T);
    await expect(sorted).toEqual([...sorted].sort((a, b) => a - b));
  },
};

/** Without shared QK data, LSH and k-means are left out (they depend on the data). */
export const StaticMasksOnly: Story = {
  args: { entries: defaultMaskEntries(T, false), sharedQK: undefined, qkDim: undefined },
};

/** T = 1: every mask is the single diagonal pair. */
export const SingleToken: Story = {
  args: { entries: defaultMaskEntries(1, true), seqLen: 1, sharedQK: sharedQK(1, DIM, 2) },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByTestId('mask-density')).toHaveTextContent('100% of causal');
  },
};

/** No tokens: a clear message. */
export const Empty: Story = {
  args: { seqLen: 0, entries: [], sharedQK: undefined, qkDim: undefined },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent(
      'the sequence length must be ≥ 1, got 0',
    );
  },
};

/** NaN in the shared QK data: the data-dependent cards say why; the static masks still draw. */
export const NonFiniteData: Story = {
  args: {
    sharedQK: Float32Array.from(qk, (x, i) =>
      i === 5 ? Number.NaN : i === 9 ? Number.POSITIVE_INFINITY : x,
    ),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getAllByText(/not finite numbers/)).toHaveLength(2 + 2); // two cards + their two table rows
  },
};

/** Extreme parameters: a window of 0 (only the diagonal) and a window longer than the sequence (= full). */
export const ExtremeParameters: Story = {
  args: {
    entries: [
      { name: 'Window 0', spec: { kind: 'slidingWindow', window: 0 } },
      { name: 'Window 10 000', spec: { kind: 'slidingWindow', window: 10_000 } },
      { name: 'Invalid: dilation 0', spec: { kind: 'dilatedWindow', window: 2, dilation: 0 } },
    ],
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByTestId('mask-flops')).toHaveTextContent(
      `${(1 / ((T + 1) / 2)).toFixed(3)}× full causal`,
    );
    await userEvent.click(canvas.getByRole('radio', { name: /Window 10 000/ }));
    await expect(canvas.getByTestId('mask-flops')).toHaveTextContent('1.000× full causal');
    await userEvent.click(canvas.getByRole('radio', { name: /Invalid/ }));
    await expect(canvas.getByRole('alert')).toHaveTextContent('dilation must be a positive integer, got 0');
  },
};

/** T = 1024: every mask (including LSH and k-means over 1 024 vectors) as bitmaps. */
export const T1024: Story = {
  args: {
    entries: defaultMaskEntries(1024, true),
    seqLen: 1024,
    sharedQK: sharedQK(1024, DIM, 3),
    layers: 3,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByTestId('mask-detail').querySelector('canvas')).toHaveAttribute('width', '1024');
    await expect(canvas.getAllByRole('radio')).toHaveLength(10);
  },
};

/** The dark theme: the same component under dark values of the theme variables. */
export const DarkTheme: Story = { decorators: [darkTheme] };

/** The text alternative: density, FLOPs and mean receptive field per layer for every mask. */
export const TableAlternative: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByText('Show the masks as a table'));
    const table = canvas.getByRole('table', { name: /every mask at T = 32/ });
    await expect(within(table).getAllByRole('row')).toHaveLength(1 + entries.length);
    await expect(within(table).getByRole('rowheader', { name: 'Full causal' })).toBeVisible();
  },
};
