import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { type ArchitectureReadout, type RecallQuery, RecallReadout } from '../components';
import { createModel, forward, type ModelConfig } from '../simulations/model';
import { IGNORE_INDEX } from '../simulations/tasks/example';
import { generateMqar } from '../simulations/tasks/mqar';
import { createVocabulary } from '../simulations/vocabulary/vocabulary';
import { loadModelWeights } from '../simulations/weights';
import { darkTheme } from './darkTheme';

// data: four shipped models trained on MQAR (V = 32, L = 16, K = 2), fetched from the static site and run by the
// engine's reference forward pass on a held-out-style example (seed 2026); queries and answers from its labels.
const VOCAB = createVocabulary({ vocabSize: 32 });
const [example] = generateMqar({ vocabSize: 32, seqLen: 16, numKvPairs: 2, numExamples: 1, seed: 2026 });
const MODELS: [id: string, name: string, explainWith: string][] = [
  ['attention-mqar-l16-k2-d32-s1', 'Attention', 'attention row'],
  ['based-mqar-l16-k2-d32-s1', 'Based', 'linear-attention state'],
  ['mamba2-mqar-l16-k2-d32-s1', 'Mamba-2', 'retention curve'],
  ['hawk-mqar-l16-k2-d32-s1', 'Hawk', 'retention curve'],
];
/** Zoology's convention: labels[t] is the target of the prediction made at t, where the query key stands. */
const queryRows = [...example.labels.keys()].filter((t) => example.labels[t] !== IGNORE_INDEX);
const mqarQueries: RecallQuery[] = queryRows.map((t) => ({
  position: t,
  key: VOCAB.label(example.inputs[t]),
  expected: VOCAB.label(example.labels[t]),
}));

async function runShipped(): Promise<{ architectures: ArchitectureReadout[] }> {
  const architectures = await Promise.all(
    MODELS.map(async ([id, name, explainWith]) => {
      const config = (await (await fetch(`models/${id}/config.json`)).json()) as ModelConfig;
      const bytes = await (await fetch(`models/${id}/model.safetensors`)).arrayBuffer();
      const model = createModel(config, loadModelWeights(config, bytes));
      const { logits } = forward(model, example.inputs);
      const V = config.vocabSize;
      const predictions = queryRows.map((t) => {
        const row = logits.subarray(t * V, (t + 1) * V);
        const max = Math.max(...row);
        const exp = Array.from(row, (z) => Math.exp(z - max));
        const best = exp.indexOf(Math.max(...exp));
        return { label: VOCAB.label(best), probability: exp[best] / exp.reduce((a, b) => a + b, 0) };
      });
      return { id, name, explainWith, predictions };
    }),
  );
  return { architectures };
}

// a small hand-made readout for the interaction tests (labels as the app shows them)
const queries: RecallQuery[] = [
  { position: 7, key: 'ant', expected: '3' },
  { position: 9, key: 'cow', expected: '8' },
  { position: 11, key: 'bee', expected: '5' },
];
const architectures: ArchitectureReadout[] = [
  {
    id: 'attention',
    name: 'Attention',
    explainWith: 'attention row',
    predictions: [
      { label: '3', probability: 0.97 },
      { label: '8', probability: 0.91 },
      { label: '5', probability: 0.88 },
    ],
  },
  {
    id: 'mamba',
    name: 'Mamba',
    explainWith: 'retention curve',
    predictions: [{ label: '3', probability: 0.64 }, { label: '5', probability: 0.41 }, null],
  },
];

const meta = {
  title: 'Visualisations/RecallReadout',
  component: RecallReadout,
  tags: ['autodocs'],
  args: {
    caption: 'Who recalls what: predicted value and its probability per query',
    queries,
    architectures,
    activeQuery: null,
    onExplain: fn(),
    onHighlightQuery: fn(),
  },
  argTypes: {
    caption: { control: 'text' },
    queries: { control: 'object', description: 'Queries `{ position, key, expected }`.' },
    architectures: {
      control: 'object',
      description:
        'Architectures `{ id, name, predictions: ({ label, probability } | null)[], explainWith? }`.',
    },
    activeQuery: { control: { type: 'number', min: 0 } },
  },
  parameters: {
    docs: {
      description: {
        component:
          'Per query and architecture: the predicted label, its probability and ✓/✗ (a mark, a hidden word and a ' +
          'dashed outline on wrong answers — never colour alone), a "why?" button per answer, and a score per ' +
          'architecture. Hovering or focusing a row reports it, to highlight the query elsewhere.',
      },
    },
  },
} satisfies Meta<typeof RecallReadout>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Four trained models answer an MQAR example: the shipped weights, run at story time. */
export const TrainedModels: Story = {
  args: {
    caption: `MQAR (V = 32, L = 16, K = 2): ${example.inputs.length} tokens, ${mqarQueries.length} queries`,
    queries: mqarQueries,
  },
  loaders: [runShipped],
  render: (args, { loaded }) => <RecallReadout {...args} architectures={loaded.architectures} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getAllByRole('row')).toHaveLength(mqarQueries.length + 2);
    await expect(canvas.getAllByRole('columnheader')).toHaveLength(2 + MODELS.length);
  },
};

/** Hand-made answers: Attention recalls all three; Mamba gets one wrong and has no answer for the third. */
export const Mixed: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByTestId('score-attention')).toHaveTextContent('3 / 3');
    await expect(canvas.getByTestId('score-mamba')).toHaveTextContent('1 / 2 (1 unanswered)');
    const wrong = canvasElement.querySelector('[data-arch="mamba"][data-grade="wrong"]') as HTMLElement;
    await expect(wrong).toHaveTextContent('wrong: 5 41%');
  },
};

/** "why?" asks the page for the evidence: the architecture and the query index. */
export const ExplainClick: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(
      canvas.getByRole('button', {
        name: /Why did Mamba answer 5 for “cow” at t = 9\? Show the retention curve/,
      }),
    );
    await expect(args.onExplain).toHaveBeenCalledWith('mamba', 1);
  },
};

/** Keyboard: Tab reaches every "why?" in reading order; focusing a row reports it; Enter explains. */
export const KeyboardExplain: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.tab();
    await expect(canvas.getByRole('button', { name: /Why did Attention answer 3 for “ant”/ })).toHaveFocus();
    await expect(args.onHighlightQuery).toHaveBeenLastCalledWith(0);
    await userEvent.tab();
    await userEvent.tab();
    await expect(canvas.getByRole('button', { name: /Why did Attention answer 8 for “cow”/ })).toHaveFocus();
    await expect(args.onHighlightQuery).toHaveBeenLastCalledWith(1);
    await userEvent.keyboard('{Enter}');
    await expect(args.onExplain).toHaveBeenLastCalledWith('attention', 1);
  },
};

/** Hover a row: it is reported (to highlight the query token in the sequence), and again on leaving. */
export const HoverRow: Story = {
  args: { activeQuery: 2 },
  play: async ({ canvasElement, args }) => {
    const row = canvasElement.querySelector('[data-query="1"]') as HTMLElement;
    await userEvent.hover(row);
    await expect(args.onHighlightQuery).toHaveBeenLastCalledWith(1);
    await userEvent.unhover(row);
    await expect(args.onHighlightQuery).toHaveBeenLastCalledWith(null);
    await expect(canvasElement.querySelector('[data-query="2"]')).toHaveAttribute('data-active', 'true');
  },
};

/** One query (T = 1 of a readout). */
export const SingleQuery: Story = {
  args: {
    queries: queries.slice(0, 1),
    architectures: architectures.map((a) => ({ ...a, predictions: a.predictions.slice(0, 1) })),
  },
};

/** No queries yet: an explanation of how to make one. */
export const Empty: Story = {
  args: { queries: [] },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('No queries');
  },
};

/** NaN/∞ probabilities read as "–", not as a number. */
export const NonFiniteProbabilities: Story = {
  args: {
    architectures: [
      {
        id: 'broken',
        name: 'Diverged model',
        predictions: [
          { label: '3', probability: Number.NaN },
          { label: '1', probability: Number.POSITIVE_INFINITY },
          { label: '5', probability: 0.5 },
        ],
      },
    ],
  },
  play: async ({ canvasElement }) => {
    const cell = canvasElement.querySelector('[data-arch="broken"][data-grade="correct"]') as HTMLElement;
    await expect(cell).toHaveTextContent('correct: 3 –');
  },
};

/** Extremes: 32 queries × 6 architectures, probabilities of 0, 1e-9 and 1 − 1e-9. */
export const ExtremeValues: Story = {
  args: {
    queries: Array.from({ length: 32 }, (_, i) => ({
      position: 2 * i + 1,
      key: VOCAB.label(1 + (i % 15)),
      expected: String(i % 10),
    })),
    architectures: Array.from({ length: 6 }, (_, a) => ({
      id: `arch${a}`,
      name: `Model ${a}`,
      predictions: Array.from({ length: 32 }, (_, i) => ({
        label: String((i + a) % 10),
        probability: [0, 1e-9, 1 - 1e-9, 1][(i + a) % 4],
      })),
    })),
  },
};

/** Dark theme. */
export const DarkTheme: Story = { decorators: [darkTheme] };
