/** Messages between the page and the inference Web Worker (app/workers/inferenceWorker.ts). */
import type { RunnerStatus } from '../../kernels/runtime/gpuRunner';
import type { ModelConfig } from '../../simulations/model/config';
import type { Query } from '../../simulations/tasks/groundTruth';
import type { ModelRun } from './readout';
import type { SweepPoint } from './sweep';

export type InferenceRequest =
  | { type: 'preload'; requestId: number; baseUrl: string; modelIds: string[] }
  | {
      type: 'run';
      requestId: number;
      baseUrl: string;
      modelIds: string[];
      labels: string[];
      queries: Query[];
      /** Also return the inspector's views, from the trace of the same forward as the readout's logits. */
      trace: boolean;
    }
  | {
      type: 'sweep';
      requestId: number;
      baseUrl: string;
      modelIds: string[];
      seqLen: number;
      examples: number;
      seed: number;
    }
  | { type: 'cancel'; requestId: number }
  /**
   * A model trained in this tab (the hybrid designer): kept in the worker under `modelId`, which later 'run'
   * and 'sweep' requests may name like a shipped model. Never uploaded anywhere.
   */
  | {
      type: 'register';
      requestId: number;
      modelId: string;
      config: ModelConfig;
      params: [string, Float32Array][];
    };

/** Where the worker runs forwards: its model runner's status (WebGPU and the adapter, or the CPU and why). */
export type InferenceBackend = RunnerStatus;

export type InferenceMessage =
  | { type: 'backend'; requestId: 0; status: InferenceBackend }
  | { type: 'loaded'; requestId: number; modelId: string; milliseconds: number }
  | { type: 'modelResult'; requestId: number; modelId: string; run: ModelRun }
  | { type: 'modelError'; requestId: number; modelId: string; message: string }
  | { type: 'sweepProgress'; requestId: number; done: number; total: number }
  | { type: 'sweepPoint'; requestId: number; modelId: string; point: SweepPoint }
  | { type: 'done'; requestId: number };
