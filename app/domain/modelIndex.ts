/**
 * public/models/index.json: the shipped models. Read from the site's own origin; validated entry by entry so a
 * bad entry is reported, not fatal.
 */
import type { Fetcher } from './fetcher';
import type { ModelTask, PresetDefinition } from './presets';

export interface ModelIndexEntry {
  id: string;
  architecture: string;
  task: ModelTask;
  dModel: number;
  parameters: number;
  /** Inference memory at the trained length, bytes (KV cache or fixed state). */
  stateBytes: number;
  testAccuracy: number;
  stepsRun: number;
}

export const MODEL_INDEX_PATH = 'models/index.json';

const isEntry = (e: unknown): e is ModelIndexEntry => {
  const m = e as ModelIndexEntry;
  return (
    typeof m === 'object' &&
    m !== null &&
    typeof m.id === 'string' &&
    /^[a-z0-9][a-z0-9.-]{0,79}$/.test(m.id) &&
    typeof m.architecture === 'string' &&
    typeof m.task?.kind === 'string' &&
    typeof m.task.vocabSize === 'number' &&
    typeof m.testAccuracy === 'number' &&
    typeof m.stateBytes === 'number' &&
    typeof m.parameters === 'number'
  );
};

export async function fetchModelIndex(fetcher: Fetcher, baseUrl: string): Promise<ModelIndexEntry[]> {
  let data: { version?: number; models?: unknown[] };
  try {
    const response = await fetcher(new URL(MODEL_INDEX_PATH, baseUrl).href);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    data = (await response.json()) as typeof data;
  } catch (error) {
    throw new Error(`Could not load ${MODEL_INDEX_PATH}: ${(error as Error).message}`);
  }
  if (data?.version !== 1 || !Array.isArray(data.models))
    throw new Error(`${MODEL_INDEX_PATH} is not a version-1 model index`);
  return data.models.filter(isEntry);
}

/** Architectures shown first by default: full attention against the recurrent families. */
const DEFAULT_ORDER = [
  'attention',
  'based',
  'mamba',
  'hawk',
  'mamba2',
  's4d',
  'linear-attention',
  'sliding-window',
];
export const DEFAULT_MODEL_COUNT = 4;

export function defaultModelsFor(preset: PresetDefinition, models: readonly ModelIndexEntry[]): string[] {
  const matching = models.filter((m) => preset.matchesModel(m.task));
  const rank = (m: ModelIndexEntry) => {
    const i = DEFAULT_ORDER.indexOf(m.architecture);
    return i < 0 ? DEFAULT_ORDER.length : i;
  };
  return [...matching]
    .sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id))
    .slice(0, DEFAULT_MODEL_COUNT)
    .map((m) => m.id);
}
