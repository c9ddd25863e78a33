/**
 * One way to run models on a sequence, for every reader of runs (the playground, the chapters' live figures,
 * talk mode): one request to the inference worker, each model's readout reported as it arrives (a failure of
 * one model never hides the others).
 */
import type { Query } from '../../simulations/tasks/groundTruth';
import type { InferenceClient } from '../inference/inferenceClient';
import type { ModelRun } from '../inference/readout';

export type ModelRunState =
  | { status: 'running' }
  | { status: 'ok'; run: ModelRun }
  | { status: 'error'; message: string };

export interface ModelRunsRequest {
  baseUrl: string;
  models: readonly string[];
  labels: readonly string[];
  queries: Query[];
  /** Also read back the inspector's trace (from the same forward). */
  trace: boolean;
}

/** Every model marked as running. */
export const runningStates = (models: readonly string[]): Record<string, ModelRunState> =>
  Object.fromEntries(models.map((m) => [m, { status: 'running' } as ModelRunState]));

/** Every model marked as failed with the same message. */
export const failedStates = (models: readonly string[], message: string): Record<string, ModelRunState> =>
  Object.fromEntries(models.map((m) => [m, { status: 'error', message } as ModelRunState]));

/** Sends the run; `onRun` gets each model's final state. Returns the request id (for `inference.cancel`). */
export function requestModelRuns(
  inference: InferenceClient,
  { baseUrl, models, labels, queries, trace }: ModelRunsRequest,
  onRun: (modelId: string, state: ModelRunState) => void,
): number {
  return inference.request(
    { type: 'run', baseUrl, modelIds: [...models], labels: [...labels], queries, trace },
    (m) => {
      if (m.type === 'modelResult') onRun(m.modelId, { status: 'ok', run: m.run });
      else if (m.type === 'modelError') onRun(m.modelId, { status: 'error', message: m.message });
    },
  );
}
