import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { CostCharts, type CostCurve, costSweep, type LatencyCurve, powersOfTwo } from '../components';
import { architecturePreset, createModel, forward, initParams } from '../simulations/model';
import { darkTheme } from './darkTheme';

// data: the engine's cost models (simulations/cost) at N = 16 … 2²⁰ for a d = 64, 2-layer model
const setting = { d: 64, layers: 2 };
const FEATURED = ['attention', 'slidingWindow', 'linearAttention', 'based', 's4d', 'mamba', 'hyena', 'rglru'];
const featured = costSweep(powersOfTwo(4, 20), setting, FEATURED);

// data: latency measured at story time — the engine's CPU forward pass of three tiny random-initialised
// presets (d = 32, 2 layers), median of 3 runs per length
const MEASURED: [preset: string, costId: string, name: string][] = [
  ['attention', 'attention', 'Softmax attention'],
  ['mamba', 'mamba', 'Mamba (S6)'],
  ['hawk', 'rglru', 'Hawk (RG-LRU)'],
];
async function measureLatency(): Promise<{ latency: LatencyCurve[]; curves: CostCurve[] }> {
  const ns = powersOfTwo(4, 8);
  const latency = MEASURED.map(([preset, id, name]) => {
    const config = architecturePreset(preset, { vocabSize: 32, dModel: 32, maxSeqLen: 256 });
    const model = createModel(config, initParams(config, 1));
    const points = ns.map((n) => {
      const tokens = Array.from({ length: n }, (_, i) => (i * 7) % 32);
      forward(model, tokens); // warm-up
      const times = [0, 1, 2].map(() => {
        const t0 = performance.now();
        forward(model, tokens);
        return performance.now() - t0;
      });
      return { n, ms: times.sort((a, b) => a - b)[1] };
    });
    return { id, name, points };
  });
  const curves = costSweep(
    ns,
    { d: 32, layers: 2 },
    MEASURED.map(([, id]) => id),
  );
  return { latency, curves };
}

const meta = {
  title: 'Visualisations/CostCharts',
  component: CostCharts,
  tags: ['autodocs'],
  args: {
    curves: featured,
    setting: 'd = 64, 2 layers, float32',
    chartWidth: 440,
    chartHeight: 300,
  },
  argTypes: {
    curves: {
      control: 'object',
      description: 'Cost curves `{ id, name, stateGrowsWithN, points: {n, flops, stateBytes}[] }`.',
    },
    latency: { control: 'object', description: 'Measured latency `{ id, name, points: {n, ms}[] }`.' },
    setting: { control: 'text' },
    chartWidth: { control: { type: 'range', min: 280, max: 800, step: 20 } },
    chartHeight: { control: { type: 'range', min: 200, max: 500, step: 20 } },
  },
  parameters: {
    docs: {
      description: {
        component:
          'FLOPs of a forward pass and bytes of inference state against sequence length N, log-log, from the ' +
          "engine's cost models (`simulations/cost`), and measured latency when given. Attention's KV cache " +
          'grows with N; a recurrent state stays fixed. Hover or arrow-key through the points; each chart has a ' +
          'table as its text alternative.',
      },
    },
  },
} satisfies Meta<typeof CostCharts>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Eight architectures from N = 16 to 2²⁰: attention's N² FLOPs and linear KV cache against fixed states. */
export const Featured: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getAllByTestId('series-chart')).toHaveLength(2); // no latency given: no third chart
    const memoryLegend = canvas.getAllByRole('list', { name: 'Legend' })[1];
    await expect(within(memoryLegend).getByText('Softmax attention: grows with N')).toBeInTheDocument();
    await expect(within(memoryLegend).getByText('Mamba (S6): fixed')).toBeInTheDocument();
  },
};

/** Every cost model of the engine. */
export const AllArchitectures: Story = { args: { curves: costSweep(powersOfTwo(4, 20), setting) } };

/** With latency measured at story time on this machine's CPU (the engine's reference forward pass). */
export const WithMeasuredLatency: Story = {
  loaders: [measureLatency],
  args: { setting: 'd = 32, 2 layers' },
  render: (args, { loaded }) => <CostCharts {...args} curves={loaded.curves} latency={loaded.latency} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getAllByTestId('series-chart')).toHaveLength(3);
    const figure = canvas.getByRole('figure', { name: /^Measured latency/ });
    await expect(figure.querySelectorAll('.ba-series-chart__line')).toHaveLength(3);
  },
};

/** Keyboard: Tab into the FLOPs chart, walk attention's curve, switch to the next architecture. */
export const KeyboardNavigation: Story = {
  args: { curves: costSweep([16, 1024], setting, ['attention', 'mamba']) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.tab();
    await expect(canvas.getByRole('application', { name: /Compute: FLOPs/ })).toHaveFocus();
    await expect(
      canvas.getByText(/^Softmax attention: sequence length N N = 16, FLOPs /),
    ).toBeInTheDocument();
    await userEvent.keyboard('{End}{ArrowDown}');
    await expect(canvas.getByText(/^Mamba \(S6\): sequence length N N = 1024, FLOPs /)).toBeInTheDocument();
    await userEvent.tab(); // the first chart's "Show the data as a table"
    await userEvent.tab();
    await expect(canvas.getByRole('application', { name: /Memory: KV cache/ })).toHaveFocus();
    await userEvent.keyboard('{End}');
    // attention at N = 1024: 2 layers × 2·d·N floats = 1 MiB
    await expect(
      canvas.getByText('Softmax attention: grows with N: sequence length N N = 1024, inference state 1 MiB'),
    ).toBeInTheDocument();
  },
};

/** Hover the memory chart: the tooltip names the architecture, N and the bytes. */
export const HoverTooltip: Story = {
  args: { curves: costSweep([16, 1024], setting, ['attention']) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const [, memory] = canvas.getAllByTestId('series-chart');
    const marker = memory.querySelector('[data-index="1"]') as SVGPathElement;
    const hit = memory.querySelector('.ba-series-chart__hit-area') as SVGRectElement;
    const box = marker.getBoundingClientRect();
    await userEvent.pointer({
      target: hit,
      coords: { clientX: box.x + box.width / 2, clientY: box.y + box.height / 2 },
    });
    await expect(within(memory).getByTestId('series-chart-tooltip')).toHaveTextContent(
      'inference state: 1 MiB',
    );
  },
};

/** One sequence length (N = 1): single points, a window around each. */
export const SingleLength: Story = { args: { curves: costSweep([1], setting, FEATURED) } };

/** No curves: placeholders, not empty axes. */
export const Empty: Story = {
  args: { curves: [] },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getAllByRole('status')).toHaveLength(2);
  },
};

/** NaN and ∞ in the data are not drawn; a note counts them and the table lists them. */
export const NonFiniteValues: Story = {
  args: {
    curves: [
      {
        id: 'broken',
        name: 'Broken measurement',
        stateGrowsWithN: false,
        points: [
          { n: 16, flops: 1e6, stateBytes: 4096 },
          { n: 32, flops: Number.NaN, stateBytes: Number.POSITIVE_INFINITY },
          { n: 64, flops: 4e6, stateBytes: 4096 },
        ],
      },
    ],
    latency: [{ id: 'broken', name: 'Broken measurement', points: [{ n: 16, ms: Number.NaN }] }],
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getAllByRole('note')).toHaveLength(2);
    await expect(canvas.getByRole('status')).toHaveTextContent('No point can be drawn'); // the latency chart
  },
};

/** Extremes: a d = 8192, 96-layer model up to N = 2³⁰ (FLOPs beyond 10²⁰, a KV cache of terabytes). */
export const ExtremeValues: Story = {
  args: {
    curves: costSweep(powersOfTwo(0, 30), { d: 8192, layers: 96 }, ['attention', 'mamba', 'rglru']),
    setting: 'd = 8192, 96 layers',
  },
};

/** Every N from 1 to 1024: 1024 points per curve, drawn as lines. */
export const ThousandLengths: Story = {
  args: {
    curves: costSweep(
      Array.from({ length: 1024 }, (_, i) => i + 1),
      setting,
      ['attention', 'slidingWindow', 'mamba'],
    ),
  },
};

/** Dark theme. */
export const DarkTheme: Story = { decorators: [darkTheme] };
