/**
 * What the inference worker does, as a plain object (testable in Node): keeps loaded models by id, answers
 * 'run' per model (a failure of one model never hides the others' results), and runs sweeps point by point,
 * yielding between points so a 'cancel' or a newer request gets through.
 */

import { createModelRunner, type ModelRunner } from '../../kernels/runtime/modelRunner';
import { createModel, type Model } from '../../simulations/model/forward';
import { REFERENCE_KERNELS } from '../../simulations/model/kernelSet';
import { wasmKernelSet } from '../../simulations/wasm/wasmKernelSet';
import { loadWasmKernels } from '../../simulations/wasm/wasmModule';
import { validateModel } from '../../simulations/weights/validateModel';
import type { Fetcher } from '../domain/fetcher';
import { loadShippedModel } from './modelLoader';
import type { InferenceMessage, InferenceRequest } from './protocol';
import { encodeForModel, readOut } from './readout';
import { sweepPairs, sweepPoint, sweepProblem } from './sweep';

const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * `runner` (kernels/runtime/modelRunner) runs ONE forward per model and request: the readout's logits and, when
 * the request asks for the inspector's views, the trace of that same forward — on WebGPU when it has a device,
 * falling back to the CPU by itself (unsupported model, lost device). Without one, a CPU runner on the
 * TypeScript reference. Sweeps run on the CPU's Wasm SIMD kernels (the TypeScript reference without WebAssembly
 * SIMD).
 */
export function createInferenceService(
  fetcher: Fetcher,
  post: (message: InferenceMessage) => void,
  runner: Pick<ModelRunner, 'forward'> = createModelRunner(undefined, {
    forceCpu: true,
    cpuKernels: REFERENCE_KERNELS,
  }),
) {
  const models = new Map<string, Promise<Model>>();
  const cancelled = new Set<number>();
  let latestSweep = 0;
  // Sweeps run on the CPU: on the WebAssembly SIMD kernels where they load, else the TypeScript reference.
  const sweepKernels = loadWasmKernels().then((wasm) => (wasm ? wasmKernelSet(wasm) : REFERENCE_KERNELS));

  /** Models trained in this tab, by id (they shadow nothing: their ids are not shipped ids). */
  const registered = new Map<string, Model>();

  const load = (baseUrl: string, id: string): Promise<Model> => {
    const own = registered.get(id);
    if (own) return Promise.resolve(own);
    const key = `${baseUrl}|${id}`;
    let p = models.get(key);
    if (!p) {
      p = loadShippedModel(fetcher, baseUrl, id);
      // A failed load is not cached: the next request tries again (e.g. after a network hiccup).
      p.catch(() => models.delete(key));
      models.set(key, p);
    }
    return p;
  };

  const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

  async function handle(request: InferenceRequest): Promise<void> {
    if (request.type === 'cancel') {
      cancelled.add(request.requestId);
      return;
    }
    if (request.type === 'register') {
      const { requestId, modelId } = request;
      try {
        // The load-time validator: a bad config or NaN/Inf weights are refused, the previous model stays.
        const { config, params } = validateModel({
          config: request.config,
          weights: new Map(request.params),
        });
        registered.set(modelId, createModel(config, params));
        post({ type: 'loaded', requestId, modelId, milliseconds: 0 });
      } catch (error) {
        post({ type: 'modelError', requestId, modelId, message: errorMessage(error) });
      }
      post({ type: 'done', requestId });
      return;
    }
    const { requestId, baseUrl, modelIds } = request;
    if (request.type === 'preload') {
      await Promise.all(
        modelIds.map(async (modelId) => {
          const start = performance.now();
          try {
            await load(baseUrl, modelId);
            post({ type: 'loaded', requestId, modelId, milliseconds: performance.now() - start });
          } catch (error) {
            post({ type: 'modelError', requestId, modelId, message: errorMessage(error) });
          }
        }),
      );
    } else if (request.type === 'run') {
      for (const modelId of modelIds) {
        try {
          const model = await load(baseUrl, modelId);
          const ids = encodeForModel(model, request.labels);
          const result = await runner.forward(model, ids, { trace: request.trace });
          post({
            type: 'modelResult',
            requestId,
            modelId,
            run: readOut(model, request.labels, request.queries, result),
          });
        } catch (error) {
          post({ type: 'modelError', requestId, modelId, message: errorMessage(error) });
        }
      }
    } else {
      latestSweep = requestId;
      const jobs: { modelId: string; model: Model; pairs: number }[] = [];
      for (const modelId of modelIds) {
        try {
          const model = await load(baseUrl, modelId);
          const problem = sweepProblem(model, request.seqLen);
          if (problem) throw new Error(`No sweep at L = ${request.seqLen}: ${problem}.`);
          for (const pairs of sweepPairs(model, request.seqLen)) jobs.push({ modelId, model, pairs });
        } catch (error) {
          post({ type: 'modelError', requestId, modelId, message: errorMessage(error) });
        }
      }
      post({ type: 'sweepProgress', requestId, done: 0, total: jobs.length });
      for (let j = 0; j < jobs.length; j++) {
        await yieldToEvents();
        if (cancelled.has(requestId) || latestSweep !== requestId) break;
        const { modelId, model, pairs } = jobs[j];
        post({
          type: 'sweepPoint',
          requestId,
          modelId,
          point: sweepPoint(model, request.seqLen, pairs, request.examples, request.seed, await sweepKernels),
        });
        post({ type: 'sweepProgress', requestId, done: j + 1, total: jobs.length });
      }
      cancelled.delete(requestId);
    }
    post({ type: 'done', requestId });
  }

  return { handle };
}
