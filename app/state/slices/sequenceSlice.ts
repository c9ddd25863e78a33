/**
 * The playground's sequence: the text in the editor (readable labels: keys as words, values as numbers,
 * filler _), the last labels that parsed, the task preset and seed that generated it, and the user's saved
 * sequences (localStorage, see savedSequences.ts).
 */
import { parseSequence, type SequenceProblem } from '../../../simulations/vocabulary/parseSequence';
import { DEFAULT_PRESET_ID, presetOrDefault, presetText } from '../../domain/presets';
import {
  deleteSequence,
  type KeyValueStorage,
  loadSavedSequences,
  type SavedSequence,
  saveSequence,
} from '../savedSequences';
import type { SliceCreator } from './types';

export interface PlaySequence {
  text: string;
  /** The last text that parsed, split into tokens. */
  labels: string[];
  problems: SequenceProblem[];
  presetId: string;
  seed: number;
}

export interface SequenceSlice {
  sequence: PlaySequence;
  saved: SavedSequence[];
  setPlayText(text: string): void;
  /** Switches to a preset and generates its example for `seed` (free edit keeps the text). */
  applyPreset(presetId: string, seed?: number): void;
  /** Replaces the whole sequence state at once (a shared link); invalid text keeps the old labels. */
  setSequenceState(next: { text: string; presetId: string; seed: number }): void;
  saveCurrentSequence(name: string): void;
  loadSavedSequence(name: string): void;
  deleteSavedSequence(name: string): void;
}

export const DEFAULT_SEED = 1;

export function defaultSequence(): PlaySequence {
  const text = presetText(presetOrDefault(DEFAULT_PRESET_ID), DEFAULT_SEED) as string;
  return { text, labels: text.split(' '), problems: [], presetId: DEFAULT_PRESET_ID, seed: DEFAULT_SEED };
}

export const createSequenceSlice =
  (storage: KeyValueStorage | null): SliceCreator<SequenceSlice> =>
  (set, get) => {
    const loaded = loadSavedSequences(storage);
    // Reported once the store exists (the notices slice is created alongside this one).
    if (loaded.problem) queueMicrotask(() => get().addNotice(loaded.problem as string));
    const withText = (base: PlaySequence, text: string): PlaySequence => {
      const parsed = parseSequence(text);
      return parsed.ok
        ? { ...base, text, labels: parsed.tokens, problems: [] }
        : { ...base, text, problems: parsed.problems };
    };
    const report = (r: { sequences: SavedSequence[]; problem?: string }) => {
      set({ saved: r.sequences });
      if (r.problem) get().addNotice(r.problem);
    };
    return {
      sequence: defaultSequence(),
      saved: loaded.sequences,
      setPlayText: (text) => set({ sequence: withText(get().sequence, text) }),
      applyPreset(presetId, seed = get().sequence.seed) {
        const preset = presetOrDefault(presetId);
        const text = presetText(preset, seed) ?? get().sequence.text;
        set({ sequence: withText({ ...get().sequence, presetId: preset.id, seed }, text) });
      },
      setSequenceState: ({ text, presetId, seed }) =>
        set({
          sequence: withText({ ...get().sequence, presetId: presetOrDefault(presetId).id, seed }, text),
        }),
      saveCurrentSequence(name) {
        const { text, presetId } = get().sequence;
        report(saveSequence(storage, get().saved, { name, text, presetId }));
      },
      loadSavedSequence(name) {
        const s = get().saved.find((x) => x.name === name);
        if (s)
          set({
            sequence: withText({ ...get().sequence, presetId: presetOrDefault(s.presetId).id }, s.text),
          });
      },
      deleteSavedSequence: (name) => report(deleteSequence(storage, get().saved, name)),
    };
  };
