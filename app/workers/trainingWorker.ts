/**
 * The training Web Worker: runs the same trainer as `npm run train` (simulations/training) off the main
 * thread, posting progress after every step and the float32 weights (transferred) at the end.
 */
import { train } from '../../simulations/training/trainer';
import type { TrainingMessage, TrainingRequest } from './trainingProtocol';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<TrainingRequest>) => void) | null;
  postMessage(message: TrainingMessage, transfer?: Transferable[]): void;
};

scope.onmessage = async ({ data: { settings } }) => {
  try {
    const { params, log } = await train(settings, {
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
