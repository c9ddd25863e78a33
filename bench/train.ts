/**
 * `npm run bench -- train`: the CPU trainer's speed, in one run:
 *  - this machine's JS matmul ceiling (our register-blocked gemm and a naive loop, float64, one core);
 *  - one training step of the Zoology attention model (d = 64, 2 layers, V = 128, L = 64, batch 64): tokens/s
 *    and the GFLOP/s its matrix products achieve;
 *  - the same model and batches trained by TensorFlow.js on its CPU backend and on its Wasm (SIMD) backend.
 * Printed as ratios. Nothing is asserted; results go to docs/performance.md.
 */

import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { nodeGradientWorkers } from '../scripts/train/nodeGradientWorkers';
import { initParams, parameterSpecs } from '../simulations/model/params';
import { architecturePreset } from '../simulations/model/presets';
import { IGNORE_INDEX } from '../simulations/tasks/example';
import { AdamW, clipGradNorm } from '../simulations/training/adamw';
import { stack } from '../simulations/training/evaluate';
import { gemmABt, gemmCounter, gemmJs, setGemmBackend, transpose } from '../simulations/training/gemm';
import { parallelGradients } from '../simulations/training/gradients';
import { generateTask } from '../simulations/training/taskData';
import { toParamVars } from '../simulations/training/trainingModel';
import { createTfjsAttentionTrainer } from './tfjsAttentionModel';
import { medianMs } from './timing';

const SHAPE = { vocabSize: 128, dModel: 64, seqLen: 64, layers: 2 };
const BATCH = 64;

function matmulCeiling(): { wasm: number; blocked: number; naive: number } {
  const n = 256;
  const A = Float64Array.from({ length: n * n }, Math.random);
  const B = Float64Array.from({ length: n * n }, Math.random);
  const C = new Float64Array(n * n);
  const flops = 2 * n * n * n;
  const time = (fn: () => void) => {
    fn();
    const t0 = performance.now();
    for (let i = 0; i < 5; i++) fn();
    return (performance.now() - t0) / 5;
  };
  const Bt = transpose(B, n, n);
  setGemmBackend('wasm');
  const wasm = flops / time(() => gemmABt(A, Bt, C, n, n, n, false)) / 1e6;
  const blocked = flops / time(() => gemmJs(A, Bt, C, n, n, n, false)) / 1e6;
  const naive =
    flops /
    time(() => {
      C.fill(0);
      for (let i = 0; i < n; i++)
        for (let k = 0; k < n; k++) {
          const a = A[i * n + k];
          for (let j = 0; j < n; j++) C[i * n + j] += a * B[k * n + j];
        }
    }) /
    1e6;
  return { wasm, blocked, naive };
}

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

export async function runTrainBench(): Promise<void> {
  const wasmDir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
  setWasmPaths(`${wasmDir}/`);
  await import('@tensorflow/tfjs-backend-wasm');
  const ceiling = matmulCeiling();
  console.log(
    `Matmul ceiling here (256³, float64, one core): WebAssembly SIMD ${ceiling.wasm.toFixed(2)} GFLOP/s, TypeScript register-blocked ${ceiling.blocked.toFixed(2)} GFLOP/s, naive loop ${ceiling.naive.toFixed(2)} GFLOP/s`,
  );
  const tokens = BATCH * SHAPE.seqLen;
  setGemmBackend('js');
  const oursJs = await oursStepMs();
  setGemmBackend('wasm');
  const ours = await oursStepMs();
  const oursThreads = availableParallelism();
  const oursParallel = await oursStepMs(oursThreads);
  const cpu = await tfjsStepMs('cpu');
  const wasm = await tfjsStepMs('wasm');
  console.log(
    `\nOne training step, attention d=${SHAPE.dModel}, ${SHAPE.layers} layers, V=${SHAPE.vocabSize}, L=${SHAPE.seqLen}, batch ${BATCH} (${tokens} tokens):`,
  );
  console.log('| trainer | ms/step | tokens/s | vs ours |');
  console.log('|---|---|---|---|');
  const row = (name: string, ms: number) =>
    console.log(
      `| ${name} | ${ms.toFixed(0)} | ${Math.round((tokens / ms) * 1000)} | ${(ours.ms / ms).toFixed(2)}× |`,
    );
  row('ours (float64, Wasm SIMD gemm, one thread)', ours.ms);
  row('ours (float64, TypeScript gemm, one thread)', oursJs.ms);
  row(`ours, data-parallel on ${oursThreads} threads (worker_threads)`, oursParallel.ms);
  row('TensorFlow.js 4.22 cpu backend', cpu);
  row(
    `TensorFlow.js 4.22 wasm backend (${tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? 'SIMD' : 'no SIMD'})`,
    wasm,
  );
  console.log(
    `\nOurs: ${ours.gflops.toFixed(2)} GFLOP/s in matrix products on one thread = ${((100 * ours.gflops) / ceiling.wasm).toFixed(0)}% of the one-core Wasm ceiling above; ${oursParallel.gflops.toFixed(2)} GFLOP/s on ${oursThreads} threads.`,
  );
}
