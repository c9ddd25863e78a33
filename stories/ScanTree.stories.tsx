import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { ScanTree } from '../components';
import { formatValue } from '../components/shared/format';
import { createRng } from '../simulations/random/rng';
import { SCAN_KINDS } from '../simulations/scans/scanNetworks';
import { type SelectiveScanInputs, selectiveScan } from '../simulations/ssm/selectiveScan';
import { darkTheme } from './darkTheme';

// data: a seeded Mamba selective scan (S6); channel 0, state 1 is the scalar recurrence
//   h_t = exp(Δ_t·A[0,1])·h_{t−1} + Δ_t·B_t[1]·x_t[0]    (selectiveScan.ts)
function mambaInputs(T: number, seed: number): SelectiveScanInputs {
  const rng = createRng(seed);
  const D = 2;
  const N = 2;
  const f = (n: number, g: () => number) => Float32Array.from({ length: n }, g);
  return {
    x: f(T * D, () => rng.nextNormal()),
    delta: f(T * D, () => Math.log1p(Math.exp(rng.nextNormal() - 1))),
    A: f(D * N, () => -Math.exp(rng.nextNormal())),
    B: f(T * N, () => rng.nextNormal()),
    C: f(T * N, () => rng.nextNormal()),
    Dskip: f(D, () => 1),
    seqLen: T,
    channels: D,
    stateSize: N,
  };
}
const CHANNEL = 0;
const STATE = 1;
function mambaRecurrence(T: number, seed: number) {
  const inputs = mambaInputs(T, seed);
  const { x, delta, A, B, channels: D, stateSize: N } = inputs;
  const a = Array.from({ length: T }, (_, t) => Math.exp(delta[t * D + CHANNEL] * A[CHANNEL * N + STATE]));
  const b = Array.from(
    { length: T },
    (_, t) => delta[t * D + CHANNEL] * B[t * N + STATE] * x[t * D + CHANNEL],
  );
  // The engine's own states h_t[channel, state], to check the circuit's last row against.
  const states = selectiveScan(inputs, { trace: true }).states as Float32Array;
  const h = Array.from({ length: T }, (_, t) => states[(t * D + CHANNEL) * N + STATE]);
  return { a, b, h };
}
const small = mambaRecurrence(8, 3);
const large = mambaRecurrence(1024, 4);

const meta = {
  title: 'Visualisations/ScanTree',
  component: ScanTree,
  tags: ['autodocs'],
  args: {
    a: small.a,
    b: small.b,
    label: 'Mamba channel 0, state 1',
    defaultKind: 'hillisSteele',
    kinds: SCAN_KINDS,
    initialLevel: 0,
    stepMs: 900,
    autoPlay: false,
    width: 640,
    svgMaxSlots: 64,
    onKindChange: fn(),
    onLevelChange: fn(),
  },
  argTypes: {
    a: { control: 'object', description: 'Decays a_t of h_t = a_t·h_{t−1} + b_t.' },
    b: { control: 'object', description: 'Inputs b_t.' },
    label: { control: 'text' },
    kind: { control: 'select', options: [undefined, ...SCAN_KINDS] },
    defaultKind: { control: 'select', options: SCAN_KINDS },
    kinds: { control: 'check', options: SCAN_KINDS },
    initialLevel: { control: { type: 'number', min: 0 } },
    stepMs: { control: { type: 'range', min: 50, max: 2000, step: 50 } },
    autoPlay: { control: 'boolean' },
    reducedMotion: { control: 'select', options: [undefined, true, false] },
    width: { control: { type: 'range', min: 240, max: 1200, step: 20 } },
    svgMaxSlots: { control: { type: 'number', min: 1, max: 1024 } },
  },
  parameters: {
    docs: {
      description: {
        component:
          'A parallel prefix scan as a circuit: one vertical wire per position t, one row per level, one node per ' +
          '∘ (the composition of affine maps (a₁, b₁) ∘ (a₂, b₂) = (a₁a₂, a₂b₁ + b₂)). The values are the real ' +
          '(a, b) of a Mamba selective-scan channel computed by the engine; the last row is checked against the ' +
          'sequential scan. Play/step through the levels, pick a network to compare depth and work. ' +
          '"Show the slot values as a table" is the text alternative.',
      },
    },
  },
} satisfies Meta<typeof ScanTree>;
export default meta;
type Story = StoryObj<typeof meta>;

const plot = (canvasElement: HTMLElement) =>
  within(canvasElement).getByRole('application', { name: /Mamba channel 0, state 1|T = 1024/ });

/** Hillis–Steele on 8 elements at rest: the inputs (a_t, b_t) on top of each wire. */
export const HillisSteele: Story = {};

/** Every level executed: the bottom row equals the engine's own Mamba states h_t, and the sequential scan. */
export const Finished: Story = {
  args: { initialLevel: 99 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByTestId('scan-status')).toHaveTextContent(
      /Done: all 8 outputs equal the sequential scan/,
    );
    await expect(canvas.getByTestId('scan-level')).toHaveTextContent('3 / 3');
    await expect(canvas.getByTestId('scan-work')).toHaveTextContent('17 / 17');
    const row = canvasElement.querySelector('[data-result="5"] text');
    await expect(row).toHaveTextContent(formatValue(small.h[5]));
  },
};

/** Play runs one level per tick and stops at the end. */
export const PlayToTheEnd: Story = {
  args: { stepMs: 60 },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const root = canvas.getByTestId('scan-tree');
    await userEvent.click(canvas.getByRole('button', { name: /Play/ }));
    await expect(root).toHaveAttribute('data-playing', 'true');
    await waitFor(() => expect(root).toHaveAttribute('data-level', '3'), { timeout: 3000 });
    await expect(root).toHaveAttribute('data-playing', 'false');
    await waitFor(() => expect(args.onLevelChange).toHaveBeenLastCalledWith(3));
    await expect(canvas.getByRole('button', { name: /Play/ })).toBeEnabled();
  },
};

/** Keyboard: → runs a level, ← undoes it, ↓ picks a position for the readout, End finishes. */
export const KeyboardStepping: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const root = canvas.getByTestId('scan-tree');
    plot(canvasElement).focus();
    await expect(plot(canvasElement)).toHaveAccessibleDescription(/→ runs the next level/);
    await userEvent.keyboard('{ArrowRight}{ArrowRight}');
    await expect(root).toHaveAttribute('data-level', '2');
    await expect(canvas.getByTestId('scan-work')).toHaveTextContent('13 / 17'); // 7 + 6 combines
    await expect(canvas.getByText(/Level 2 of 3 \(distance 2\): 6 operations/)).toBeInTheDocument();
    await userEvent.keyboard('{ArrowLeft}');
    await expect(root).toHaveAttribute('data-level', '1');
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}');
    await expect(canvas.getByText(/x\[2\] ← x\[1\] ∘ x\[2\] \(level 1\)/)).toBeInTheDocument();
    await userEvent.keyboard('{End}');
    await expect(canvas.getByTestId('scan-status')).toHaveTextContent(/Done/);
    await userEvent.keyboard('{Home}');
    await expect(root).toHaveAttribute('data-level', '0');
  },
};

/** Hover a node to read the ∘ it computes, with the operands before its level and the result after. */
export const HoverANode: Story = {
  args: { initialLevel: 99 },
  play: async ({ canvasElement }) => {
    const node = canvasElement.querySelector('[data-level="2"][data-slot="3"]');
    if (!node) throw new Error('no node at level 2, slot 3');
    await userEvent.hover(node);
    await expect(
      within(canvasElement).getByText(/x\[3\] ← x\[1\] ∘ x\[3\] \(level 2\): \(.+\) ∘ \(.+\) → \(.+\)/),
    ).toBeInTheDocument();
    await userEvent.unhover(node);
  },
};

/** Switch networks: the counters and the comparison table follow; Blelloch pads 8 → 8 slots and still matches. */
export const SwitchToBlelloch: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const root = canvas.getByTestId('scan-tree');
    await userEvent.click(canvas.getByRole('radio', { name: 'Blelloch' }));
    await expect(args.onKindChange).toHaveBeenLastCalledWith('blelloch');
    await expect(root).toHaveAttribute('data-kind', 'blelloch');
    await expect(root).toHaveAttribute('data-depth', '8');
    const row = canvas.getByRole('row', { name: /Blelloch/ });
    await expect(row).toHaveAttribute('aria-current', 'true');
    await userEvent.click(canvas.getByRole('button', { name: /End/ }));
    await expect(canvas.getByTestId('scan-status')).toHaveTextContent(/Done: all 8 outputs equal/);
    await userEvent.click(canvas.getByRole('radio', { name: 'Sequential' }));
    await expect(root).toHaveAttribute('data-level', '0'); // a new network starts from its inputs
    await expect(canvas.getByTestId('scan-work')).toHaveTextContent('0 / 7');
  },
};

/** Brent–Kung: 2·log₂ n − 1 levels with little work. */
export const BrentKung: Story = { args: { defaultKind: 'brentKung', initialLevel: 3 } };

/** Sklansky: log₂ n levels, fan-out from the end of each block. */
export const Sklansky: Story = { args: { defaultKind: 'sklansky', initialLevel: 2 } };

/** T = 1: every network is trivial; Blelloch still clears and adds its input. */
export const SingleElement: Story = {
  args: { a: [0.5], b: [2], defaultKind: 'blelloch', initialLevel: 99 },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByTestId('scan-status')).toHaveTextContent(
      /Done: all 1 outputs equal/,
    );
  },
};

/** No elements: a clear message instead of a circuit. */
export const Empty: Story = {
  args: { a: [], b: [] },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent(
      'There are no elements to scan.',
    );
  },
};

/** NaN and ∞ in the data: named in a message, nothing drawn from them. */
export const NonFiniteValues: Story = {
  args: { a: [0.5, Number.NaN, 0.9, 1], b: [1, 2, Number.POSITIVE_INFINITY, 0] },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent(
      'not finite numbers: a[1] = NaN, b[2] = Infinity.',
    );
  },
};

/** Extreme values: growth a = 1000 and inputs up to 1e12 print in exponent form and still match. */
export const ExtremeValues: Story = {
  args: {
    a: [1000, 1000, 1e-6, 1000, 1000, 1000],
    b: [1e12, -3e-9, 7, 1e12, -1e12, 0.5],
    initialLevel: 99,
  },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByTestId('scan-status')).toHaveTextContent(
      /Done: all 6 outputs equal/,
    );
    await expect(canvasElement.querySelector('[data-result="1"] text')).toHaveTextContent('1.0e+15');
  },
};

/** T = 1024: the circuit goes on a canvas (10 levels, 9 217 ∘); stepping and the check still work. */
export const T1024OnCanvas: Story = {
  args: { a: large.a, b: large.b, label: 'Mamba channel 0, T = 1024' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const root = canvas.getByTestId('scan-tree');
    await expect(root).toHaveAttribute('data-render-mode', 'canvas');
    await expect(root).toHaveAttribute('data-depth', '10');
    await userEvent.click(canvas.getByRole('button', { name: /Step/ }));
    await expect(canvas.getByTestId('scan-work')).toHaveTextContent('1023 / 9217');
    await userEvent.click(canvas.getByRole('button', { name: /End/ }));
    await expect(canvas.getByTestId('scan-status')).toHaveTextContent(/Done: all 1024 outputs equal/);
  },
};

/** Reduced motion: no Play button, no timer; the levels are stepped by hand. */
export const ReducedMotion: Story = {
  args: { reducedMotion: true, autoPlay: true },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.queryByRole('button', { name: /Play/ })).toBeNull();
    await expect(canvas.getByTestId('scan-tree')).toHaveAttribute('data-playing', 'false');
    await expect(canvas.getByText('Reduced motion: step through the levels.')).toBeVisible();
    plot(canvasElement).focus();
    await userEvent.keyboard(' ');
    await expect(canvas.getByTestId('scan-tree')).toHaveAttribute('data-playing', 'false');
  },
};

/** The dark theme: the same component under dark values of the theme variables. */
export const DarkTheme: Story = {
  args: { initialLevel: 2 },
  decorators: [darkTheme],
};

/** The text alternative: every slot's (a, b) per level, and the sequential h_t. */
export const TableAlternative: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByText('Show the slot values as a table'));
    const table = canvas.getByRole('table', { name: /Hillis–Steele scan of 8 elements/ });
    await expect(within(table).getAllByRole('row')).toHaveLength(1 + 4 + 1);
    await expect(within(table).getByRole('rowheader', { name: 'sequential h_t' })).toBeVisible();
  },
};
