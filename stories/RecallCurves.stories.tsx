import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import {
  architectureOrder,
  type ChartSeries,
  RecallCurves,
  type RecallResult,
  recallSeries,
} from '../components';
import { darkTheme } from './darkTheme';

// data: the shipped models' real results, fetched from the static site at story time by URLs relative to the
// Storybook page (so it works served under any sub-path; Vite does not let
// JavaScript import files under public/). index.json holds each model's task, state bytes and test accuracy;
// the sweeps come from each model's train-log.json.
interface IndexEntry {
  id: string;
  architecture: string;
  task: { kind: string; seqLen?: number; numKvPairs?: number };
  dModel: number;
  stateBytes: number;
  testAccuracy: number;
}
type Shipped = IndexEntry & RecallResult;

async function fetchJson<T>(path: string): Promise<T> {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** Loader: every shipped model with its sweeps. */
async function loadShipped(): Promise<{ shipped: Shipped[] }> {
  const { models } = await fetchJson<{ models: IndexEntry[] }>('models/index.json');
  const shipped = await Promise.all(
    models.map(async (m) => {
      const log = await fetchJson<Pick<RecallResult, 'pairsSweep' | 'lengthSweep'>>(
        `models/${m.id}/train-log.json`,
      );
      return { ...m, pairsSweep: log.pairsSweep, lengthSweep: log.lengthSweep };
    }),
  );
  return { shipped };
}

const setting = (shipped: Shipped[], L: number, K: number, d: number) =>
  shipped.filter(
    (r) => r.task.kind === 'mqar' && r.task.seqLen === L && r.task.numKvPairs === K && r.dModel === d,
  );
const shortNames = (series: ChartSeries[]) =>
  series.map((s) => ({ ...s, name: s.name.replace(/-mqar-l\d+-k\d+-d\d+-s\d+$/, '') }));

/** The series of a real-data story, from the loaded results (architectures keep their palette slot). */
function shippedSeries(
  shipped: Shipped[],
  which: 'l32Pairs' | 'l16State' | 'inductionLength',
): ChartSeries[] {
  const order = architectureOrder(shipped);
  if (which === 'l32Pairs') return shortNames(recallSeries(setting(shipped, 32, 4, 32), 'pairs', order));
  if (which === 'l16State') return recallSeries(setting(shipped, 16, 2, 32), 'stateBytes', order);
  return recallSeries(
    shipped.filter((r) => r.task.kind === 'induction-heads'),
    'length',
    order,
  );
}

/** Renders a story with series computed from the shipped results. */
const withShipped = (which: Parameters<typeof shippedSeries>[1]): Pick<Story, 'loaders' | 'render'> => ({
  loaders: [loadShipped],
  render: (args, { loaded }) => <RecallCurves {...args} series={shippedSeries(loaded.shipped, which)} />,
});

/** The theme's dark palette, set on a wrapper (components read only the --ba-* variables). */

const meta = {
  title: 'Visualisations/RecallCurves',
  component: RecallCurves,
  tags: ['autodocs'],
  args: {
    title: 'MQAR accuracy vs key–value pairs (L = 32, trained at K = 4, d = 32)',
    series: [],
    xAxis: 'pairs',
    width: 560,
    height: 320,
    onActivePointChange: fn(),
  },
  argTypes: {
    title: { control: 'text' },
    series: {
      control: 'object',
      description: 'Series `{ id, name, points: {x, y, label?}[], styleIndex? }`.',
    },
    xAxis: { control: 'inline-radio', options: ['pairs', 'length', 'stateBytes'] },
    connect: { control: 'boolean' },
    width: { control: { type: 'range', min: 280, max: 960, step: 20 } },
    height: { control: { type: 'range', min: 200, max: 600, step: 20 } },
  },
  parameters: {
    docs: {
      description: {
        component:
          'Recall accuracy of the trained tiny models against the number of key–value pairs, the test length or ' +
          'the bytes of inference state (log₂ axis). Each architecture keeps one Okabe–Ito colour and one ' +
          'marker shape across charts. Hover a point, or Tab in and use the arrow keys; "Show the data as a ' +
          'table" is the text alternative. Data: `public/models/index.json` and each `train-log.json`.',
      },
    },
  },
} satisfies Meta<typeof RecallCurves>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The shipped L = 32, K = 4 models tested at K = 1 … 8: recall falls as pairs are added. */
export const PairsSweep: Story = { ...withShipped('l32Pairs') };

/** The essay's trade-off: held-out accuracy against bytes of inference state, one point per shipped model. */
export const StateSizeTradeoff: Story = {
  args: {
    title: 'MQAR accuracy vs inference state (L = 16, K = 2, d = 32)',
    xAxis: 'stateBytes',
  },
  ...withShipped('l16State'),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const ticks = [...canvasElement.querySelectorAll('.ba-series-chart__tick')].map((t) => t.textContent);
    await expect(ticks).toContain('256 B'); // Hawk's 256-byte state sets the smallest tick
    await userEvent.click(canvas.getByText('Show the data as a table'));
    await expect(canvas.getByRole('cell', { name: /hawk-mqar-l16-k2-d32-s1/ })).toHaveTextContent(
      /^53\.[67]%/,
    ); // held-out 0.5365
    await expect(canvasElement.querySelectorAll('.ba-series-chart__line')).toHaveLength(0); // a scatter
  },
};

/** Induction heads trained at L = 32, tested at 64 … 256: Mamba extrapolates, attention does not. */
export const LengthSweep: Story = {
  args: { title: 'Induction heads: accuracy vs test length', xAxis: 'length' },
  ...withShipped('inductionLength'),
};

/** Hover a marker: the tooltip and the live readout name the series and its values. */
export const HoverTooltip: Story = {
  ...withShipped('l32Pairs'),
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const marker = canvasElement.querySelector<SVGPathElement>(
      '[data-series="mamba"], .ba-series-chart__marker',
    );
    if (!marker) throw new Error('no marker');
    const hit = canvasElement.querySelector('.ba-series-chart__hit-area') as SVGRectElement;
    const box = marker.getBoundingClientRect();
    await userEvent.pointer({
      target: hit,
      coords: { clientX: box.x + box.width / 2, clientY: box.y + box.height / 2 },
    });
    const tooltip = await canvas.findByTestId('series-chart-tooltip');
    await expect(tooltip).toHaveTextContent(/accuracy: \d+\.\d%/);
    await expect(args.onActivePointChange).toHaveBeenCalled();
    await userEvent.unhover(hit);
    await expect(canvas.queryByTestId('series-chart-tooltip')).toBeNull();
  },
};

/** Keyboard: Tab focuses the chart on the first point; ←/→ walk a series, ↑/↓ switch series, Escape clears. */
export const KeyboardNavigation: Story = {
  args: {
    title: 'Two series',
    series: [
      { id: 'a', name: 'attention', points: [1, 2, 4].map((x) => ({ x, y: 1 / x })) },
      { id: 'm', name: 'mamba', points: [1, 2, 4].map((x) => ({ x, y: 1 })) },
    ],
  },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const plot = canvas.getByRole('application', { name: /Two series/ });
    await userEvent.tab();
    await expect(plot).toHaveFocus();
    await expect(plot).toHaveAccessibleDescription(/←\/→ move along a series/);
    await expect(canvas.getByText('attention: key–value pairs K 1, accuracy 100.0%')).toBeInTheDocument();
    await userEvent.keyboard('{ArrowRight}{ArrowRight}');
    await expect(canvas.getByText('attention: key–value pairs K 4, accuracy 25.0%')).toBeInTheDocument();
    await userEvent.keyboard('{ArrowDown}');
    await expect(canvas.getByText('mamba: key–value pairs K 4, accuracy 100.0%')).toBeInTheDocument();
    await expect(args.onActivePointChange).toHaveBeenLastCalledWith({ seriesId: 'm', index: 2 });
    await userEvent.keyboard('{Home}');
    await expect(canvas.getByTestId('series-chart')).toHaveAttribute('data-active', 'm:0');
    await userEvent.keyboard('{Escape}');
    await expect(canvas.getByTestId('series-chart')).toHaveAttribute('data-active', '');
  },
};

/** The text alternative lists every point. */
export const TableAlternative: Story = {
  ...withShipped('l32Pairs'),
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByText('Show the data as a table'));
    const table = canvas.getByRole('table', { name: /MQAR accuracy vs key–value pairs/ });
    const points = shippedSeries(loaded.shipped, 'l32Pairs').reduce((n, s) => n + s.points.length, 0);
    await expect(within(table).getAllByRole('row')).toHaveLength(points + 1);
  },
};

/** One model, one point (the T = 1 of a chart): a window around the single value. */
export const SinglePoint: Story = {
  args: {
    series: [{ id: 'x', name: 'hawk', points: [{ x: 256, y: 0.54 }] }],
    xAxis: 'stateBytes',
    title: 'One model',
  },
};

/** No series: a clear placeholder instead of empty axes. */
export const Empty: Story = {
  args: { series: [], title: 'No results yet' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('No data to plot yet.');
  },
};

/** NaN and ±∞ accuracies are left out of the plot, counted in a note and kept in the table; the line breaks. */
export const NonFiniteValues: Story = {
  args: {
    title: 'A sweep with failed evaluations',
    series: [
      {
        id: 'broken',
        name: 'broken run',
        points: [
          { x: 1, y: 1 },
          { x: 2, y: Number.NaN },
          { x: 4, y: 0.4 },
          { x: 8, y: Number.POSITIVE_INFINITY },
        ],
      },
      { id: 'zero', name: 'K = 0 on a log axis', points: [{ x: 0, y: 0.5 }] },
    ],
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('note')).toHaveTextContent('3 values are not drawn');
    await expect(canvasElement.querySelectorAll('.ba-series-chart__marker')).toHaveLength(2);
  },
};

/** All series NaN: nothing to draw, said so plainly. */
export const AllNaN: Story = {
  args: {
    title: 'Nothing drawable',
    series: [{ id: 'n', name: 'n', points: [{ x: Number.NaN, y: Number.NaN }] }],
  },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('No point can be drawn');
  },
};

/** Extremes: 1 B to 1 TiB of state, accuracies of exactly 0 and 1. */
export const ExtremeValues: Story = {
  args: {
    title: 'Extreme state sizes',
    xAxis: 'stateBytes',
    series: [
      {
        id: 'e',
        name: 'extremes',
        points: [
          { x: 1, y: 0 },
          { x: 2 ** 20, y: 0.5 },
          { x: 2 ** 40, y: 1 },
        ],
      },
    ],
  },
};

/** 1024 points per series: lines without markers (except the active one), still keyboard-navigable. */
export const ThousandPoints: Story = {
  args: {
    title: 'Synthetic recall curves, 1024 lengths',
    xAxis: 'length',
    series: [0, 1, 2].map((k) => ({
      id: `s${k}`,
      name: `state ${2 ** (6 + 2 * k)} B`,
      // a fixed state of S bytes holds about S / 64 pairs; accuracy falls once the sequence outgrows it
      points: Array.from({ length: 1024 }, (_, i) => ({
        x: i + 1,
        y: Math.min(1, 2 ** (6 + 2 * k) / (i + 1)),
      })),
    })),
  },
};

/** Dark theme: axes, text and the tooltip follow the --ba-* variables. */
export const DarkTheme: Story = {
  decorators: [darkTheme],
  args: { title: 'MQAR accuracy vs inference state (L = 16, K = 2, d = 32)', xAxis: 'stateBytes' },
  ...withShipped('l16State'),
};
