import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { FlashAttentionTiling } from '../components/FlashAttentionTiling/FlashAttentionTiling';
import {
  flashAttentionIoClosedForm,
  flashTiling,
  standardAttentionIo,
} from '../simulations/attention/flashAttentionIo';

const meta = {
  title: 'Section III/FlashAttentionTiling',
  component: FlashAttentionTiling,
  tags: ['autodocs'],
  args: {
    seqLen: 16,
    headDim: 4,
    sramFloats: 64,
    causal: true,
    label: 'FlashAttention tiling',
    onStepChange: fn(),
  },
  argTypes: {
    seqLen: { control: { type: 'number', min: 1, max: 4096 } },
    headDim: { control: { type: 'number', min: 1, max: 256 } },
    sramFloats: { control: { type: 'number', min: 1, max: 1_000_000 } },
    causal: { control: 'boolean' },
    step: { control: { type: 'number', min: 0 } },
    label: { control: 'text' },
  },
  parameters: {
    docs: {
      description: {
        component:
          'FlashAttention (Dao et al. 2022, Algorithm 1) step by step: the outer loop loads a K/V block into ' +
          'SRAM, the inner loop streams every Q/O block through it and updates O by online softmax, so S and P ' +
          'never go to HBM. The counters are HBM floats read and written, against standard attention (4N² + 4Nd). ' +
          'With the causal mask, tiles above the diagonal are skipped. All numbers come from ' +
          '`simulations/attention/flashAttentionIo.ts`, whose tiled forward equals causal attention (tested).',
      },
    },
  },
} satisfies Meta<typeof FlashAttentionTiling>;
export default meta;
type Story = StoryObj<typeof meta>;

/** N = 16, d = 4, M = 64 floats: 4 × 4 tiles of 4 queries × 4 keys. */
export const SmallCausal: Story = {};

/** Keyboard: Tab to "Next", Enter steps; the counters follow the paper's per-step IO. */
export const KeyboardStepping: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const root = canvas.getByTestId('flash-attention-tiling');
    await expect(
      canvas.getByText(/Initialised: O = 0, ℓ = 0, m = −∞ written to HBM \(N·d \+ 2N = 96 floats\)/),
    ).toBeInTheDocument();
    await userEvent.tab();
    await expect(canvas.getByRole('button', { name: 'Next ›' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await expect(root).toHaveAttribute('data-reads', '32'); // K₀, V₀: 2 · 4 · 4
    await expect(args.onStepChange).toHaveBeenLastCalledWith(1);
    await userEvent.keyboard('{Enter}');
    await expect(root).toHaveAttribute('data-reads', '72'); // + Q₀, O₀ (2 · 4 · 4) + ℓ₀, m₀ (2 · 4)
    await expect(root).toHaveAttribute('data-writes', String(96 + 24)); // + O₀ (16) + ℓ₀, m₀ (8)
    await expect(
      canvas.getByText(/Step 2 of \d+: tile \(Q₀: queries 0–3\) × \(K₀: keys 0–3\)/),
    ).toBeInTheDocument();
    await expect(canvasElement.querySelector('[data-tile="0,0"]')).toHaveAttribute('data-status', 'current');
    await userEvent.keyboard('{Enter}{Enter}{Enter}{Enter}{Enter}'); // Q₁…Q₃ × K₀, load K₁, then tile (0, 1): masked
    await expect(canvasElement.querySelector('[data-tile="0,1"]')).toHaveAttribute('data-status', 'current');
    await expect(canvas.getByText(/tile \(Q₀, K₁\) is entirely above the diagonal/)).toBeInTheDocument();
  },
};

/** The last step: the totals, against standard attention's 4N² + 4Nd. */
export const Finished: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Last »' }));
    const root = canvas.getByTestId('flash-attention-tiling');
    const reads = Number(root.getAttribute('data-reads'));
    const writes = Number(root.getAttribute('data-writes'));
    const dense = flashAttentionIoClosedForm(flashTiling(16, 4, 64));
    await expect(reads).toBeLessThan(dense.reads); // causal skipping saves traffic
    await expect(writes).toBeLessThan(dense.writes);
    const std = standardAttentionIo(16, 4);
    await expect(canvas.getByTestId('io-ratio')).toHaveTextContent(
      `${((std.reads + std.writes) / (reads + writes)).toFixed(2)}×`,
    );
    // the 4·5/2 = 10 tiles on or below the diagonal: nine done, the last one is the current step
    await expect(canvasElement.querySelectorAll('[data-status="done"]')).toHaveLength(9);
    await expect(canvasElement.querySelector('[data-status="current"]')).toHaveAttribute('data-tile', '3,3');
    await expect(canvasElement.querySelectorAll('[data-status="skipped"]')).toHaveLength(6);
  },
};

/** Without the mask every tile is computed: the closed form of the paper's IO analysis. */
export const NonCausal: Story = {
  args: { causal: false, step: 20 },
  play: async ({ canvasElement }) => {
    const root = within(canvasElement).getByTestId('flash-attention-tiling');
    const dense = flashAttentionIoClosedForm(flashTiling(16, 4, 64));
    await expect(root).toHaveAttribute('data-reads', String(dense.reads));
    await expect(root).toHaveAttribute('data-writes', String(dense.writes));
  },
};

/** A realistic head: N = 4096, d = 64, M = 100k floats (≈ 400 kB of SRAM): 7.08× less HBM traffic without the mask. */
export const RealisticSizes: Story = {
  args: { seqLen: 4096, headDim: 64, sramFloats: 100_000, causal: false },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByTestId('io-ratio')).toHaveTextContent('7.08×');
  },
};

/** T = 1: one tile, one K/V load. */
export const SingleToken: Story = {
  args: { seqLen: 1 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('slider')).toHaveAttribute('max', '2');
    await expect(canvasElement.querySelectorAll('[data-tile]')).toHaveLength(1);
  },
};

/** N = 0: a clear message. */
export const Empty: Story = {
  args: { seqLen: 0 },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent(
      'seqLen must be a positive integer, got 0',
    );
  },
};

/** NaN for a size: refused with a message, no crash. */
export const NotANumber: Story = {
  args: { sramFloats: Number.NaN },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent(
      'sramFloats must be a positive integer, got NaN',
    );
  },
};

/** A tiny SRAM over a long sequence: 256 × 1024 tiles would be unreadable, so the figure says so. */
export const TooManyTiles: Story = {
  args: { seqLen: 1024, headDim: 4, sramFloats: 1 },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent(/too many to draw/);
  },
};
