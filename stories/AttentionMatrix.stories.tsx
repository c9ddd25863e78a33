import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, userEvent, within } from 'storybook/test';
import { AttentionMatrix, type AttentionMatrixProps } from '../components';
import { causalSoftmaxAttention } from '../simulations/attention/causalSoftmaxAttention';
import { buildHandBuiltHeads } from '../simulations/attention/handBuiltHeads';
import { createRng } from '../simulations/random/rng';
import { darkTheme } from './darkTheme';

// data: two hand-built heads over an associative-recall sequence, computed by the engine at story time
const tokens = 'ant 3 bee 5 cow 8 bee ant cow 1 ant 3'.split(' ');
const T = tokens.length;
const handBuilt = causalSoftmaxAttention(buildHandBuiltHeads(tokens)).weights; // [2 heads, T, T]
const inductionHead = handBuilt.subarray(0, T * T);
const copyMatchHead = handBuilt.subarray(T * T, 2 * T * T);

// data: seeded random attention over a long sequence, drawn on the canvas path
function randomAttention(seqLen: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const fill = () => Float32Array.from({ length: seqLen * 8 }, () => 1.5 * rng.nextNormal());
  return causalSoftmaxAttention({ q: fill(), k: fill(), v: fill(), heads: 1, seqLen, headDim: 8 }).weights;
}
const positions = (n: number) => Array.from({ length: n }, (_, i) => `t${i}`);

// accessors
const cellAt = (root: HTMLElement, row: number, col: number) => {
  const cell = root.querySelector<SVGRectElement>(`[data-row="${row}"][data-col="${col}"]`);
  if (!cell) throw new Error(`No cell (${row}, ${col})`);
  return cell;
};

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
    svgMaxTokens: 64,
    onLockedRowChange: fn(),
    onActiveRowChange: fn(),
  },
  argTypes: {
    weights: { control: false, description: 'Attention weights `[T (query) × T (key)]`, row-major.' },
    tokens: { control: 'object' },
    label: { control: 'text' },
    causal: { control: 'boolean' },
    colorScale: { control: 'inline-radio', options: ['linear', 'log'] },
    size: { control: { type: 'range', min: 160, max: 720, step: 20 } },
    svgMaxTokens: { control: { type: 'number', min: 1, max: 256 } },
    lockedRow: { control: { type: 'number', min: 0 } },
  },
  parameters: {
    docs: {
      description: {
        component:
          'One attention head as a heatmap: row i is how query i spreads its attention over keys 0…T−1; the ' +
          'upper triangle is hatched because a causal model cannot see the future. Hover or use the arrow keys ' +
          'to inspect a cell; click or press Enter to lock a query row, Escape to unlock. SVG cells up to ' +
          '`svgMaxTokens` (64), one canvas bitmap beyond. "Show weights as a table" is the text alternative.',
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
export const LogScale: Story = { args: { colorScale: 'log', label: 'Induction head attention, log scale' } };

/** T = 256, seeded random attention: one canvas pixel per cell, sparse axis labels, top-3 keys as the table. */
export const LongSequenceOnCanvas: Story = {
  args: { weights: randomAttention(256, 1), tokens: positions(256), label: 'Random attention, T = 256' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByTestId('attention-matrix')).toHaveAttribute('data-render-mode', 'canvas');
    await expect(canvasElement.querySelector('canvas')).toHaveAttribute('width', '256');
    await expect(canvasElement.querySelector('[data-row]')).toBeNull();
  },
};

/** T = 1024: still a single draw of a 1024 × 1024 bitmap. */
export const VeryLongSequenceOnCanvas: Story = {
  args: { weights: randomAttention(1024, 2), tokens: positions(1024), label: 'Random attention, T = 1024' },
};

/** Wrong-sized weights give a clear inline message, not a crash. */
export const MismatchedShape: Story = {
  args: { weights: new Float32Array(10), label: 'Broken input' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent(
      '12 tokens need 12 × 12 = 144 weights, got 10',
    );
  },
};

/** Hover a cell to read it; click to lock its query row (the lock outlasts other hovers); click again to unlock. */
export const HoverAndClick: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const root = canvas.getByTestId('attention-matrix');
    // Query 7 ("ant"), key 1 ("3"): the induction head's answer.
    await userEvent.hover(cellAt(root, 7, 1));
    await expect(canvas.getByText(/Query 7 “ant” → key 1 “3”: (0\.9\d|1\.00)/)).toBeInTheDocument();
    await expect(canvas.getByText(/Top keys of query 7: 1 “3”/)).toBeInTheDocument();
    await expect(root).toHaveAttribute('data-active-row', '7');
    await expect(args.onActiveRowChange).toHaveBeenLastCalledWith(7);

    await userEvent.click(cellAt(root, 7, 1));
    await expect(root).toHaveAttribute('data-locked-row', '7');
    await expect(args.onLockedRowChange).toHaveBeenLastCalledWith(7);

    await userEvent.hover(cellAt(root, 3, 0));
    await expect(root).toHaveAttribute('data-active-row', '7'); // the lock wins the highlight
    await expect(canvas.getByText(/Query 3 “5” → key 0 “ant”/)).toBeInTheDocument();

    await userEvent.click(cellAt(root, 7, 0));
    await expect(root).toHaveAttribute('data-locked-row', '');
    await expect(args.onLockedRowChange).toHaveBeenLastCalledWith(null);
  },
};

/** The keyboard path: Tab in, arrows move the cell, Enter locks the query row, Escape unlocks. */
export const KeyboardLock: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const root = canvas.getByTestId('attention-matrix');
    const plot = canvas.getByRole('application', { name: /Induction head attention/ });
    await userEvent.tab();
    await expect(plot).toHaveFocus();
    await expect(plot).toHaveAccessibleDescription(/Arrow keys move between cells/);
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{ArrowRight}{Enter}');
    await expect(root).toHaveAttribute('data-locked-row', '2');
    await expect(args.onLockedRowChange).toHaveBeenLastCalledWith(2);
    await expect(canvas.getByText(/Query 2 “bee” → key 1 “3”/)).toBeInTheDocument();
    await userEvent.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}');
    await expect(canvas.getByText(/Query 2 “bee” → key 2 “bee”/)).toBeInTheDocument(); // causal: no further
    await userEvent.keyboard('{End}');
    await expect(canvas.getByText(/Query 11 “3” → key 2 “bee”/)).toBeInTheDocument();
    await expect(root).toHaveAttribute('data-active-row', '2'); // the lock keeps the highlighted row
    await userEvent.keyboard('{Escape}');
    await expect(root).toHaveAttribute('data-locked-row', '');
    await expect(root).toHaveAttribute('data-active-row', '11');
    await expect(args.onLockedRowChange).toHaveBeenLastCalledWith(null);
  },
};

/** The text alternative: every weight in a real table (query rows × key columns), checked by axe when open. */
export const TableAlternative: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByText('Show weights as a table'));
    const table = canvas.getByRole('table', { name: /Induction head attention/ });
    await expect(within(table).getByRole('rowheader', { name: '7 ant' })).toBeVisible();
    await expect(within(table).getAllByRole('columnheader')).toHaveLength(T + 1);
    await expect(within(table).getAllByRole('row')).toHaveLength(T + 1);
  },
};

/** Above 64 tokens the table lists each query's three largest keys (first 64 queries). */
export const TableAlternativeLong: Story = {
  args: { weights: randomAttention(256, 1), tokens: positions(256), label: 'Random attention, T = 256' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByText('Show weights as a table'));
    const table = canvas.getByRole('table', { name: /3 largest weights of each query \(first 64 of 256/ });
    await expect(within(table).getAllByRole('row')).toHaveLength(65);
  },
};

/** The app's pattern: a parent that owns `lockedRow` and also follows the highlighted row. */
function LinkedParent(args: AttentionMatrixProps) {
  const [lockedRow, setLockedRow] = useState<number | null>(args.lockedRow ?? null);
  const [activeRow, setActiveRow] = useState<number | null>(null);
  return (
    <div>
      <AttentionMatrix
        {...args}
        lockedRow={lockedRow}
        onLockedRowChange={(row) => {
          args.onLockedRowChange?.(row);
          setLockedRow(row);
        }}
        onActiveRowChange={(row) => {
          args.onActiveRowChange?.(row);
          setActiveRow(row);
        }}
      />
      <p data-testid="parent-state">
        Parent state: locked row {lockedRow ?? 'none'}, highlighted row {activeRow ?? 'none'}
        {activeRow !== null && ` (“${args.tokens[activeRow]}”)`}
      </p>
    </div>
  );
}

/** Controlled: the parent owns `lockedRow` and links other views through `onActiveRowChange`. */
export const ControlledLockedRow: Story = {
  args: { lockedRow: 7 },
  render: (args) => <LinkedParent {...args} />,
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const root = canvas.getByTestId('attention-matrix');
    await expect(root).toHaveAttribute('data-locked-row', '7');
    await expect(canvas.getByTestId('parent-state')).toHaveTextContent('highlighted row 7 (“ant”)');
    await userEvent.click(cellAt(root, 9, 0));
    await expect(args.onLockedRowChange).toHaveBeenLastCalledWith(9);
    await expect(root).toHaveAttribute('data-locked-row', '9');
    await expect(canvas.getByTestId('parent-state')).toHaveTextContent('locked row 9, highlighted row 9');
  },
};

/** The dark theme: labels, indices and axis titles follow the theme's text colours. */
export const DarkTheme: Story = { decorators: [darkTheme] };
