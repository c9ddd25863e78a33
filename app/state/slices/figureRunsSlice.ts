/**
 * Runs of fixed models on fixed sequences, for the chapters' live figures and talk mode (they never touch the
 * playground's state). A view watches an input (`watchModelRuns`); the first watcher starts one run (no trace:
 * these views show the readout only), the last one to leave cancels it and forgets the result.
 */
import { type GroundTruthRule, groundTruth, type Query } from '../../../simulations/tasks/groundTruth';
import type { InferenceClient } from '../../inference/inferenceClient';
import { failedStates, type ModelRunState, requestModelRuns, runningStates } from '../modelRuns';
import type { SliceCreator } from './types';

export interface ModelRunsInput {
  /** Token labels. */
  labels: readonly string[];
  /** Vocabulary size the ground truth is read in. */
  vocabSize: number;
  rule: GroundTruthRule;
  /** Model ids, in display order. */
  models: readonly string[];
  /** Change to force a re-run (talk mode's reset). */
  runKey?: number;
}

export interface FigureRuns {
  queries: Query[];
  runs: Record<string, ModelRunState>;
}

/** The key an input's runs are kept under (inputs equal by value share one run). */
export const modelRunsKey = ({ labels, vocabSize, rule, models, runKey = 0 }: ModelRunsInput) =>
  `${vocabSize}|${rule}|${runKey}|${models.join(',')}|${labels.join(' ')}`;

export interface FigureRunsSlice {
  /** Runs by `modelRunsKey`, while watched. */
  figureRuns: Record<string, FigureRuns>;
  /** A view shows these runs until the returned function is called. */
  watchModelRuns(input: ModelRunsInput): () => void;
  /** Loads models into the worker ahead of time (talk mode), so the first view that needs them answers at once. */
  preloadModels(models: readonly string[]): void;
}

export const createFigureRunsSlice =
  (inference: InferenceClient | null, baseUrl: string): SliceCreator<FigureRunsSlice> =>
  (set, get) => {
    const watched = new Map<string, { count: number; requestId: number }>();
    const put = (key: string, runs: FigureRuns) => set({ figureRuns: { ...get().figureRuns, [key]: runs } });
    const start = (key: string, input: ModelRunsInput, entry: { requestId: number }) => {
      const models = [...input.models];
      const truth = groundTruth(input.labels, input.vocabSize, input.rule);
      if (!truth.ok) return put(key, { queries: [], runs: failedStates(models, truth.problems[0]) });
      put(key, { queries: truth.queries, runs: runningStates(models) });
      if (!inference) return;
      entry.requestId = requestModelRuns(
        inference,
        { baseUrl, models, labels: input.labels, queries: truth.queries, trace: false },
        (modelId, run) => {
          const current = get().figureRuns[key];
          if (watched.get(key) === entry && current)
            put(key, { ...current, runs: { ...current.runs, [modelId]: run } });
        },
      );
    };
    return {
      figureRuns: {},
      watchModelRuns(input) {
        const key = modelRunsKey(input);
        let entry = watched.get(key);
        if (entry) entry.count++;
        else {
          entry = { count: 1, requestId: 0 };
          watched.set(key, entry);
          start(key, input, entry);
        }
        const mine = entry;
        let watching = true;
        return () => {
          if (!watching) return;
          watching = false;
          if (--mine.count > 0 || watched.get(key) !== mine) return;
          watched.delete(key);
          if (inference && mine.requestId) inference.cancel(mine.requestId);
          const { [key]: _, ...rest } = get().figureRuns;
          set({ figureRuns: rest });
        };
      },
      preloadModels(models) {
        inference?.request({ type: 'preload', baseUrl, modelIds: [...models] }, () => {});
      },
    };
  };
