import type { Meta, StoryObj } from '@storybook/react-vite';
import { useMemo, useState } from 'react';
import { expect, fireEvent, fn, userEvent, waitFor, within } from 'storybook/test';
import { SequenceEditor, type SequenceEditorProps, type TokenRole } from '../components';
import { expectedAnswers } from '../simulations/tasks/freeEditing';
import { generateMqar } from '../simulations/tasks/mqar';
import { createVocabulary } from '../simulations/vocabulary/vocabulary';
import { darkTheme } from './darkTheme';

// data: roles and random sequences from the engine — the MQAR vocabulary (V = 64) says which labels are keys
// and values, `expectedAnswers` which keys are queries (a key already bound earlier in the sequence).
const VOCAB = createVocabulary({ vocabSize: 64 });
const LABEL_IDS = new Map(Array.from({ length: 64 }, (_, id) => [VOCAB.label(id), id]));
function rolesOf(tokens: readonly string[]): (TokenRole | null)[] {
  const ids = tokens.map((t) => LABEL_IDS.get(t) ?? -1); // a word outside the vocabulary has no role
  const answers = expectedAnswers(
    ids.map((id) => Math.max(id, 0)),
    { isKey: (id) => id > 0 && VOCAB.isKey(id), isValue: (id) => id > 0 && VOCAB.isValue(id) },
  );
  return ids.map((id, t) =>
    id < 0 ? null : answers[t] >= 0 ? 'query' : VOCAB.isKey(id) ? 'key' : VOCAB.isValue(id) ? 'value' : null,
  );
}
const mqarTokens = (seed: number, seqLen = 16, pairs = 3) =>
  Array.from(
    generateMqar({ vocabSize: 64, seqLen, numKvPairs: pairs, numExamples: 1, seed })[0].inputs,
    (id) => VOCAB.label(id),
  );

/** A 1024-token MQAR example (V = 2048, 64 pairs); labels outside the V = 64 vocabulary get no role. */
const BIG = createVocabulary({ vocabSize: 2048 });
const longTokens = Array.from(
  generateMqar({ vocabSize: 2048, seqLen: 1024, numKvPairs: 64, numExamples: 1, seed: 3 })[0].inputs,
  (id) => BIG.label(id),
);

const initial = 'ant 3 bee 5 cat 8 bee ant cat 1 ant 3'.split(' ');
const presets = [
  { name: 'Three pairs', tokens: initial },
  { name: 'Key overwrite', tokens: 'ant 3 bee 5 ant 7 bee ant'.split(' ') },
  { name: 'MQAR, L = 32', tokens: mqarTokens(7, 32, 4) },
];

/** The app's pattern: the parent owns the tokens, derives the roles, and draws random sequences. */
function Editor(args: SequenceEditorProps & { deriveRoles?: boolean }) {
  const { deriveRoles = true, ...props } = args;
  const [tokens, setTokens] = useState<string[]>([...args.tokens]);
  const [seed, setSeed] = useState(1);
  const roles = useMemo(
    () => (deriveRoles ? rolesOf(tokens) : args.roles),
    [deriveRoles, tokens, args.roles],
  );
  return (
    <div>
      <SequenceEditor
        {...props}
        tokens={tokens}
        roles={roles}
        onChange={(next) => {
          args.onChange(next);
          setTokens(next);
        }}
        onRandomise={
          args.onRandomise
            ? () => {
                args.onRandomise?.();
                setTokens(mqarTokens(seed));
                setSeed(seed + 1);
              }
            : undefined
        }
      />
      <p data-testid="parent-tokens">Parent: {tokens.join(' ')}</p>
    </div>
  );
}

const chip = (root: HTMLElement, i: number) => {
  const el = root.querySelector<HTMLButtonElement>(`.ba-seq-editor__chip[data-index="${i}"]`);
  if (!el) throw new Error(`no chip ${i}`);
  return el;
};
const parentTokens = (root: HTMLElement) => within(root).getByTestId('parent-tokens');

const meta = {
  title: 'Visualisations/SequenceEditor',
  component: SequenceEditor,
  tags: ['autodocs'],
  args: {
    tokens: initial,
    onChange: fn(),
    onRandomise: fn(),
    presets,
    label: 'Token sequence',
    maxTokens: 1024,
    highlightedIndex: null,
    windowFrom: 256,
  },
  argTypes: {
    tokens: { control: 'object' },
    roles: { control: 'object', description: "Role per token: 'key' | 'value' | 'query' | null." },
    presets: { control: 'object' },
    label: { control: 'text' },
    maxTokens: { control: { type: 'number', min: 1, max: 1024 } },
    highlightedIndex: { control: { type: 'number', min: 0 } },
    windowFrom: { control: { type: 'number', min: 1, max: 2048 } },
  },
  render: (args) => <Editor {...args} />,
  parameters: {
    docs: {
      description: {
        component:
          'Edit a token sequence: chips with readable labels and their role (K key, V value, Q query — a badge, a ' +
          'border style and words, not colour alone). Type or paste words to insert after the focused chip, ' +
          'Enter on a chip edits it, Delete/Backspace remove it, drag or Alt+←/→ (its keyboard equivalent) reorder ' +
          'it, Home/End jump to the first/last chip; presets and ' +
          "Randomise load sequences. Bad words are rejected inline with the engine parser's message and the " +
          'sequence keeps every token. From `windowFrom` tokens (256) on, the chips are equal grid cells and only the ' +
          "rows in view and the focused chip's row are rendered, so T = 1024 stays fast; the focused chip is kept " +
          'when the list scrolls, and each item carries its position in the whole list (aria-posinset/setsize). ' +
          'Controlled: `tokens` + `onChange`.',
      },
    },
  },
} satisfies Meta<typeof SequenceEditor>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Keys, values and queries marked from the engine's vocabulary and free-editing answers. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('button', { name: '0 ant, key' })).toBeInTheDocument();
    await expect(canvas.getByRole('button', { name: '1 3, value' })).toBeInTheDocument();
    await expect(canvas.getByRole('button', { name: '7 ant, query' })).toBeInTheDocument();
  },
};

/** Type words and press Enter: they are inserted after the focused chip; the parent gets the new sequence. */
export const TypeAndInsert: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(chip(canvasElement, 1)); // focus "3": insert after it
    await expect(canvas.getByText('Adds after token 1 “3”.')).toBeInTheDocument();
    await userEvent.type(canvas.getByTestId('sequence-entry'), 'owl 9{Enter}');
    await expect(args.onChange).toHaveBeenLastCalledWith([
      'ant',
      '3',
      'owl',
      '9',
      'bee',
      '5',
      'cat',
      '8',
      'bee',
      'ant',
      'cat',
      '1',
      'ant',
      '3',
    ]);
    await expect(canvas.getByTestId('sequence-entry')).toHaveValue('');
    await expect(canvas.getByTestId('sequence-entry')).toHaveFocus();
    await expect(canvas.getByTestId('token-count')).toHaveTextContent('14 / 1024 tokens');
  },
};

/** Invalid input is rejected inline with the parser's message; the sequence and the typed text are kept. */
export const InvalidInputRejected: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const entry = canvas.getByTestId('sequence-entry');
    await userEvent.type(entry, 'owl b@d 9{Enter}');
    await expect(canvas.getByRole('alert')).toHaveTextContent('Token 2 (“b@d”) may contain only letters');
    await expect(canvas.getByRole('alert')).toHaveTextContent('the sequence keeps its 12 tokens');
    await expect(entry).toHaveAttribute('aria-invalid', 'true');
    await expect(entry).toHaveValue('owl b@d 9');
    await expect(args.onChange).not.toHaveBeenCalled();
    await expect(parentTokens(canvasElement)).toHaveTextContent(`Parent: ${initial.join(' ')}`);
  },
};

/** The keyboard path: Tab to the chips, arrows move, Alt+→ moves a chip, Delete removes, Enter edits. */
export const KeyboardEditing: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    chip(canvasElement, 0).focus();
    await userEvent.keyboard('{ArrowRight}{ArrowRight}');
    await expect(chip(canvasElement, 2)).toHaveFocus();
    await userEvent.keyboard('{Alt>}{ArrowRight}{/Alt}'); // bee ↔ 5
    await expect(args.onChange).toHaveBeenLastCalledWith([
      'ant',
      '3',
      '5',
      'bee',
      'cat',
      '8',
      'bee',
      'ant',
      'cat',
      '1',
      'ant',
      '3',
    ]);
    await expect(chip(canvasElement, 3)).toHaveFocus();
    await expect(canvas.getByTestId('sequence-announcement')).toHaveTextContent('Moved “bee” to position 3.');
    await userEvent.keyboard('{Alt>}{ArrowLeft}{/Alt}'); // and back
    await expect(parentTokens(canvasElement)).toHaveTextContent(`Parent: ${initial.join(' ')}`);
    await userEvent.keyboard('{Delete}');
    await expect(parentTokens(canvasElement)).toHaveTextContent('Parent: ant 3 5 cat');
    await expect(chip(canvasElement, 2)).toHaveFocus(); // the next token, "5"
    await userEvent.keyboard('{Enter}');
    const entry = canvas.getByTestId('sequence-entry');
    await expect(entry).toHaveFocus();
    await expect(entry).toHaveValue('5');
    await userEvent.clear(entry);
    await userEvent.type(entry, '6{Enter}');
    await expect(parentTokens(canvasElement)).toHaveTextContent('Parent: ant 3 6 cat 8');
  },
};

/** Drag a chip onto another position (the pointer twin of Alt+←/→). */
export const DragToReorder: Story = {
  play: async ({ canvasElement, args }) => {
    const from = chip(canvasElement, 0);
    const target = chip(canvasElement, 4).parentElement as HTMLElement;
    const dataTransfer = new DataTransfer();
    await fireEvent.dragStart(from, { dataTransfer });
    await fireEvent.dragOver(target, { dataTransfer });
    await expect(target).toHaveAttribute('data-drop-target', 'true');
    await fireEvent.drop(target, { dataTransfer });
    await expect(args.onChange).toHaveBeenLastCalledWith([
      '3',
      'bee',
      '5',
      'cat',
      'ant',
      '8',
      'bee',
      'ant',
      'cat',
      '1',
      'ant',
      '3',
    ]);
  },
};

/** Paste onto a chip inserts the clipboard's words after it; the × button deletes with the mouse. */
export const PasteAndDelete: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    chip(canvasElement, 1).focus();
    await userEvent.paste('owl 9');
    await expect(parentTokens(canvasElement)).toHaveTextContent('Parent: ant 3 owl 9 bee 5');
    await userEvent.click(canvas.getByRole('button', { name: 'Delete token 0 “ant”' }));
    await expect(parentTokens(canvasElement)).toHaveTextContent('Parent: 3 owl 9 bee 5');
  },
};

/** Presets and Randomise load whole sequences (Randomise draws a seeded MQAR example). */
export const PresetsAndRandomise: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Key overwrite' }));
    await expect(parentTokens(canvasElement)).toHaveTextContent('Parent: ant 3 bee 5 ant 7 bee ant');
    await expect(canvas.getByRole('button', { name: '7 ant, query' })).toBeInTheDocument();
    await userEvent.click(canvas.getByRole('button', { name: 'Randomise' }));
    await expect(args.onRandomise).toHaveBeenCalledTimes(1);
    await expect(parentTokens(canvasElement)).toHaveTextContent(`Parent: ${mqarTokens(1).join(' ')}`);
  },
};

/** A token highlighted from outside (e.g. the query row hovered in the recall readout). */
export const Highlighted: Story = {
  args: { highlightedIndex: 9 },
  play: async ({ canvasElement }) => {
    await expect(chip(canvasElement, 9)).toHaveAttribute('data-highlighted', 'true');
  },
};

/** T = 1. */
export const SingleToken: Story = { args: { tokens: ['ant'] } };

/** Empty: a prompt to type, and the entry field. */
export const Empty: Story = {
  args: { tokens: [] },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText(/The sequence is empty/)).toBeInTheDocument();
    await userEvent.type(canvas.getByTestId('sequence-entry'), 'ant 3{Enter}');
    await expect(parentTokens(canvasElement)).toHaveTextContent('Parent: ant 3');
  },
};

/** T = 1024, at the limit: the chips scroll, and one more token is refused with a message. */
export const T1024AtTheLimit: Story = {
  args: { tokens: longTokens },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByTestId('sequence-entry'), 'ant{Enter}');
    await expect(canvas.getByRole('alert')).toHaveTextContent(
      '1 new tokens do not fit: the sequence has room for 0 more',
    );
  },
};

/**
 * T = 1024 by keyboard: the chips are windowed (only the rows in view and the focused chip's row are in the DOM),
 * End jumps to the last token, Enter edits it, and the roving focus survives scrolling the list away from it.
 */
export const T1024Keyboard: Story = {
  args: { tokens: longTokens, maxTokens: 1024 },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const list = canvas.getByRole('list', { name: 'Token sequence: 1024 tokens' });
    const rendered = () => canvasElement.querySelectorAll('.ba-seq-editor__chip').length;
    await expect(rendered()).toBeLessThan(300);
    chip(canvasElement, 0).focus();
    await userEvent.keyboard('{End}');
    await waitFor(() => expect(chip(canvasElement, 1023)).toHaveFocus());
    await expect(chip(canvasElement, 1023).parentElement).toHaveAttribute('aria-posinset', '1024');
    await expect(chip(canvasElement, 1023).parentElement).toHaveAttribute('aria-setsize', '1024');
    // focus scrolled the list to the end, and the last chip is inside its visible box
    await expect(list.scrollTop).toBeGreaterThan(list.scrollHeight - list.clientHeight - 2 * 34);
    const inView = (i: number) => {
      const box = list.getBoundingClientRect();
      const r = chip(canvasElement, i).getBoundingClientRect();
      return r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
    };
    await expect(inView(1023)).toBe(true);
    await userEvent.keyboard('{ArrowLeft}');
    await expect(chip(canvasElement, 1022)).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    const entry = canvas.getByTestId('sequence-entry');
    await expect(entry).toHaveFocus();
    await expect(entry).toHaveValue(longTokens[1022]);
    await userEvent.clear(entry);
    await userEvent.type(entry, 'owl{Enter}');
    await expect(args.onChange).toHaveBeenLastCalledWith([
      ...longTokens.slice(0, 1022),
      'owl',
      longTokens[1023],
    ]);
    // Scroll back to the start: the edited chip keeps its row (and tabindex 0), so Shift+Tab returns to it.
    list.scrollTop = 0;
    await fireEvent.scroll(list);
    await waitFor(() => expect(chip(canvasElement, 0)).toBeInTheDocument());
    await expect(chip(canvasElement, 1022)).toHaveAttribute('tabindex', '0');
    await expect(rendered()).toBeLessThan(300);
    await userEvent.tab({ shift: true });
    await expect(chip(canvasElement, 1022)).toHaveFocus();
    await expect(chip(canvasElement, 1022)).toHaveAccessibleName(/^1022 owl/);
    await userEvent.keyboard('{Home}');
    await waitFor(() => expect(chip(canvasElement, 0)).toHaveFocus());
  },
};

/** Extremes: 16-character tokens, words outside the vocabulary (no role), and non-Latin letters. */
export const ExtremeValues: Story = {
  args: { tokens: ['abcdefghijklmnop', 'ant', '3', 'Ωμέγα', '日本', '_', 'ant', "it's", '1234567890123456'] },
};

/** Dark theme. */
export const DarkTheme: Story = { decorators: [darkTheme] };
