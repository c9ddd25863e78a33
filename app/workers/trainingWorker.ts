/**
 * The training Web Worker: runs the same trainer as `npm run train` (simulations/training) off the main
 * thread — on the same float32 WebAssembly SIMD path (simulations/wasm/trainEngine.ts), one thread here —
 * posting progress after every step and the float32 weights (transferred) at the end.
 */
import { train } from '../../simulations/training/trainer';
import { Float32Engine } from '../../simulations/wasm/trainEngine';
import type { TrainingMessage, TrainingRequest } from './trainingProtocol';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<TrainingRequest>) => void) | null;
  postMessage(message: TrainingMessage, transfer?: Transferable[]): void;
};

scope.onmessage = async ({ data: { settings } }) => {
  try {
    const { params, log } = await train(settings, {
      engine: (config, start) => new Float32Engine(config, start),
      onProgress: (progress) => scope.postMessage({ type: 'progress', ...progress }),
    });
    const entries = [...params];
    scope.postMessage(
      { type: 'done', log, params: entries },
      entries.map(([, value]) => value.buffer as ArrayBuffer),
    );
  } catch (error) {
    scope.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
