import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { MoeRouting } from '../components/MoeRouting/MoeRouting';
import { routerLogits } from '../simulations/moe/topKRouting';
import { createRng } from '../simulations/random/rng';

// data: router logits x·W_r of seeded token embeddings and router weights, by simulations/moe/topKRouting.ts;
// `bias` is added to expert 0's logit (a router that has collapsed onto one expert)
function logitsFor(T: number, E: number, seed: number, bias = 0, scale = 1): Float64Array {
  const d = 8;
  const rng = createRng(seed);
  const x = Float32Array.from({ length: T * d }, () => rng.nextNormal());
  const w = Float32Array.from({ length: d * E }, () => (scale * rng.nextNormal()) / Math.sqrt(d));
  const logits = routerLogits(x, w, T, d, E);
  for (let t = 0; t < T; t++) logits[t * E] += bias;
  return logits;
}
const tokens = 'the cat sat on the mat and the dog ate my hat'.split(' ');
const positions = (n: number) => Array.from({ length: n }, (_, i) => `t${i}`);

const meta = {
  title: 'Section III/MoeRouting',
  component: MoeRouting,
  tags: ['autodocs'],
  args: {
    logits: logitsFor(tokens.length, 4, 1),
    tokens,
    experts: 4,
    k: 2,
    capacityFactor: null,
    label: 'Mixture-of-experts routing',
    onFocusedTokenChange: fn(),
  },
  argTypes: {
    logits: { control: false, description: 'Router logits `[T × E]`, row-major.' },
    tokens: { control: 'object' },
    experts: { control: { type: 'number', min: 1, max: 16 } },
    k: { control: { type: 'number', min: 1, max: 16 } },
    capacityFactor: { control: { type: 'number', min: 0.25, max: 4, step: 0.25 } },
    expertNames: { control: 'object' },
    focusedToken: { control: { type: 'number', min: 0 } },
    label: { control: 'text' },
  },
  parameters: {
    docs: {
      description: {
        component:
          'Top-k routing of a mixture-of-experts layer (GShard, Switch, Mixtral): each token goes to its k most ' +
          'probable experts with renormalised gates (link width). With a capacity factor, each expert takes ' +
          'at most ⌈factor · T · k / E⌉ assignments and drops the rest (dashed). Bars give the load per expert; ' +
          'the balance loss is Switch’s E · Σ f·P (1 for a uniform router).',
      },
    },
  },
} satisfies Meta<typeof MoeRouting>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Twelve tokens, top-2 of 4 experts, no capacity limit. */
export const TopTwoOfFour: Story = {
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelectorAll('[data-link]')).toHaveLength(24);
    await expect(within(canvasElement).getByTestId('moe-dropped')).toHaveTextContent('0');
  },
};

/** Keyboard: focus the diagram, arrows move between tokens, the readout names each token's experts. */
export const KeyboardFocus: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const root = canvas.getByTestId('moe-routing');
    await userEvent.tab();
    await expect(canvas.getByRole('application')).toHaveFocus();
    await expect(canvas.getByRole('application')).toHaveAccessibleDescription(
      /Arrow Up\/Down move between tokens/,
    );
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    await expect(root).toHaveAttribute('data-focused', '1');
    await expect(args.onFocusedTokenChange).toHaveBeenLastCalledWith(1);
    await expect(
      canvas.getByText(/^Token 1 “cat” → E\d \(gate 0\.\d\d\), E\d \(gate 0\.\d\d\)\.$/),
    ).toBeInTheDocument();
    await userEvent.keyboard('{End}');
    await expect(root).toHaveAttribute('data-focused', '11');
    await userEvent.keyboard('{Escape}');
    await expect(root).toHaveAttribute('data-focused', '');
  },
};

/** A collapsed router (expert 0 favoured by +4) with capacity factor 1: expert 0 fills up and drops the rest. */
export const CapacityDrops: Story = {
  args: { logits: logitsFor(tokens.length, 4, 1, 4), capacityFactor: 1 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText(/⌈1 · 12 · 2 \/ 4⌉ = 6/)).toBeInTheDocument();
    await expect(canvas.getByTestId('moe-dropped')).toHaveTextContent('6'); // all 12 want E0, 6 fit
    await expect(canvasElement.querySelectorAll('[data-kept="false"]')).toHaveLength(6);
    await expect(Number(canvas.getByTestId('moe-balance').textContent)).toBeGreaterThan(1.5);
  },
};

/** Switch Transformer routing: top-1, named experts. */
export const SwitchTopOne: Story = {
  args: { k: 1, experts: 4, expertNames: ['syntax', 'nouns', 'verbs', 'other'], capacityFactor: 1.25 },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelectorAll('[data-link]')).toHaveLength(12);
    await expect(canvasElement.querySelector('[data-expert="0"]')).toHaveTextContent('syntax');
  },
};

/** T = 1. */
export const SingleToken: Story = {
  args: { logits: logitsFor(1, 4, 2), tokens: ['cat'] },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelectorAll('[data-link]')).toHaveLength(2);
  },
};

/** No tokens: a clear message. */
export const Empty: Story = {
  args: { logits: [], tokens: [] },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent('there are no tokens');
  },
};

const withNaN = logitsFor(tokens.length, 4, 3);
withNaN[4 * 2 + 1] = Number.NaN;

/** A NaN logit: refused with the exact position, not a crash. */
export const NaNLogit: Story = {
  args: { logits: withNaN },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent(
      'Router logit (token 2, expert 1) is NaN',
    );
  },
};

/** Extreme logits (weights ×1000): every router probability saturates at 0 or 1; 1024 tokens over 8 experts. */
export const ExtremeLogitsLong: Story = {
  args: {
    logits: logitsFor(1024, 8, 4, 0, 1000),
    tokens: positions(1024),
    experts: 8,
    k: 2,
    capacityFactor: 1,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvasElement.querySelectorAll('[data-link]')).toHaveLength(2048);
    await expect(canvas.getByText(/⌈1 · 1024 · 2 \/ 8⌉ = 256/)).toBeInTheDocument();
    await expect(canvas.getByTestId('moe-balance').textContent).toMatch(/^\d\.\d{3}$/);
  },
};
