/**
 * Data-parallel gradients on Node worker threads: each worker holds the model config, receives the current
 * parameters and its shard of the batch, and returns its gradients (ArrayBuffers transferred, not copied).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ModelConfig } from '../../simulations/model/config';
import type { GradientWorkers, ShardGradients } from '../../simulations/training/gradients';
import type { Batch } from '../../simulations/training/trainingModel';

export interface GradientRequest {
  params: [string, Float64Array][];
  batch: Batch;
}

export interface GradientReply {
  loss: number;
  rows: number;
  grads: [string, Float64Array][];
}

/** `count` worker threads (default: one per core beyond the calling thread's). */
export function nodeGradientWorkers(
  config: ModelConfig,
  count = availableParallelism() - 1,
): GradientWorkers {
  const workers = Array.from(
    { length: Math.max(0, count) },
    () => new Worker(new URL('./gradientWorkerEntry.mjs', import.meta.url), { workerData: { config } }),
  );
  return {
    count: workers.length,
    shard(index, params, batch) {
      const worker = workers[index];
      return new Promise<ShardGradients>((resolve, reject) => {
        const onError = (error: Error) => {
          worker.off('message', onMessage);
          reject(error);
        };
        const onMessage = (reply: GradientReply) => {
          worker.off('error', onError);
          resolve({ loss: reply.loss, rows: reply.rows, grads: new Map(reply.grads) });
        };
        worker.once('message', onMessage);
        worker.once('error', onError);
        const request: GradientRequest = { params: [...params], batch };
        worker.postMessage(request);
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
