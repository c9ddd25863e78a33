import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { RingAttention } from '../components/RingAttention/RingAttention';
import type { AttentionInputs } from '../simulations/attention/causalSoftmaxAttention';
import { createRng } from '../simulations/random/rng';

// data: seeded random projections; the figure runs simulations/attention/ringAttention.ts and the reference
function randomInputs(
  heads: number,
  seqLen: number,
  headDim: number,
  seed: number,
  spread = 1,
): AttentionInputs {
  const rng = createRng(seed);
  const fill = () => Float32Array.from({ length: heads * seqLen * headDim }, () => spread * rng.nextNormal());
  return { q: fill(), k: fill(), v: fill(), heads, seqLen, headDim };
}

const meta = {
  title: 'Section III/RingAttention',
  component: RingAttention,
  tags: ['autodocs'],
  args: {
    inputs: randomInputs(2, 16, 4, 1),
    devices: 4,
    label: 'Ring attention',
    onStepChange: fn(),
  },
  argTypes: {
    inputs: { control: false, description: 'q, k, v `[heads, T, d_h]` (AttentionInputs).' },
    devices: { control: { type: 'range', min: 1, max: 16, step: 1 } },
    step: { control: { type: 'number', min: 0 } },
    label: { control: 'text' },
  },
  parameters: {
    docs: {
      description: {
        component:
          'Ring Attention (Liu, Zaharia & Abbeel 2023) on simulated devices: each device keeps its query block, ' +
          'attends to the K/V block it holds, merges the partial softmax (online softmax) and passes the block ' +
          'on. After N steps the output equals full causal attention; the figure computes both and prints the ' +
          'largest difference. Blocks from later devices are in the future and skipped.',
      },
    },
  },
} satisfies Meta<typeof RingAttention>;
export default meta;
type Story = StoryObj<typeof meta>;

/** 16 tokens, 2 heads, 4 devices. */
export const FourDevices: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByTestId('ring-verdict')).toHaveTextContent(
      /equals full causal attention \(largest difference/,
    );
    await expect(Number(canvas.getByTestId('ring-attention').getAttribute('data-max-diff'))).toBeLessThan(
      1e-5,
    );
  },
};

/** Keyboard: Tab to "Next", Enter moves the blocks one hop round the ring. */
export const KeyboardStepping: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const root = canvas.getByTestId('ring-attention');
    await expect(canvasElement.querySelector('[data-device="0"]')).toHaveAttribute('data-holds', '0');
    await expect(canvas.getByTestId('ring-scores')).toHaveTextContent(/^80 of 272$/); // 2 heads × 4 diagonal blocks × 4·5/2
    await userEvent.tab();
    await expect(canvas.getByRole('button', { name: 'Next ›' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await expect(root).toHaveAttribute('data-step', '1');
    await expect(args.onStepChange).toHaveBeenLastCalledWith(1);
    // device 0 now holds device 3's block — entirely in its future — and device 1 holds block 0
    await expect(canvasElement.querySelector('[data-device="0"]')).toHaveAttribute('data-holds', '3');
    await expect(canvasElement.querySelector('[data-device="0"]')).toHaveAttribute('data-action', 'masked');
    await expect(canvasElement.querySelector('[data-device="1"]')).toHaveAttribute('data-holds', '0');
    await expect(
      canvas.getByText(/device 0 \(queries 0–3\) holds K\/V block 3 — in its future, skipped/),
    ).toBeInTheDocument();
    await userEvent.keyboard('{Enter}{Enter}');
    await expect(canvas.getByText(/Every device has now seen every block/)).toBeInTheDocument();
    await expect(canvas.getByTestId('ring-scores')).toHaveTextContent(/^272 of 272$/); // 2 × 16·17/2
    await expect(canvas.getByRole('button', { name: 'Next ›' })).toBeDisabled();
  },
};

/** T = 13 over 5 devices: blocks of 3, 3, 3, 2, 2 tokens; still exact. */
export const UnevenSplit: Story = {
  args: { inputs: randomInputs(1, 13, 3, 2), devices: 5 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(
      canvas.getByText(/T = 13 over 5 devices \(3 \+ 3 \+ 3 \+ 2 \+ 2 tokens\)/),
    ).toBeInTheDocument();
    await expect(canvas.getByTestId('ring-verdict')).toHaveTextContent(/equals full causal attention/);
  },
};

/** T = 1 on one device: the ring degenerates to plain attention. */
export const SingleToken: Story = {
  args: { inputs: randomInputs(1, 1, 4, 3), devices: 1 },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByTestId('ring-scores')).toHaveTextContent('1 of 1');
  },
};

/** No tokens: a clear message. */
export const Empty: Story = {
  args: {
    inputs: {
      q: new Float32Array(0),
      k: new Float32Array(0),
      v: new Float32Array(0),
      heads: 1,
      seqLen: 0,
      headDim: 4,
    },
    devices: 1,
  },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent(
      'seqLen must be a positive integer, got 0',
    );
  },
};

const withNaN = randomInputs(1, 8, 2, 4);
withNaN.k[3] = Number.NaN;
withNaN.v[5] = Number.POSITIVE_INFINITY;

/** NaN/∞ inputs: attention is undefined, and the figure says so instead of drawing garbage. */
export const NonFiniteInputs: Story = {
  args: { inputs: withNaN, devices: 2 },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent(
      'q, k and v hold 2 NaN or infinite values',
    );
  },
};

/** Extreme scores (q, k ~ 30·N(0,1): logits in the thousands) over 64 tokens and 16 devices: online softmax stays exact. */
export const ExtremeScoresSixteenDevices: Story = {
  args: { inputs: randomInputs(1, 64, 8, 5, 30), devices: 16, step: 15 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByTestId('ring-verdict')).toHaveTextContent(/equals full causal attention/);
  },
};

/** More devices than the figure can draw: refused with a message. */
export const TooManyDevices: Story = {
  args: { inputs: randomInputs(1, 32, 2, 6), devices: 17 },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent(
      'at most 16 devices can be drawn, got 17',
    );
  },
};
