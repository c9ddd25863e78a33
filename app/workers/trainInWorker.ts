/** Trains a model in a Web Worker; resolves with the weights and the log, reporting progress on the way. */
import type { Params } from '../../simulations/model/params';
import type { TrainLog, TrainProgress, TrainSettings } from '../../simulations/training/trainer';
import type { TrainingMessage, TrainingRequest } from './trainingProtocol';

export function trainInWorker(
  settings: TrainSettings,
  onProgress?: (progress: TrainProgress) => void,
): { result: Promise<{ params: Params; log: TrainLog }>; cancel: () => void } {
  const worker = new Worker(new URL('./trainingWorker.ts', import.meta.url), { type: 'module' });
  const result = new Promise<{ params: Params; log: TrainLog }>((resolve, reject) => {
    worker.onmessage = ({ data }: MessageEvent<TrainingMessage>) => {
      if (data.type === 'progress') onProgress?.(data);
      else if (data.type === 'done') {
        worker.terminate();
        resolve({ params: new Map(data.params), log: data.log });
      } else {
        worker.terminate();
        reject(new Error(`Training failed: ${data.message}`));
      }
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(`The training worker crashed: ${event.message}`));
    };
  });
  const request: TrainingRequest = { settings };
  worker.postMessage(request);
  return { result, cancel: () => worker.terminate() };
}
