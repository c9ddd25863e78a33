import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fireEvent, fn, userEvent, within } from 'storybook/test';
import { AttentionMatrix } from '../components/AttentionMatrix/AttentionMatrix';
import { causalSoftmaxAttention } from '../simulations/attention/causalSoftmaxAttention';
import { buildHandBuiltHeads } from '../simulations/attention/handBuiltHeads';
import { createRng } from '../simulations/random/rng';

// data: two hand-built heads over an associative-recall sequence, computed by the engine at story time
const tokens = 'ant 3 bee 5 cow 8 bee ant cow 1 ant 3'.split(' ');
const T = tokens.length;
const handBuilt = causalSoftmaxAttention(buildHandBuiltHeads(tokens)).weights;
const inductionHead = handBuilt.subarray(0, T * T);
const copyMatchHead = handBuilt.subarray(T * T, 2 * T * T);

// data: a long sequence of random attention (seeded), drawn on the canvas path
function randomAttention(seqLen: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const n = seqLen * 8;
  const fill = () => Float32Array.from({ length: n }, () => 1.5 * rng.nextNormal());
  return causalSoftmaxAttention({ q: fill(), k: fill(), v: fill(), heads: 1, seqLen, headDim: 8 }).weights;
}
const longTokens = Array.from({ length: 256 }, (_, i) => `t${i}`);

const meta = {
  title: 'Visualisations/AttentionMatrix',
  component: AttentionMatrix,
  tags: ['autodocs'],
  args: {
    weights: inductionHead,
    tokens,
    label: 'Induction head attention',
    causal: true,
    colorScale: 'linear',
    size: 420,
    onLockedRowChange: fn(),
    onActiveRowChange: fn(),
  },
  argTypes: {
    colorScale: { control: 'inline-radio', options: ['linear', 'log'] },
    size: { control: { type: 'range', min: 160, max: 720, step: 20 } },
    weights: { control: false },
    tokens: { control: 'object' },
  },
  parameters: {
    docs: {
      description: {
        component:
          'One attention head as a heatmap: row i is how query i spreads its attention over keys 0…T−1 (the upper ' +
          'triangle is hatched: a causal model cannot see the future). Hover or use the arrow keys to inspect a cell; ' +
          'click or press Enter to lock a query row. SVG up to 64 tokens, canvas beyond. Weights shape `[T × T]`.',
      },
    },
  },
} satisfies Meta<typeof AttentionMatrix>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The hand-built induction head: each repeated word attends to the token that followed its earlier copy. */
export const InductionHead: Story = {};

/** The copy-match head attends to earlier copies of the word itself (and to itself). */
export const CopyMatchHead: Story = { args: { weights: copyMatchHead, label: 'Copy-match head attention' } };

/** A log colour scale separates the small weights that a linear scale paints the same. */
export const LogScale: Story = { args: { colorScale: 'log' } };

/** T = 256, random attention: drawn on a canvas, one pixel per cell. */
export const LongSequenceOnCanvas: Story = {
  args: { weights: randomAttention(256, 1), tokens: longTokens, label: 'Random attention, T = 256' },
  play: async ({ canvasElement }) => {
    const root = within(canvasElement).getByTestId('attention-matrix');
    await expect(root).toHaveAttribute('data-render-mode', 'canvas');
    await expect(canvasElement.querySelector('canvas')).not.toBeNull();
  },
};

/** Wrong-sized weights give a clear message, not a crash. */
export const MismatchedShape: Story = {
  args: { weights: new Float32Array(10), label: 'Broken input' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent(
      'expected 12 × 12 = 144 weights',
    );
  },
};

/** Hovering a cell reports its query, key and weight in the live readout. */
export const HoverReadout: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const plot = canvas.getByRole('application');
    const hit = plot.querySelector('.ba-attention-matrix__hit-area') as SVGRectElement;
    const box = hit.getBoundingClientRect();
    // Query 7 ("ant"), key 1 ("3"): the induction head's answer.
    fireEvent.pointerMove(hit, {
      clientX: box.left + (1.5 * box.width) / T,
      clientY: box.top + (7.5 * box.height) / T,
    });
    await expect(canvas.getByText(/Query 7 “ant” → key 1 “3”: (0\.9\d|1\.00)/)).toBeInTheDocument();
    await expect(args.onActiveRowChange).toHaveBeenLastCalledWith(7);
  },
};

/** The keyboard path: Tab in, arrows to move, Enter locks the row, Escape unlocks. */
export const KeyboardLock: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const root = canvas.getByTestId('attention-matrix');
    await userEvent.tab();
    await expect(canvas.getByRole('application')).toHaveFocus();
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{ArrowRight}{Enter}');
    await expect(root).toHaveAttribute('data-locked-row', '2');
    await expect(args.onLockedRowChange).toHaveBeenLastCalledWith(2);
    await expect(canvas.getByText(/Query 2 “bee” → key 1 “3”/)).toBeInTheDocument();
    await userEvent.keyboard('{End}');
    await expect(root).toHaveAttribute('data-active-row', '2'); // the lock keeps the highlighted row
    await userEvent.keyboard('{Escape}');
    await expect(root).toHaveAttribute('data-locked-row', '');
    await expect(args.onLockedRowChange).toHaveBeenLastCalledWith(null);
  },
};
