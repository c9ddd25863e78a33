import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, userEvent, within } from 'storybook/test';
import {
  type GateDecays,
  type GateStrip,
  GateStrips,
  type GateStripsProps,
  retentionCurve,
} from '../components';
import { architecturePreset, createModel, forward, initParams } from '../simulations/model';
import { createVocabulary } from '../simulations/vocabulary/vocabulary';
import { darkTheme } from './darkTheme';

// data: an MQAR-style sequence run through seeded, untrained 2-layer presets (d = 16) by the engine's
// reference forward pass; the strips are layer 0's traced gates.
const VOCAB = 32;
const vocabulary = createVocabulary({ vocabSize: VOCAB });
const sequence = (T: number) =>
  Array.from({ length: T }, (_, t) => (t % 2 === 0 ? 1 + ((t * 7) % 15) : 16 + ((t * 5) % 16)));
const labelsOf = (ids: number[]) => ids.map((id) => vocabulary.label(id));

/** [H, T, w] (heads layout) → [T, H·w] (token-major, as the strips expect). */
function fromHeads(x: Float32Array, H: number, T: number, w: number): Float32Array {
  const out = new Float32Array(T * H * w);
  for (let h = 0; h < H; h++)
    for (let t = 0; t < T; t++) out.set(x.subarray((h * T + t) * w, (h * T + t + 1) * w), t * H * w + h * w);
  return out;
}

function layer0(arch: string, ids: number[]) {
  const config = architecturePreset(arch, {
    vocabSize: VOCAB,
    dModel: 16,
    maxSeqLen: Math.max(ids.length, 1),
  });
  const model = createModel(config, initParams(config, 3));
  const trace = forward(model, ids, { trace: true }).trace;
  if (!trace) throw new Error('no trace');
  return trace.layers[0].mixer as Record<string, unknown>;
}

/** Mamba's Δ strip and its decays exp(Δ_t·A[c, n]) over every channel and state. */
function mambaGates(ids: number[]): { strips: GateStrip[]; decays: GateDecays } {
  const tr = layer0('mamba', ids);
  const delta = tr.delta as Float32Array;
  const A = tr.A as Float32Array;
  const D = tr.channels as number;
  const N = tr.stateSize as number;
  const T = ids.length;
  const a = new Float32Array(T * D * N);
  for (let t = 0; t < T; t++)
    for (let c = 0; c < D; c++)
      for (let n = 0; n < N; n++) a[(t * D + c) * N + n] = Math.exp(delta[t * D + c] * A[c * N + n]);
  return {
    strips: [{ id: 'mamba-delta', label: 'Mamba Δ (step size)', values: delta, channels: D }],
    decays: { label: 'Mamba exp(Δ·A), mean over channels and states', values: a, channels: D * N },
  };
}

/** RG-LRU's recurrence gate r, input gate i and decay a (Hawk). */
function rgLruGates(ids: number[]): { strips: GateStrip[]; decays: GateDecays } {
  const tr = layer0('hawk', ids);
  const d = (tr.a as Float32Array).length / ids.length;
  return {
    strips: [
      {
        id: 'rglru-r',
        label: 'RG-LRU r (recurrence gate)',
        values: tr.r as Float32Array,
        channels: d,
        domain: [0, 1],
      },
      {
        id: 'rglru-i',
        label: 'RG-LRU i (input gate)',
        values: tr.i as Float32Array,
        channels: d,
        domain: [0, 1],
      },
      { id: 'rglru-a', label: 'RG-LRU a = σ(Λ)^(c·r)', values: tr.a as Float32Array, channels: d },
    ],
    decays: { label: 'RG-LRU a, mean over channels', values: tr.a as Float32Array, channels: d },
  };
}

/** GLA's data-dependent forget gate α per key channel (2 heads). */
function glaGates(ids: number[]): { strips: GateStrip[]; decays: GateDecays } {
  const tr = layer0('gla', ids);
  const H = tr.heads as number;
  const T = ids.length;
  const alpha = tr.alpha as Float32Array;
  const w = alpha.length / (H * T);
  const values = fromHeads(alpha, H, T, w);
  return {
    strips: [{ id: 'gla-alpha', label: 'GLA α (forget gate)', values, channels: H * w }],
    decays: { label: 'GLA α, mean over key channels', values, channels: H * w },
  };
}

const ids12 = sequence(12);
const hawk12 = rgLruGates(ids12);

const meta = {
  title: 'Visualisations/GateStrips',
  component: GateStrips,
  tags: ['autodocs'],
  args: {
    tokens: labelsOf(ids12),
    strips: hawk12.strips,
    decays: hawk12.decays,
    width: 640,
    onSelectedTokenChange: fn(),
  },
  argTypes: {
    tokens: { control: 'object' },
    strips: {
      control: false,
      description: 'Gates `{ id, label, values [T, channels], channels, domain? }`.',
    },
    decays: {
      control: false,
      description: 'Decays `{ label, values [T, channels], channels }` for the retention curve.',
    },
    selectedToken: { control: { type: 'number', min: 0 } },
    width: { control: { type: 'range', min: 240, max: 1100, step: 20 } },
  },
  parameters: {
    docs: {
      description: {
        component:
          'Gates and step sizes per token and channel (Mamba Δ, RG-LRU r/i/a, GLA α), each a channels × tokens ' +
          'heatmap in viridis over its own range, NaN/∞ hatched. Click a token or use the arrow keys on the ' +
          'strips to plot its retention curve: the mean over channels of ∏ a from that token to t. Data: ' +
          "seeded, untrained presets run by the engine's reference forward pass.",
      },
    },
  },
} satisfies Meta<typeof GateStrips>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Hawk's RG-LRU gates r, i and the decay a over 12 tokens, with the retention of token 0. */
export const RgLru: Story = {};

/** Mamba's Δ (large Δ: reset and write; small Δ: keep the state) and the retention through exp(Δ·A). */
export const MambaDelta: Story = { args: { ...mambaGates(ids12) } };

/** GLA's forget gate α per key channel (two heads side by side in the channel axis). */
export const GlaAlpha: Story = { args: { ...glaGates(ids12) } };

/** Keyboard: focus the strips (a slider over tokens); →, End and Home move the retention source. */
export const KeyboardSelect: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const slider = canvas.getByRole('slider', { name: 'Token whose retention is plotted' });
    await userEvent.tab();
    await expect(slider).toHaveFocus();
    await userEvent.keyboard('{ArrowRight}{ArrowRight}');
    await expect(slider).toHaveAttribute('aria-valuenow', '2');
    await expect(args.onSelectedTokenChange).toHaveBeenLastCalledWith(2);
    await expect(canvas.getByRole('figure', { name: /Retention of token 2/ })).toBeInTheDocument();
    // the curve's value at the end equals the pure helper's product of decays
    const curve = retentionCurve(hawk12.decays.values, 12, hawk12.decays.channels, 2);
    await userEvent.click(canvas.getByText('Show channel means as a table'));
    await expect(canvas.getByRole('row', { name: new RegExp(`^11 ${args.tokens[11]} `) })).toHaveTextContent(
      String(Number(curve[11].toPrecision(3))),
    );
    slider.focus(); // back from the table's summary
    await userEvent.keyboard('{End}');
    await expect(slider).toHaveAttribute('aria-valuenow', '11');
    await userEvent.keyboard('{Home}');
    await expect(slider).toHaveAttribute('aria-valuenow', '0');
  },
};

/** Hover a cell to read its value; click a column to select that token. */
export const HoverAndClick: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const strip = canvas.getByTestId('strip-rglru-r');
    const box = strip.getBoundingClientRect();
    const at = { clientX: box.x + (box.width / 12) * 5.5, clientY: box.y + 2 };
    await userEvent.pointer({ target: strip, coords: at });
    await expect(
      canvas.getByText(
        new RegExp(`^Token 5 “${args.tokens[5]}”, channel 0: RG-LRU r \\(recurrence gate\\) = 0\\.\\d+`),
      ),
    ).toBeInTheDocument();
    await userEvent.pointer({ keys: '[MouseLeft]', target: strip, coords: at });
    await expect(canvas.getByTestId('gate-strips')).toHaveAttribute('data-selected-token', '5');
    await expect(args.onSelectedTokenChange).toHaveBeenLastCalledWith(5);
    await expect(canvas.getByTestId('retention-summary')).toHaveTextContent(/^Token 5/);
  },
};

/** Controlled: the parent owns the selected token (e.g. linked to a query in the sequence editor). */
function Controlled(args: GateStripsProps) {
  const [token, setToken] = useState(args.selectedToken ?? 3);
  return (
    <GateStrips
      {...args}
      selectedToken={token}
      onSelectedTokenChange={(t) => {
        args.onSelectedTokenChange?.(t);
        setToken(t);
      }}
    />
  );
}
export const ControlledSelection: Story = {
  args: { selectedToken: 3 },
  render: (args) => <Controlled {...args} />,
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('slider')).toHaveAttribute('aria-valuenow', '3');
  },
};

/** T = 1: one column; the retention curve is the single point 1. */
export const SingleToken: Story = { args: { tokens: labelsOf(sequence(1)), ...rgLruGates(sequence(1)) } };

/** No tokens: a clear placeholder. */
export const Empty: Story = {
  args: { tokens: [], strips: [], decays: undefined },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('No tokens');
  },
};

/** T = 1024: Mamba's Δ over a long sequence on the canvas; token indices instead of labels. */
export const T1024: Story = {
  args: { tokens: labelsOf(sequence(1024)), ...mambaGates(sequence(1024)), width: 1024 },
};

/** NaN and ∞ in a gate are hatched; a mis-sized strip says so instead of drawing garbage. */
export const NonFiniteAndMisSized: Story = {
  args: {
    tokens: ['a', 'b', 'c', 'd'],
    strips: [
      {
        id: 'nan',
        label: 'a gate with NaN and ∞',
        values: [0.1, Number.NaN, 0.5, Number.POSITIVE_INFINITY, 0.9, 0.2, Number.NaN, 0.4],
        channels: 2,
      },
      { id: 'short', label: 'a mis-sized gate', values: [0.1, 0.2], channels: 2 },
    ],
    decays: { label: 'decays with a NaN', values: [1, 0.5, Number.NaN, 0.9], channels: 1 },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(
      canvas.getByText(/cannot draw: 4 tokens × 2 channels need 8 values, got 2/),
    ).toBeInTheDocument();
    await expect(canvas.getByRole('note')).toHaveTextContent('2 values are not drawn');
  },
};

/** Extreme values: Δ from 10⁻⁶ to 10⁶ and decays of exactly 0 and 1 (forget all, keep all). */
export const ExtremeValues: Story = {
  args: {
    tokens: ['keep', 'keep', 'reset', 'keep', 'keep', 'keep'],
    strips: [{ id: 'delta', label: 'Δ', values: [1e-6, 1e-3, 1e6, 1, 1e-6, 1e-6], channels: 1 }],
    decays: { label: 'a_t', values: [1, 1, 0, 1, 1, 1], channels: 1 },
  },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByTestId('retention-summary')).toHaveTextContent(
      'falls below half after 2 steps (t = 2)',
    );
  },
};

/** Dark theme. */
export const DarkTheme: Story = { decorators: [darkTheme] };
