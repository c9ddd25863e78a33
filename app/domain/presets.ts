/**
 * The playground's task presets. Each generates one example from the engine's task generators
 * (simulations/tasks) with a seed, and names the ground-truth rule the readout uses for ANY edit of it
 * (simulations/tasks/groundTruth.ts: 'bindings', the binding rule of free editing; 'induction';
 * 'selective-copy').
 */
import {
  type GroundTruthRule,
  generateInductionHeads,
  generateKeyOverwrite,
  generateMqar,
  generateNeedle,
  generateSelectiveCopying,
} from '../../simulations/tasks';
import { createVocabulary } from '../../simulations/vocabulary/vocabulary';

export interface PresetDefinition {
  id: string;
  label: string;
  /** What the preset demonstrates, one sentence. */
  description: string;
  vocabSize: number;
  rule: GroundTruthRule;
  /** Matches index.json entries trained for this preset's setting (the default selection). */
  matchesModel(task: ModelTask): boolean;
  /** Token ids of one example; undefined for free edit (keeps the current text). */
  generate?(seed: number): Int32Array;
}

export interface ModelTask {
  kind: string;
  vocabSize: number;
  seqLen?: number;
  numKvPairs?: number;
}

const mqarPreset = (L: number, K: number, V: number): PresetDefinition => ({
  id: `mqar-${L}`,
  label: `MQAR, ${K} pairs in ${L} tokens`,
  description: `Multi-query associative recall as in Zoology: ${K} key–value pairs, then every key asked again.`,
  vocabSize: V,
  rule: 'bindings',
  matchesModel: (t) => t.kind === 'mqar' && t.seqLen === L && t.numKvPairs === K,
  generate: (seed) =>
    generateMqar({ vocabSize: V, seqLen: L, numKvPairs: K, numExamples: 1, seed })[0].inputs,
});

export const PRESETS: readonly PresetDefinition[] = [
  mqarPreset(16, 2, 32),
  mqarPreset(32, 4, 64),
  mqarPreset(64, 4, 128),
  {
    id: 'selective-copying',
    label: 'Selective copying',
    description:
      'Four data tokens scattered in noise; after the markers, copy them out in order (Mamba §4.1).',
    vocabSize: 16,
    rule: 'selective-copy',
    matchesModel: (t) => t.kind === 'selective-copying',
    generate: (seed) =>
      generateSelectiveCopying({ noiseLength: 24, numTokens: 4, vocabSize: 16, numExamples: 1, seed })[0]
        .inputs,
  },
  {
    id: 'induction-heads',
    label: 'Induction heads',
    description: 'A trigger token appears once mid-sequence and again at the end: recall what followed it.',
    vocabSize: 16,
    rule: 'induction',
    matchesModel: (t) => t.kind === 'induction-heads',
    generate: (seed) => generateInductionHeads({ seqLen: 32, vocabSize: 16, numExamples: 1, seed })[0].inputs,
  },
  {
    id: 'needle',
    label: 'Needle in a haystack',
    description: 'One key–value pair hidden in filler, asked for at the very end.',
    vocabSize: 32,
    rule: 'bindings',
    matchesModel: (t) => t.kind === 'mqar' && t.seqLen === 16 && t.numKvPairs === 2,
    generate: (seed) =>
      generateNeedle({ vocabSize: 32, seqLen: 16, depth: (seed % 5) / 4, numExamples: 1, seed })[0].inputs,
  },
  {
    id: 'key-overwrite',
    label: 'Key overwrite',
    description: 'Keys bound, one re-bound later: the latest binding must win.',
    vocabSize: 32,
    rule: 'bindings',
    matchesModel: (t) => t.kind === 'mqar' && t.seqLen === 16 && t.numKvPairs === 2,
    generate: (seed) =>
      generateKeyOverwrite({ vocabSize: 32, numKeys: 2, numRebinds: 1, numExamples: 1, seed })[0].inputs,
  },
  {
    id: 'free',
    label: 'Free edit',
    description:
      'Type any keys (animal words), values (numbers) and filler (_): bindings decide the answers.',
    vocabSize: 32,
    rule: 'bindings',
    matchesModel: (t) => t.kind === 'mqar' && t.seqLen === 16 && t.numKvPairs === 2,
  },
];

export const DEFAULT_PRESET_ID = 'mqar-16';

export function findPreset(id: string): PresetDefinition | undefined {
  return PRESETS.find((p) => p.id === id);
}

export function presetOrDefault(id: string): PresetDefinition {
  return findPreset(id) ?? (findPreset(DEFAULT_PRESET_ID) as PresetDefinition);
}

/** The example's tokens as the readable labels the editor shows (keys as words, values as numbers, filler _). */
export function presetText(preset: PresetDefinition, seed: number): string | undefined {
  if (!preset.generate) return undefined;
  const vocab = createVocabulary({ vocabSize: preset.vocabSize });
  return Array.from(preset.generate(seed), (id) => vocab.label(id)).join(' ');
}
