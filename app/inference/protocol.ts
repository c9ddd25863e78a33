/** Messages between the page and the inference Web Worker (app/workers/inferenceWorker.ts). */
import type { ModelConfig } from '../../simulations/model/config';
import type { Query } from '../playground/groundTruth';
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

/** Where the worker runs forwards: WebGPU (adapter) or the CPU reference (and why). */
export type InferenceBackend =
  | { backend: 'starting' }
  | { backend: 'webgpu'; adapter: string; rebuilds: number }
  | { backend: 'cpu'; reason: string };

export type InferenceMessage =
  | { type: 'backend'; requestId: 0; status: InferenceBackend }
  | { type: 'loaded'; requestId: number; modelId: string; milliseconds: number }
  | { type: 'modelResult'; requestId: number; modelId: string; run: ModelRun }
  | { type: 'modelError'; requestId: number; modelId: string; message: string }
  | { type: 'sweepProgress'; requestId: number; done: number; total: number }
  | { type: 'sweepPoint'; requestId: number; modelId: string; point: SweepPoint }
  | { type: 'done'; requestId: number };
