/**
 * The previous train bench's two steps of the Zoology attention model (d = 64, 2 layers, V = 128, L = 64,
 * batch 64), kept for bench/cpu.ts's training table and `npm run bench -- train --tfjs`:
 *  - `oursStepMs`: the float64 reference trainer (data-parallel workers beyond one thread) and the GFLOP/s of
 *    its matrix products;
 *  - `tfjsStepMs`: the same model and batches trained by TensorFlow.js (bench/tfjsAttentionModel.ts) on its CPU
 *    backend (over a minute per step) or its Wasm (SIMD) backend.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { nodeGradientWorkers } from '../scripts/train/nodeGradientWorkers';
import { initParams, parameterSpecs } from '../simulations/model/params';
import { architecturePreset } from '../simulations/model/presets';
import { IGNORE_INDEX } from '../simulations/tasks/example';
import { AdamW, clipGradNorm } from '../simulations/training/adamw';
import { stack } from '../simulations/training/evaluate';
import { gemmCounter } from '../simulations/training/gemm';
import { parallelGradients } from '../simulations/training/gradients';
import { generateTask } from '../simulations/training/taskData';
import { toParamVars } from '../simulations/training/trainingModel';
import { createTfjsAttentionTrainer } from './tfjsAttentionModel';
import { medianMs } from './timing';

const SHAPE = { vocabSize: 128, dModel: 64, seqLen: 64, layers: 2 };
const BATCH = 64;

const task = { kind: 'mqar' as const, vocabSize: SHAPE.vocabSize, seqLen: SHAPE.seqLen, numKvPairs: 8 };
const batches = Array.from({ length: 6 }, (_, i) => stack(generateTask(task, BATCH, 1000 + i)));

export async function oursStepMs(threads = 1): Promise<{ ms: number; gflops: number }> {
  const config = architecturePreset('attention', {
    vocabSize: SHAPE.vocabSize,
    dModel: SHAPE.dModel,
    maxSeqLen: SHAPE.seqLen,
  });
  const specs = parameterSpecs(config);
  const vars = toParamVars(config, initParams(config, 1));
  const optimizer = new AdamW(vars, (n) => !specs.get(n)?.noWeightDecay);
  let i = 0;
  const workers = threads > 1 ? nodeGradientWorkers(config, threads - 1) : undefined;
  const step = async () => {
    await parallelGradients(config, vars, batches[i++ % batches.length], workers);
    clipGradNorm(vars.values(), 1);
    optimizer.update(3e-3);
  };
  // Matrix-product work of one step, counted on one thread (the same total is split across threads).
  const counting = toParamVars(config, initParams(config, 1));
  const before = gemmCounter.multiplyAdds;
  await parallelGradients(config, counting, batches[0]);
  const flopsPerStep = 2 * (gemmCounter.multiplyAdds - before);
  const ms = await medianMs(step, { warmup: 1, repeats: 5 });
  await workers?.close();
  return { ms, gflops: flopsPerStep / ms / 1e6 };
}

/** Registers TensorFlow.js's Wasm backend with its binaries from node_modules (once per process). */
export async function loadTfjsWasm(): Promise<void> {
  const wasmDir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
  setWasmPaths(`${wasmDir}/`);
  await import('@tensorflow/tfjs-backend-wasm');
}

export async function tfjsStepMs(backend: 'cpu' | 'wasm'): Promise<number> {
  await tf.setBackend(backend);
  await tf.ready();
  const trainStep = createTfjsAttentionTrainer(SHAPE, backend === 'wasm' ? 'oneHot' : 'gather');
  let i = 0;
  const step = () => {
    const { inputs, labels } = batches[i++ % batches.length];
    const rows: number[] = [];
    const targets: number[] = [];
    labels.forEach((l, r) => {
      if (l !== IGNORE_INDEX) {
        rows.push(r);
        targets.push(l);
      }
    });
    tf.tidy(() => {
      trainStep(inputs, Int32Array.from(rows), Int32Array.from(targets));
    });
  };
  // TensorFlow.js's CPU backend takes over a minute per step here: one warm-up and one timed step.
  return medianMs(step, backend === 'cpu' ? { warmup: 1, repeats: 1 } : { warmup: 1, repeats: 5 });
}
