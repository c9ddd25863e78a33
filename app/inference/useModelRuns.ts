/**
 * Runs a fixed list of shipped models on a fixed labelled sequence, for figures and talk scenes that must not
 * touch the playground's state. Re-runs when the inputs change (compared by value) or when `runKey` changes.
 */
import { useEffect, useState } from 'react';
import type { Query } from '../playground/groundTruth';
import { groundTruth } from '../playground/groundTruth';
import type { GroundTruthRule } from '../playground/presets';
import type { ModelRunState } from '../state/slices/playgroundSlice';
import { inferenceClient, siteBaseUrl } from '../state/useAppStore';

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

export function useModelRuns({ labels, vocabSize, rule, models, runKey = 0 }: ModelRunsInput): {
  queries: Query[];
  runs: Record<string, ModelRunState>;
} {
  const labelsKey = labels.join(' ');
  const modelsKey = models.join(',');
  const [state, setState] = useState<{ queries: Query[]; runs: Record<string, ModelRunState> }>({
    queries: [],
    runs: {},
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: runKey is a deliberate re-run trigger
  useEffect(() => {
    const ids = modelsKey.split(',').filter(Boolean);
    const tokens = labelsKey.split(' ');
    const truth = groundTruth(tokens, vocabSize, rule);
    if (!truth.ok) {
      setState({
        queries: [],
        runs: Object.fromEntries(ids.map((m) => [m, { status: 'error', message: truth.problems[0] }])),
      });
      return;
    }
    setState({
      queries: truth.queries,
      runs: Object.fromEntries(ids.map((m) => [m, { status: 'running' }])),
    });
    const client = inferenceClient;
    if (!client) return;
    const id = client.request(
      { type: 'run', baseUrl: siteBaseUrl, modelIds: ids, labels: tokens, queries: truth.queries },
      (m) => {
        if (m.type === 'modelResult')
          setState((s) => ({ ...s, runs: { ...s.runs, [m.modelId]: { status: 'ok', run: m.run } } }));
        else if (m.type === 'modelError')
          setState((s) => ({
            ...s,
            runs: { ...s.runs, [m.modelId]: { status: 'error', message: m.message } },
          }));
      },
    );
    return () => client.cancel(id);
  }, [labelsKey, modelsKey, vocabSize, rule, runKey]);
  return state;
}

/** Loads models into the worker ahead of time (talk mode), so the first scene that needs them answers at once. */
export function preloadModels(models: readonly string[]): void {
  inferenceClient?.request({ type: 'preload', baseUrl: siteBaseUrl, modelIds: [...models] }, () => {});
}
