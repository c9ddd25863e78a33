import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { ConvolutionKernel, type KernelCurve, type KernelEquivalence } from '../components';
import { architecturePreset, createModel, forward, initParams } from '../simulations/model';
import { createRng } from '../simulations/random/rng';
import {
  initS4DChannel,
  type S4DChannel,
  s4dConvolution,
  s4dKernel,
  s4dRecurrent,
} from '../simulations/ssm/s4d';
import { darkTheme } from './darkTheme';

// data: S4D-Lin channels (seeded init) — their kernels K_ℓ = 2·Re Σ C̃ Ā^ℓ, and one channel run both ways
const channels = [0, 1, 2, 3].map((c) => initS4DChannel(8, 'lin', createRng(100 + c)));
const s4dKernels = (L: number): KernelCurve[] =>
  channels.map((ch, c) => ({
    id: `s4d-${c}`,
    name: `S4D channel ${c} (Δ = ${Math.exp(ch.logDt).toFixed(3)})`,
    values: s4dKernel(ch, L),
  }));
const randomInput = (T: number, seed = 7) => {
  const rng = createRng(seed);
  return Float64Array.from({ length: T }, () => rng.nextNormal());
};
const s4dEquivalence = (T: number, channel: S4DChannel = channels[0]): KernelEquivalence => {
  const u = randomInput(T);
  return {
    label: `S4D channel 0, ${T} random inputs`,
    recurrent: s4dRecurrent(channel, u).y,
    convolution: s4dConvolution(channel, u),
  };
};

// data: Hyena's implicit filters of a seeded, untrained 2-layer Hyena preset (d = 16), from the engine's trace
function hyenaKernels(L: number, shown = 4): KernelCurve[] {
  const config = architecturePreset('hyena', { vocabSize: 32, dModel: 16, maxSeqLen: L });
  const model = createModel(config, initParams(config, 1));
  const tokens = Array.from({ length: L }, (_, i) => (i * 5) % 32);
  const trace = forward(model, tokens, { trace: true }).trace;
  const filters = trace?.layers[0].mixer.filters as Float32Array; // [d, L], channel-major
  return Array.from({ length: shown }, (_, c) => ({
    id: `hyena-${c}`,
    name: `Hyena channel ${c * 5}`,
    values: filters.subarray(c * 5 * L, (c * 5 + 1) * L),
  }));
}

const meta = {
  title: 'Visualisations/ConvolutionKernel',
  component: ConvolutionKernel,
  tags: ['autodocs'],
  args: {
    title: 'S4D kernels over 128 lags',
    kernels: s4dKernels(128),
    magnitude: false,
    equivalence: s4dEquivalence(128),
    tolerance: 1e-6,
    width: 520,
    height: 280,
  },
  argTypes: {
    title: { control: 'text' },
    kernels: { control: false, description: 'Kernels `{ id, name, values: K_0 … K_{L−1} }`.' },
    magnitude: { control: 'boolean' },
    equivalence: { control: false, description: '`{ label, recurrent, convolution }` outputs to compare.' },
    tolerance: { control: { type: 'number', min: 0 } },
    width: { control: { type: 'range', min: 280, max: 900, step: 20 } },
    height: { control: { type: 'range', min: 180, max: 500, step: 20 } },
  },
  parameters: {
    docs: {
      description: {
        component:
          'Long-convolution kernels over lags (S4D, Hyena), and the recurrence ↔ convolution equivalence of an ' +
          'LTI SSM: the scan and the FFT convolution computed by the engine, overlaid, with their largest ' +
          'difference reported. Hover or arrow-key through the points; each chart has a table alternative.',
      },
    },
  },
} satisfies Meta<typeof ConvolutionKernel>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Four S4D-Lin channels and channel 0 computed as a recurrence and as a convolution: equal to rounding. */
export const S4D: Story = {
  play: async ({ canvasElement }) => {
    const verdict = within(canvasElement).getByTestId('equivalence-verdict');
    await expect(verdict).toHaveAttribute('data-agree', 'true');
    await expect(verdict).toHaveTextContent(/equal up to rounding/);
  },
};

/** |K_ℓ| on a log axis: how fast each channel forgets (a larger Δ decays faster). */
export const S4DMagnitude: Story = {
  args: { magnitude: true, title: 'S4D kernels, |K_ℓ| (log scale)', equivalence: undefined },
};

/** Hyena's implicit filters (a Sin-FFN of position times a fixed exponential window), untrained, 256 lags. */
export const Hyena: Story = {
  args: {
    title: 'Hyena filters over 256 lags (seeded, untrained)',
    kernels: hyenaKernels(256),
    equivalence: undefined,
  },
};

/** A wrong "convolution" (a channel with another Δ): the check fails and says where the outputs part. */
export const MismatchDetected: Story = {
  args: {
    equivalence: {
      ...s4dEquivalence(128),
      label: 'S4D channel 0 vs a kernel with Δ × 2',
      convolution: s4dConvolution(
        { ...channels[0], logDt: channels[0].logDt + Math.log(2) },
        randomInput(128),
      ),
    },
  },
  play: async ({ canvasElement }) => {
    const verdict = within(canvasElement).getByTestId('equivalence-verdict');
    await expect(verdict).toHaveAttribute('data-agree', 'false');
    await expect(verdict).toHaveTextContent(/differ by more than the tolerance/);
  },
};

/** Keyboard: Tab into the kernel chart; arrows walk the lags and switch channels. */
export const KeyboardNavigation: Story = {
  args: { kernels: s4dKernels(8), equivalence: s4dEquivalence(8) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.tab();
    await expect(canvas.getByRole('application', { name: /S4D kernels/ })).toHaveFocus();
    await userEvent.keyboard('{ArrowRight}{ArrowRight}{ArrowDown}');
    const k = s4dKernel(channels[1], 8)[2];
    await expect(
      canvas.getByText(
        new RegExp(
          `^S4D channel 1 .*: lag ℓ \\(tokens back\\) 2, K_ℓ ${String(Number(k.toPrecision(3))).replace('-', '\\-')}`,
        ),
      ),
    ).toBeInTheDocument();
  },
};

/** Hover the overlay: the tooltip reads the recurrence's output at that position. */
export const HoverOverlay: Story = {
  args: { kernels: s4dKernels(16), equivalence: s4dEquivalence(16) },
  play: async ({ canvasElement }) => {
    const [, overlay] = within(canvasElement).getAllByTestId('series-chart');
    const marker = overlay.querySelector('[data-series="recurrent"][data-index="5"]') as SVGPathElement;
    const hit = overlay.querySelector('.ba-series-chart__hit-area') as SVGRectElement;
    const box = marker.getBoundingClientRect();
    await userEvent.pointer({
      target: hit,
      coords: { clientX: box.x + box.width / 2, clientY: box.y + box.height / 2 },
    });
    await expect(within(overlay).getByTestId('series-chart-tooltip')).toHaveTextContent(/position t: 5/);
  },
};

/** T = 1: a one-lag kernel and a one-step output (K_0 = the skip-free response). */
export const SingleStep: Story = {
  args: { title: 'S4D kernel, one lag', kernels: s4dKernels(1), equivalence: s4dEquivalence(1) },
};

/** No kernels: the component shows its empty-state message instead of a chart. */
export const Empty: Story = {
  args: { kernels: [], equivalence: undefined, title: 'No kernels' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('No data to plot yet.');
  },
};

/** T = 1024: four kernels over 1024 lags and the equivalence on 1024 steps (lines without markers). */
export const T1024: Story = {
  args: { title: 'S4D kernels over 1024 lags', kernels: s4dKernels(1024), equivalence: s4dEquivalence(1024) },
};

/** NaN/∞ in a kernel and in an output: left out of the plot with a note; the verdict refuses to compare. */
export const NonFiniteValues: Story = {
  args: {
    kernels: [
      { id: 'bad', name: 'overflowing kernel', values: [1, 0.5, Number.NaN, Number.POSITIVE_INFINITY, 0.1] },
    ],
    equivalence: { label: 'a diverged run', recurrent: [0, 1, Number.NaN], convolution: [0, 1, 2] },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByTestId('equivalence-verdict')).toHaveTextContent(
      '1 output value is NaN or infinite',
    );
    await expect(canvas.getAllByRole('note')[0]).toHaveTextContent('2 values are not drawn');
  },
};

/** Extremes: kernels spanning 10⁻³⁰ … 10³⁰ on the magnitude axis. */
export const ExtremeValues: Story = {
  args: {
    magnitude: true,
    title: 'Kernels from 10⁻³⁰ to 10³⁰',
    kernels: [
      {
        id: 'grow',
        name: 'growing (unstable Ā > 1)',
        values: Array.from({ length: 61 }, (_, l) => 10 ** (l - 30)),
      },
      { id: 'decay', name: 'decaying', values: Array.from({ length: 61 }, (_, l) => -(10 ** (30 - l))) },
    ],
    equivalence: undefined,
  },
};

/** Dark theme. */
export const DarkTheme: Story = { decorators: [darkTheme] };
