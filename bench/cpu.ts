/**
 * `npm run bench -- cpu`: the CPU path (WebAssembly SIMD kernels on worker threads) against this machine's
 * native BLAS peak, plain TypeScript and TensorFlow.js's Wasm backend, all measured in this run:
 *  1. float32 matmul GFLOP/s at n = 256, 512, 1024 (n × n · n × n): ours on one thread and on every core (the
 *     shared-memory kernel pool), numpy's f32 matmul (python3, when numpy is installed: OpenBLAS on all
 *     cores), our TypeScript reference `linear` and tf.matMul on tfjs-backend-wasm;
 *  2. tokens/s of the 2-layer d = 64 attention model's forward (V = 128, L = 64, batch 64): reference
 *     TypeScript, our Wasm kernel set, TensorFlow.js Wasm;
 *  3. one training step of the same model: ours (float64, Wasm gemm, both cores) vs TensorFlow.js Wasm.
 * Nothing is asserted; results go to docs/performance.md.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { availableParallelism, cpus } from 'node:os';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { nodeKernelPool } from '../scripts/cpu/nodeKernelPool';
import { createModel, forward } from '../simulations/model/forward';
import { initParams } from '../simulations/model/params';
import { architecturePreset } from '../simulations/model/presets';
import { linear } from '../simulations/ops/linear';
import { setGemmBackend } from '../simulations/training/gemm';
import { inlinePool, type KernelPool, parallelLinear, splitRange } from '../simulations/wasm/kernelPool';
import { wasmKernelSet } from '../simulations/wasm/wasmKernelSet';
import { loadWasmKernels, WasmArena } from '../simulations/wasm/wasmModule';
import { createTfjsAttentionTrainer } from './tfjsAttentionModel';
import { medianMs } from './timing';
import { oursStepMs, tfjsStepMs } from './train';

const SIZES = [256, 512, 1024];
const SHAPE = { vocabSize: 128, dModel: 64, seqLen: 64, layers: 2 };
const BATCH = 64;

const gflops = (n: number, ms: number) => (2 * n ** 3) / ms / 1e6;
const random = (n: number) => Float32Array.from({ length: n }, () => Math.random() - 0.5);

/** numpy's float32 matmul GFLOP/s per size (best of 7), or null without python3 + numpy. */
function numpyGflops(): Record<number, number> | null {
  const script = `
import json, time, numpy as np
out = {}
for n in ${JSON.stringify(SIZES)}:
    a = np.random.rand(n, n).astype(np.float32); b = np.random.rand(n, n).astype(np.float32); a @ b
    best = 1e9
    for _ in range(7):
        t = time.perf_counter(); a @ b; best = min(best, time.perf_counter() - t)
    out[n] = 2 * n**3 / best / 1e9
print(json.dumps(out))`;
  try {
    return JSON.parse(execFileSync('python3', ['-c', script], { encoding: 'utf8', timeout: 120_000 }));
  } catch {
    return null;
  }
}

async function oursGflops(pool: KernelPool, n: number): Promise<number> {
  const [x, W] = [random(n * n), random(n * n)];
  return gflops(n, await medianMs(() => parallelLinear(pool, x, n, n, W, n), { warmup: 1, repeats: 5 }));
}

/**
 * The kernel alone, as numpy's `a @ b` is timed: operands already in (shared) Wasm memory and W packed once,
 * as a model's weights would be; only the row-split matmul over the threads is timed.
 */
async function residentGflops(pool: KernelPool, n: number): Promise<number> {
  const arena = new WasmArena(pool.kernels);
  const [ox, ow, opacked, oy] = arena.layout([n * n, n * n, Math.ceil(n / 8) * 8 * n, n * n]);
  arena.write(ox, random(n * n));
  arena.write(ow, random(n * n));
  pool.kernels.exports.packPanels(ow, opacked, n, n);
  const tasks = splitRange(n, pool.threads, 4).map(([start, end]) => ({
    kernel: 'matmulPacked' as const,
    args: [ox, opacked, 0, oy, n, n, 0, start, end],
  }));
  return gflops(n, await medianMs(() => pool.runAll(tasks), { warmup: 1, repeats: 7 }));
}

async function tfjsGflops(n: number): Promise<number> {
  const [a, b] = [tf.tensor2d(random(n * n), [n, n]), tf.tensor2d(random(n * n), [n, n])];
  const ms = await medianMs(() => tf.tidy(() => tf.matMul(a, b).dataSync()), { warmup: 1, repeats: 5 });
  tf.dispose([a, b]);
  return gflops(n, ms);
}

async function matmulTable(pool: KernelPool): Promise<void> {
  const numpy = numpyGflops();
  const single = inlinePool(pool.kernels);
  console.log(`CPU: ${cpus()[0]?.model ?? 'unknown'}, ${availableParallelism()} cores`);
  console.log(`\nfloat32 matmul, n × n · n × n, GFLOP/s (median of 5):`);
  console.log(
    `| n | numpy (native BLAS, all cores) | ours Wasm SIMD, ${pool.threads} threads, kernel | same, incl. copies in/out + packing | ours, 1 thread, kernel | same, incl. copies | TypeScript reference | tfjs-wasm | ours ${pool.threads}T kernel / numpy |`,
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const n of SIZES) {
    const both = await oursGflops(pool, n);
    const one = await oursGflops(single, n);
    const bothKernel = await residentGflops(pool, n);
    const oneKernel = await residentGflops(single, n);
    const [x, W] = [random(n * n), random(n * n)];
    const ts = gflops(
      n,
      await medianMs(() => linear(x, n, n, W, n), { warmup: 0, repeats: n > 512 ? 1 : 3 }),
    );
    const peer = await tfjsGflops(n);
    const native = numpy?.[n];
    console.log(
      `| ${n} | ${native?.toFixed(1) ?? 'n/a'} | ${bothKernel.toFixed(1)} | ${both.toFixed(1)} | ${oneKernel.toFixed(1)} | ${one.toFixed(1)} | ${ts.toFixed(2)} | ${peer.toFixed(1)} | ${native ? `${((100 * bothKernel) / native).toFixed(0)}%` : 'n/a'} |`,
    );
  }
  if (!numpy) console.log('(python3 with numpy is not installed here: no native BLAS peak to compare with)');
}

async function forwardTable(): Promise<void> {
  const config = architecturePreset('attention', {
    vocabSize: SHAPE.vocabSize,
    dModel: SHAPE.dModel,
    maxSeqLen: SHAPE.seqLen,
  });
  const model = createModel(config, initParams(config, 1));
  const kernels = wasmKernelSet(
    (await loadWasmKernels()) as NonNullable<Awaited<ReturnType<typeof loadWasmKernels>>>,
  );
  const batch = Array.from({ length: BATCH }, (_, b) =>
    Int32Array.from({ length: SHAPE.seqLen }, (_, t) => (b * 31 + t * 7) % SHAPE.vocabSize),
  );
  const tokens = BATCH * SHAPE.seqLen;
  const reference = await medianMs(() => batch.map((seq) => forward(model, seq)), {
    warmup: 1,
    repeats: 3,
  });
  const wasm = await medianMs(() => batch.map((seq) => forward(model, seq, { kernels })), {
    warmup: 1,
    repeats: 5,
  });
  const tfModel = createTfjsAttentionTrainer(SHAPE, 'oneHot');
  const flat = Int32Array.from(batch.flatMap((s) => [...s]));
  const peer = await medianMs(() => tfModel.forward(flat), { warmup: 1, repeats: 5 });
  console.log(
    `\nForward, attention d=${SHAPE.dModel}, ${SHAPE.layers} layers, V=${SHAPE.vocabSize}, L=${SHAPE.seqLen}, batch ${BATCH} (${tokens} tokens), one thread:`,
  );
  console.log('| forward | ms | tokens/s | vs ours |');
  console.log('|---|---|---|---|');
  for (const [name, ms] of [
    ['ours, Wasm SIMD kernel set (float32)', wasm],
    ['TypeScript reference (float64 accumulation)', reference],
    ['TensorFlow.js 4.22 wasm backend (batched)', peer],
  ] as const)
    console.log(
      `| ${name} | ${ms.toFixed(1)} | ${Math.round((tokens / ms) * 1000)} | ${(wasm / ms).toFixed(2)}× |`,
    );
}

async function trainTable(): Promise<void> {
  setGemmBackend('wasm');
  const threads = availableParallelism();
  const ours = await oursStepMs(threads);
  const peer = await tfjsStepMs('wasm');
  const tokens = BATCH * SHAPE.seqLen;
  console.log(`\nOne training step of the same model, batch ${BATCH}:`);
  console.log('| trainer | ms/step | tokens/s | vs ours |');
  console.log('|---|---|---|---|');
  console.log(
    `| ours (float64, Wasm SIMD gemm, ${threads} threads) | ${ours.ms.toFixed(0)} | ${Math.round((tokens / ours.ms) * 1000)} | 1.00× |`,
  );
  console.log(
    `| TensorFlow.js 4.22 wasm backend | ${peer.toFixed(0)} | ${Math.round((tokens / peer) * 1000)} | ${(ours.ms / peer).toFixed(2)}× |`,
  );
}

export async function runCpuBench(): Promise<void> {
  const wasmDir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
  setWasmPaths(`${wasmDir}/`);
  await import('@tensorflow/tfjs-backend-wasm');
  await tf.setBackend('wasm');
  await tf.ready();
  const pool = await nodeKernelPool();
  try {
    await matmulTable(pool);
  } finally {
    await pool.close();
  }
  await forwardTable();
  await trainTable();
}
