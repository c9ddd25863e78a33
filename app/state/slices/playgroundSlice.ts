/**
 * The playground: the shipped-model index, which models run side by side, their latest readouts (one request
 * at a time to the inference worker; results of a superseded request are dropped), and the stress sweep.
 */
import type { InferenceClient } from '../../inference/inferenceClient';
import type { InferenceBackend } from '../../inference/protocol';
import type { ModelRun } from '../../inference/readout';
import type { SweepPoint } from '../../inference/sweep';
import { type GroundTruth, groundTruth } from '../../playground/groundTruth';
import type { ModelIndexEntry } from '../../playground/modelIndex';
import { defaultModelsFor } from '../../playground/modelIndex';
import { presetOrDefault } from '../../playground/presets';
import { MAX_SELECTED_MODELS } from '../urlCodec';
import type { SliceCreator } from './types';

export type ModelIndexState =
  | { status: 'loading' }
  | { status: 'ready'; models: ModelIndexEntry[] }
  | { status: 'error'; message: string };

export type ModelRunState =
  | { status: 'running' }
  | { status: 'ok'; run: ModelRun }
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
  /** Ground truth of the labels the runs were made on. */
  truth: GroundTruth | null;
  sweep: SweepState;
  setModelIndex(index: ModelIndexState): void;
  setSelectedModels(ids: string[] | null): void;
  toggleModel(id: string): void;
  /** The models that run: the explicit selection, or the preset's default once the index is known. */
  activeModels(): string[];
  runPlayground(): void;
  startSweep(seqLen: number, examples?: number): void;
  cancelSweep(): void;
}

export const SWEEP_EXAMPLES = 64;
export const SWEEP_SEED = 7;

export const createPlaygroundSlice =
  (inference: InferenceClient | null, baseUrl: string): SliceCreator<PlaygroundSlice> =>
  (set, get) => {
    let runRequest = 0;
    let sweepRequest = 0;
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
      activeModels() {
        const { selectedModels, modelIndex, sequence } = get();
        if (selectedModels) return selectedModels;
        return modelIndex.status === 'ready'
          ? defaultModelsFor(presetOrDefault(sequence.presetId), modelIndex.models)
          : [];
      },
      runPlayground() {
        const { sequence } = get();
        const preset = presetOrDefault(sequence.presetId);
        const truth = groundTruth(sequence.labels, preset.vocabSize, preset.rule);
        const models = get().activeModels();
        if (inference && runRequest) inference.cancel(runRequest);
        set({
          truth,
          runsFor: sequence.labels.join(' '),
          runs: Object.fromEntries(models.map((m) => [m, { status: 'running' } as ModelRunState])),
        });
        if (!inference || !truth.ok || models.length === 0) return;
        const id = inference.request(
          { type: 'run', baseUrl, modelIds: models, labels: sequence.labels, queries: truth.queries },
          (m) => {
            if (m.requestId !== runRequest) return;
            if (m.type === 'modelResult')
              set({ runs: { ...get().runs, [m.modelId]: { status: 'ok', run: m.run } } });
            else if (m.type === 'modelError')
              set({ runs: { ...get().runs, [m.modelId]: { status: 'error', message: m.message } } });
          },
        );
        runRequest = id;
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
