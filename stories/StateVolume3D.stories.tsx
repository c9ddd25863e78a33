import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fireEvent, fn, userEvent, waitFor, within } from 'storybook/test';
import { StateVolume3D } from '../components/StateVolume3D/StateVolume3D';
import type { FeatureMapKind } from '../simulations/linearAttention/featureMaps';
import { linearAttentionRecurrent } from '../simulations/linearAttention/linearAttention';
import { createRng } from '../simulations/random/rng';
import { withoutWebGl2 } from './withoutWebGl2';

// data: the recurrent state S_t = S_{t−1} + φ(k_t) v_tᵀ of one linear-attention head, computed by the engine at
// story time from seeded projections
function linearStates(
  seqLen: number,
  keyDim: number,
  valueDim: number,
  featureMap: FeatureMapKind,
  seed: number,
) {
  const rng = createRng(seed);
  const fill = (n: number) => Float32Array.from({ length: seqLen * n }, () => rng.nextNormal());
  const { trace } = linearAttentionRecurrent(
    { q: fill(keyDim), k: fill(keyDim), v: fill(valueDim), heads: 1, seqLen, keyDim, valueDim, featureMap },
    { trace: true },
  );
  if (!trace) throw new Error('no trace');
  return { states: trace.states, rows: trace.featureDim, cols: valueDim };
}

const tokens = 'ant 3 bee 5 cow 8 bee ant cow 1 ant 3'.split(' ');
const small = linearStates(tokens.length, 6, 8, 'eluPlusOne', 1);
const positions = (n: number) => Array.from({ length: n }, (_, i) => `t${i}`);

const meta = {
  title: 'Visualisations/StateVolume3D',
  component: StateVolume3D,
  tags: ['autodocs'],
  args: {
    states: small.states,
    rows: small.rows,
    cols: small.cols,
    tokens,
    label: 'Linear attention state S_t',
    rowLabel: 'key feature φ(k)',
    colLabel: 'value channel',
    opacity: 0.2,
    depth: 3,
    autoRotate: false,
    forceFallback: false,
    width: 640,
    height: 420,
    onStepChange: fn(),
  },
  argTypes: {
    states: { control: false, description: 'States `[steps, rows, cols]`, row-major.' },
    rows: { control: { type: 'number', min: 1 } },
    cols: { control: { type: 'number', min: 1 } },
    tokens: { control: 'object' },
    label: { control: 'text' },
    rowLabel: { control: 'text' },
    colLabel: { control: 'text' },
    step: { control: { type: 'number', min: 0 } },
    opacity: { control: { type: 'range', min: 0.05, max: 1, step: 0.05 } },
    depth: { control: { type: 'range', min: 0.5, max: 10, step: 0.5 } },
    autoRotate: { control: 'boolean' },
    forceFallback: { control: 'boolean' },
    width: { control: { type: 'range', min: 240, max: 1200, step: 20 } },
    height: { control: { type: 'range', min: 200, max: 900, step: 20 } },
  },
  parameters: {
    docs: {
      description: {
        component:
          'A recurrent state over time as a volume: the state after each token is one slice, stacked along ' +
          'the time axis, coloured with the library’s state palette, RdBu (blue negative, white 0, red positive). The slider, [ and ] step ' +
          'through time; arrow keys, + − and 0 orbit. Without WebGL 2 the selected slice is a 2D heatmap; its ' +
          'values are a table.',
      },
    },
  },
} satisfies Meta<typeof StateVolume3D>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Linear attention's d_k × d_v state filling up over twelve tokens (it only ever adds: no forgetting). */
export const LinearAttentionState: Story = {
  play: async ({ canvasElement }) => {
    const root = within(canvasElement).getByTestId('state-volume-3d');
    await waitFor(() => expect(root).toHaveAttribute('data-mode', '3d'));
    await expect(canvasElement.querySelector('canvas')).not.toBeNull();
  },
};

/** Keyboard: ] and [ step through time, the arrows orbit, 0 resets the view. */
export const KeyboardStepAndOrbit: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const root = canvas.getByTestId('state-volume-3d');
    await waitFor(() => expect(root).toHaveAttribute('data-mode', '3d'));
    const view = canvas.getByRole('application');
    view.focus();
    await expect(view).toHaveAccessibleDescription(/\[ and \] \(or Page Up \/ Page Down\) step through time/);
    await userEvent.keyboard(']]]');
    await expect(root).toHaveAttribute('data-step', '3');
    await expect(args.onStepChange).toHaveBeenLastCalledWith(3);
    await userEvent.keyboard('[['); // user-event escapes a literal [ as [[
    await expect(root).toHaveAttribute('data-step', '2');
    await expect(canvas.getByText(/State after step 2 \(“bee”\): ‖S‖_F = \d/)).toBeInTheDocument();
    await userEvent.keyboard('{ArrowLeft}{ArrowDown}');
    await expect(root).toHaveAttribute('data-azimuth', '-55');
    await expect(root).toHaveAttribute('data-elevation', '10');
    await userEvent.keyboard('0');
    await expect(root).toHaveAttribute('data-azimuth', '-40');
    await userEvent.keyboard('{PageDown}{PageDown}');
    await expect(root).toHaveAttribute('data-step', '4');
  },
};

/** The state norm only grows for linear attention (S_t adds φ(k_t)v_tᵀ, φ ≥ 0): the table shows the numbers. */
export const SliderAndTable: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const slider = canvas.getByRole('slider', { name: /Step 0 of 11/ });
    fireEvent.change(slider, { target: { value: '11' } });
    await expect(canvas.getByRole('slider', { name: /Step 11 of 11: “3”/ })).toHaveValue('11');
    await userEvent.click(canvas.getByText('Show the selected state as a table'));
    const table = canvas.getByRole('table', { name: /after step 11/ });
    await expect(within(table).getAllByRole('row')).toHaveLength(small.rows + 1);
  },
};

/** The 2D fallback: the selected slice as a heatmap, with the same slider. */
export const Fallback2D: Story = {
  args: { forceFallback: true, step: 5 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByTestId('state-volume-3d')).toHaveAttribute('data-mode', '2d');
    await expect(canvas.getByRole('status')).toHaveTextContent(
      'showing the state after step 5 (“8”) as a 2D heatmap',
    );
    await expect(canvasElement.querySelectorAll('.ba-state-volume__heatmap rect')).toHaveLength(
      small.rows * small.cols + 1,
    );
  },
};

/** T = 1: a single slice. */
export const SingleStep: Story = {
  args: { states: small.states.subarray(0, small.rows * small.cols), tokens: ['ant'] },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('slider')).toBeDisabled();
  },
};

/** No steps: a clear message. */
export const Empty: Story = {
  args: { states: new Float32Array(0), tokens: [] },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent('there are no time steps');
  },
};

const withNonFinite = Float32Array.from(small.states);
withNonFinite[3] = Number.NaN;
withNonFinite[small.rows * small.cols * 4 + 7] = Number.NEGATIVE_INFINITY;

/** NaN and −∞ entries: grey cells, a notice, "—" in the readout; the colour scale ignores them. */
export const NonFiniteValues: Story = {
  args: { states: withNonFinite, label: 'State with NaN and −∞' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText(/2 values are NaN or ±Infinity/)).toBeInTheDocument();
    await expect(canvas.getByText(/‖S‖_F = —/)).toBeInTheDocument();
  },
};

const taylor = linearStates(64, 3, 4, 'taylor', 2); // Based's 2nd-order Taylor map: 1 + 3 + 9 = 13 features
const extreme = Float32Array.from(taylor.states, (v, i) => (i % 5 === 0 ? v * 1e6 : v * 1e-6));

/** Extreme magnitudes (×1e6 and ×1e-6) over T = 64 steps of a 13 × 4 Taylor-feature state: no overflow in the UI. */
export const ExtremeValuesLong: Story = {
  args: {
    states: extreme,
    rows: taylor.rows,
    cols: taylor.cols,
    tokens: positions(64),
    label: 'Scaled Taylor-feature state',
    depth: 6,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByTestId('state-volume-3d')).toHaveAttribute('data-mode', '3d'));
    await expect(canvas.getByText(/max \|S\| = \d\.\d\de\+\d/)).toBeInTheDocument();
  },
};

/**
 * T = 1024 steps of a 6 × 8 linear-attention state (computed at story time by a loader): the volume draws one
 * slice every 16 steps, the last one and the selected one, each at its place in time; ] still steps by one and
 * the selected slice is always drawn.
 */
export const T1024: Story = {
  args: {
    tokens: positions(1024),
    label: 'Linear attention state, T = 1024',
    depth: 6,
    states: new Float32Array(0),
  },
  loaders: [async () => ({ long: linearStates(1024, 6, 8, 'eluPlusOne', 5) })],
  render: (args, { loaded }) => {
    const long = loaded.long as ReturnType<typeof linearStates>;
    return <StateVolume3D {...args} states={long.states} rows={long.rows} cols={long.cols} />;
  },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const root = canvas.getByTestId('state-volume-3d');
    await waitFor(() => expect(root).toHaveAttribute('data-mode', '3d'), { timeout: 10_000 });
    await expect(
      canvas.getByText(/draws one slice every 16 steps, the last one and the selected one \(65 slices\)/),
    ).toBeInTheDocument();
    const view = canvas.getByRole('application', {
      name: /1024 states of 6 × 8 stacked along time \(65 of them drawn\)/,
    });
    view.focus();
    await userEvent.keyboard(']]]');
    await expect(root).toHaveAttribute('data-step', '3');
    await expect(args.onStepChange).toHaveBeenLastCalledWith(3);
    await expect(canvas.getByText(/\(66 slices\)/)).toBeInTheDocument(); // step 3 joins the drawn ones
    fireEvent.change(canvas.getByRole('slider'), { target: { value: '1023' } });
    await expect(root).toHaveAttribute('data-step', '1023');
    await expect(canvas.getByText(/State after step 1023 \(“t1023”\): ‖S‖_F = \d/)).toBeInTheDocument();
  },
};

/** A browser without WebGL 2: the probe fails and the selected slice is drawn as a 2D heatmap. */
export const WithoutWebGl: Story = {
  // Not on the docs page: its beforeEach patches a browser global, and the docs page renders every story at
  // once, so the patch would reach the other stories there too (they all fell back to 2D).
  tags: ['!autodocs'],
  beforeEach: withoutWebGl2,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByTestId('state-volume-3d')).toHaveAttribute('data-mode', '2d'));
    await expect(canvas.getByRole('status')).toHaveTextContent('WebGL 2 is not available in this browser');
    await expect(canvasElement.querySelector('.ba-state-volume__heatmap')).not.toBeNull();
  },
};
