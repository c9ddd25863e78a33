/**
 * The playground: the shipped-model index, which models run side by side, the ground truth of the sequence,
 * their latest readouts, and the stress sweep. The store keeps the runs up to date by itself: every change of
 * what the models see (the sequence, the preset, the models, the index) re-runs them while the playground is
 * watched (`watchPlayground`; createAppStore wires the re-run) — one request at a time to the inference worker,
 * one forward per model (with the inspector's trace), results of a superseded request dropped.
 */
import { type GroundTruth, groundTruth } from '../../../simulations/tasks/groundTruth';
import { defaultModelsFor, type ModelIndexEntry } from '../../domain/modelIndex';
import { presetOrDefault } from '../../domain/presets';
import type { InferenceClient } from '../../inference/inferenceClient';
import type { InferenceBackend } from '../../inference/protocol';
import type { SweepPoint } from '../../inference/sweep';
import { type ModelRunState, requestModelRuns, runningStates } from '../modelRuns';
import { MAX_SELECTED_MODELS } from '../urlCodec';
import type { AppState, SliceCreator } from './types';

export type { ModelRunState } from '../modelRuns';

export type ModelIndexState =
  | { status: 'loading' }
  | { status: 'ready'; models: ModelIndexEntry[] }
  | { status: 'error'; message: string };

export interface SweepState {
  status: 'idle' | 'running' | 'done' | 'cancelled';
  seqLen: number;
  done: number;
  total: number;
  series: Record<string, SweepPoint[]>;
  errors: Record<string, string>;
}

export interface PlaygroundSlice {
  /** Where the playground's forwards run (the inference worker's WebGPU device, or the CPU and why). */
  inferenceBackend: InferenceBackend;
  modelIndex: ModelIndexState;
  /** Explicit selection, or null for the preset's default models. */
  selectedModels: string[] | null;
  runs: Record<string, ModelRunState>;
  /** The labels (joined by spaces) the current `runs` were requested for. */
  runsFor: string;
  /** Ground truth of the current sequence under its preset's rule (queries, and each token's role). */
  truth: GroundTruth | null;
  sweep: SweepState;
  setModelIndex(index: ModelIndexState): void;
  setSelectedModels(ids: string[] | null): void;
  toggleModel(id: string): void;
  /** The models that run: the explicit selection, or the preset's default once the index is known. */
  activeModels(): string[];
  /** Runs the active models on the current sequence now (one forward each, with the inspector's trace). */
  runPlayground(): void;
  /**
   * The playground is on screen: from now until the returned function is called, the store re-runs the models
   * whenever what they see changes (and once now, if the runs are stale).
   */
  watchPlayground(): () => void;
  /**
   * What the store calls after a change of the playground's inputs (`playgroundInputs`): re-derives the ground
   * truth, and re-runs the models while the playground is watched.
   */
  playgroundInputsChanged(): void;
  startSweep(seqLen: number, examples?: number): void;
  cancelSweep(): void;
}

/** The ground truth of the current sequence under its preset's rule. */
function truthOf(state: AppState): GroundTruth {
  const preset = presetOrDefault(state.sequence.presetId);
  return groundTruth(state.sequence.labels, preset.vocabSize, preset.rule);
}

/** The models that run in `state` (read from its fields, so it also answers for a previous state). */
function activeModelsOf({ selectedModels, modelIndex, sequence }: AppState): string[] {
  if (selectedModels) return selectedModels;
  return modelIndex.status === 'ready'
    ? defaultModelsFor(presetOrDefault(sequence.presetId), modelIndex.models)
    : [];
}

/** Everything the playground's models see: a change of this re-runs them (createAppStore). */
export function playgroundInputs(state: AppState): string {
  const { sequence, modelIndex } = state;
  return `${sequence.labels.join(' ')}|${sequence.presetId}|${activeModelsOf(state).join(',')}|${modelIndex.status}`;
}

export const SWEEP_EXAMPLES = 64;
export const SWEEP_SEED = 7;

export const createPlaygroundSlice =
  (inference: InferenceClient | null, baseUrl: string): SliceCreator<PlaygroundSlice> =>
  (set, get) => {
    let runRequest = 0;
    let sweepRequest = 0;
    /** How many views show the playground's runs. */
    let watchers = 0;
    /** `playgroundInputs` of the last run. */
    let ranFor: string | null = null;
    inference?.onBackendChange((inferenceBackend) => set({ inferenceBackend }));
    return {
      inferenceBackend: inference?.backend() ?? {
        backend: 'cpu',
        reason: 'No Web Worker: the playground cannot run models.',
      },
      modelIndex: { status: 'loading' },
      selectedModels: null,
      runs: {},
      runsFor: '',
      truth: null,
      sweep: { status: 'idle', seqLen: 16, done: 0, total: 0, series: {}, errors: {} },
      setModelIndex: (modelIndex) => set({ modelIndex }),
      setSelectedModels: (ids) => set({ selectedModels: ids?.slice(0, MAX_SELECTED_MODELS) ?? null }),
      toggleModel(id) {
        const current = get().activeModels();
        const next = current.includes(id) ? current.filter((m) => m !== id) : [...current, id];
        get().setSelectedModels(next);
      },
      activeModels: () => activeModelsOf(get()),
      runPlayground() {
        const state = get();
        const truth = truthOf(state);
        const models = state.activeModels();
        if (inference && runRequest) inference.cancel(runRequest);
        runRequest = 0;
        ranFor = playgroundInputs(state);
        set({ truth, runsFor: state.sequence.labels.join(' '), runs: runningStates(models) });
        if (!inference || !truth.ok || models.length === 0) return;
        const id = requestModelRuns(
          inference,
          { baseUrl, models, labels: state.sequence.labels, queries: truth.queries, trace: true },
          (modelId, run) => {
            if (id === runRequest) set({ runs: { ...get().runs, [modelId]: run } });
          },
        );
        runRequest = id;
      },
      watchPlayground() {
        watchers++;
        if (ranFor !== playgroundInputs(get())) get().playgroundInputsChanged();
        let watching = true;
        return () => {
          if (watching) watchers--;
          watching = false;
        };
      },
      playgroundInputsChanged() {
        const state = get();
        if (watchers > 0 && state.modelIndex.status !== 'loading') state.runPlayground();
        else set({ truth: truthOf(state) });
      },
      startSweep(seqLen, examples = SWEEP_EXAMPLES) {
        const models = get().activeModels();
        if (!inference || models.length === 0) return;
        if (sweepRequest) inference.cancel(sweepRequest);
        set({ sweep: { status: 'running', seqLen, done: 0, total: 0, series: {}, errors: {} } });
        sweepRequest = inference.request(
          { type: 'sweep', baseUrl, modelIds: models, seqLen, examples, seed: SWEEP_SEED },
          (m) => {
            const sweep = get().sweep;
            if (m.type === 'sweepProgress') set({ sweep: { ...sweep, done: m.done, total: m.total } });
            else if (m.type === 'sweepPoint')
              set({
                sweep: {
                  ...sweep,
                  series: { ...sweep.series, [m.modelId]: [...(sweep.series[m.modelId] ?? []), m.point] },
                },
              });
            else if (m.type === 'modelError')
              set({ sweep: { ...sweep, errors: { ...sweep.errors, [m.modelId]: m.message } } });
            else if (m.type === 'done' && sweep.status === 'running')
              set({ sweep: { ...sweep, status: 'done' } });
          },
        );
      },
      cancelSweep() {
        if (inference && sweepRequest) inference.cancel(sweepRequest);
        sweepRequest = 0;
        set({ sweep: { ...get().sweep, status: 'cancelled' } });
      },
    };
  };
