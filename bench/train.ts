/**
 * `npm run bench -- train [--only=attention,mamba] [--tfjs]`: one training step of every trainable preset
 * (TRAINABLE_ARCHITECTURES) at d = 64 with the preset's layers, V = 128, L = 64, batch 64 of MQAR, on 2 threads:
 *  - oursMs: the float32 WebAssembly SIMD path (Float32Engine, its ops split over a 2-thread team) doing what the
 *    trainer does per step — gradients, global-norm clipping, AdamW — median of 15 steps after 3 warm-up steps;
 *    tokens/s = 64 · 64 / oursMs;
 *  - referenceMs: the float64 TypeScript reference on the same 2 threads (one data-parallel gradient worker),
 *    median of 3 steps after 1;
 *  - torchMs: PyTorch CPU, torch.set_num_threads(2), on a twin of the same model, batches and initial weights
 *    (bench/torchTrainPeer.py: attention and sliding window, Mamba with a sequential scan, Hawk; GELU and GLU
 *    MLPs), median of 10 steps after 3 (of 3 after 1 when a step takes over a second); null, with the reason
 *    printed, for a preset without a twin or where `import torch` fails. Its parameter count and first loss are
 *    printed beside ours (they must agree);
 *  - productsGflops: the dense products of our step — every call of the Wasm `gemm` kernel (linear layers and
 *    the LM head, forward and backward; attention's fused T × T products are not gemm calls and not counted) —
 *    as 2·M·N·K summed over a step's calls, divided by the wall time inside those calls on the calling thread
 *    (the split over the team and the wait for its workers included), timed by wrapping the team's `run` over 8
 *    steps: per distinct shape its fastest call, times its calls per step, summed — the same rule as numpy's
 *    figure, so that neither pays for a busy machine's interruptions. The table also shows the step's product
 *    flops over the whole (median) step time, and the share of the step spent in gemm;
 *  - nativeGflops: numpy's float32 matmul (python3; its BLAS on 2 threads via OPENBLAS/OMP/MKL_NUM_THREADS) on the
 *    same list of shapes and transposes, each shape's fastest call times its calls per step, summed
 *    (bench/numpyProducts.py).
 * Debian's PyTorch uses whatever libblas.so.3 resolves to — netlib's reference BLAS unless an OpenBLAS package is
 * installed (or LD_LIBRARY_PATH names a folder with OpenBLAS's libblas.so.3) — so the BLAS it mapped is printed.
 * Prints a Markdown table, the products table, the targets with PASS/FAIL (attention ≥ 4× the reference and
 * ≥ 2× PyTorch; products ≥ 25 % of numpy for every preset run; Mamba's step ≤ 2× attention's), then one JSON line
 * per preset: {"bench":"train","preset",…,"oursMs","referenceMs","torchMs","productsGflops","nativeGflops"}.
 * --only=a,b limits the presets (names as in TRAINABLE_ARCHITECTURES); --tfjs adds TensorFlow.js's Wasm backend
 * on the attention model (the earlier bench's peer; its CPU backend, over a minute per step, is dropped).
 * Python: TORCH_PYTHON (default: python3, then /usr/bin/python3, the first whose `import torch` works) and
 * NUMPY_PYTHON (default python3). Nothing is asserted; results go to docs/performance.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeGradientWorkers } from '../scripts/train/nodeGradientWorkers';
import { spawnNodeTeam } from '../scripts/train/nodeTrainTeam';
import type { ModelConfig } from '../simulations/model/config';
import { initParams, type Params, parameterCount, parameterSpecs } from '../simulations/model/params';
import { architecturePreset } from '../simulations/model/presets';
import { AdamW, clipGradNorm } from '../simulations/training/adamw';
import { stack } from '../simulations/training/evaluate';
import { parallelGradients } from '../simulations/training/gradients';
import { generateTask } from '../simulations/training/taskData';
import { TRAINABLE_ARCHITECTURES } from '../simulations/training/trainableArchitectures';
import { type Batch, toParamVars } from '../simulations/training/trainingModel';
import type { TrainKernels } from '../simulations/training/trainKernels';
import { Float32Engine } from '../simulations/wasm/trainEngine';
import { medianMs } from './timing';

// bench/cpu.ts times the earlier float64-vs-TensorFlow.js step from here.
export { oursStepMs, tfjsStepMs } from './trainTfjs';

const SETTING = { vocabSize: 128, dModel: 64, maxSeqLen: 64 };
const BATCH = 64;
const THREADS = 2;
const TOKENS = BATCH * SETTING.maxSeqLen;
/** The trainer's defaults for the parts of a step that are not gradients. */
const STEP = { lr: 3e-3, weightDecay: 0.1, clipNorm: 1 };
const OURS_REPEATS = { warmup: 3, repeats: 15 };
const REFERENCE_REPEATS = { warmup: 1, repeats: 3 };
const TORCH_REPEATS = { warmup: 3, repeats: 10 };
const PRODUCT_STEPS = 8;

const task = {
  kind: 'mqar' as const,
  vocabSize: SETTING.vocabSize,
  seqLen: SETTING.maxSeqLen,
  numKvPairs: 8,
};
const batches: Batch[] = Array.from({ length: 4 }, (_, i) => stack(generateTask(task, BATCH, 1000 + i)));

/** One distinct product of a step: C [M, N] (+)= op(A) op(B), and how many calls per step. */
interface GemmShape {
  M: number;
  N: number;
  K: number;
  transA: number;
  transB: number;
  calls: number;
  /** The fastest of its calls, ms. */
  bestMs: number;
}

interface OursResult {
  ms: number;
  loss0: number;
  gemms: GemmShape[];
  /** Product flops (2·M·N·K) per step, and ms in `gemm` per step: Σ over shapes of calls × the fastest call. */
  gemmFlops: number;
  gemmMs: number;
}

interface PresetResult {
  preset: string;
  config: ModelConfig;
  params: Params;
  ours: OursResult;
  referenceMs: number;
  torch?: { ms: number | null; reason?: string; params?: number; loss0?: number };
  numpy?: { ms: number; flops: number };
}

function decays(config: ModelConfig): (name: string) => boolean {
  const specs = parameterSpecs(config);
  return (name) => !specs.get(name)?.noWeightDecay;
}

async function measureOurs(config: ModelConfig, params: Params): Promise<OursResult> {
  const engine = new Float32Engine(config, params, { threads: THREADS, spawn: spawnNodeTeam });
  try {
    const optimizer = new AdamW(engine.vars, decays(config), { weightDecay: STEP.weightDecay });
    let i = 0;
    let loss0 = Number.NaN;
    const step = () => {
      const { loss } = engine.gradients(batches[i % batches.length]);
      if (i++ === 0) loss0 = loss;
      clipGradNorm(engine.vars.values(), STEP.clipNorm);
      optimizer.update(STEP.lr);
    };
    const ms = await medianMs(step, OURS_REPEATS);
    // The products: wrap the team's `run` (private to the engine) to time and size every `gemm` call.
    const kernels = (engine as unknown as { kernels: TrainKernels }).kernels;
    const run = kernels.run.bind(kernels);
    const shapes = new Map<string, GemmShape>();
    let gemmFlops = 0;
    kernels.run = (kernel, args, n, split) => {
      if (kernel !== 'gemm') return run(kernel, args, n, split);
      const start = performance.now();
      run(kernel, args, n, split);
      const elapsed = performance.now() - start;
      const [M, N, K, transA, transB] = args.slice(3, 8);
      gemmFlops += 2 * M * N * K;
      const key = `${M},${N},${K},${transA},${transB}`;
      const shape = shapes.get(key) ?? { M, N, K, transA, transB, calls: 0, bestMs: elapsed };
      shape.calls++;
      shape.bestMs = Math.min(shape.bestMs, elapsed);
      shapes.set(key, shape);
    };
    for (let s = 0; s < PRODUCT_STEPS; s++) step();
    kernels.run = run;
    const gemms = [...shapes.values()].map((g) => ({ ...g, calls: g.calls / PRODUCT_STEPS }));
    const gemmMs = gemms.reduce((sum, g) => sum + g.calls * g.bestMs, 0);
    return { ms, loss0, gemms, gemmFlops: gemmFlops / PRODUCT_STEPS, gemmMs };
  } finally {
    engine.close();
  }
}

async function measureReference(config: ModelConfig, params: Params): Promise<number> {
  const vars = toParamVars(config, params);
  const optimizer = new AdamW(vars, decays(config), { weightDecay: STEP.weightDecay });
  const workers = nodeGradientWorkers(config, THREADS - 1);
  let i = 0;
  try {
    return await medianMs(async () => {
      await parallelGradients(config, vars, batches[i++ % batches.length], workers);
      clipGradNorm(vars.values(), STEP.clipNorm);
      optimizer.update(STEP.lr);
    }, REFERENCE_REPEATS);
  } finally {
    await workers.close();
  }
}

type JsonLine = Record<string, unknown>;

/**
 * Runs bench/<script> with `request` (as a JSON file) under the first of `pythons` that starts and does not
 * answer {"error"} on its first line; returns that python and the JSON lines it printed, or why none did.
 */
function runPython(
  pythons: string[],
  script: string,
  request: unknown,
): { python: string; lines: JsonLine[] } | { reason: string } {
  const dir = mkdtempSync(join(tmpdir(), 'bench-train-'));
  const file = join(dir, 'request.json');
  writeFileSync(file, JSON.stringify(request));
  const threads = String(THREADS);
  const env = {
    ...process.env,
    OMP_NUM_THREADS: threads,
    OPENBLAS_NUM_THREADS: threads,
    MKL_NUM_THREADS: threads,
  };
  const reasons: string[] = [];
  try {
    for (const python of pythons) {
      const path = fileURLToPath(new URL(`./${script}`, import.meta.url));
      const result = spawnSync(python, [path, file], {
        encoding: 'utf8',
        env,
        stdio: ['ignore', 'pipe', 'inherit'],
        timeout: 30 * 60_000,
        maxBuffer: 1 << 26,
      });
      if (result.error) {
        reasons.push(`${python}: ${result.error.message}`);
        continue;
      }
      const lines = result.stdout
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as JsonLine);
      if (lines.length === 0 || 'error' in lines[0]) {
        reasons.push(`${python}: ${lines[0]?.error ?? `exited with ${result.status}, printed nothing`}`);
        continue;
      }
      if (result.status !== 0) reasons.push(`${python} exited with ${result.status}`);
      return { python, lines };
    }
    return { reason: reasons.join('; ') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function torchPeer(results: PresetResult[]): void {
  const pythons = process.env.TORCH_PYTHON ? [process.env.TORCH_PYTHON] : ['python3', '/usr/bin/python3'];
  const request = {
    threads: THREADS,
    ...TORCH_REPEATS,
    ...STEP,
    batches: batches.map((b) => ({ inputs: [...b.inputs], labels: [...b.labels], seqLen: b.seqLen })),
    presets: results.map(({ preset, config, params }) => ({
      preset,
      config,
      specs: [...parameterSpecs(config)].map(([name, s]) => [name, s.shape, Boolean(s.noWeightDecay)]),
      params: Object.fromEntries([...params].map(([name, v]) => [name, [...v]])),
    })),
  };
  const answer = runPython(pythons, 'torchTrainPeer.py', request);
  if ('reason' in answer) {
    console.log(`\nPyTorch: none (${answer.reason}); torchMs is null.`);
    for (const r of results) r.torch = { ms: null, reason: `no PyTorch: ${answer.reason}` };
    return;
  }
  const [info, ...rows] = answer.lines;
  console.log(
    `\nPyTorch ${info.torch} (${answer.python}), ${info.threads} threads, BLAS: ${info.blas}. Twin check (parameters, first loss on the same weights and batch):`,
  );
  if (/\/blas\/libblas\.so/.test(String(info.blas)))
    console.log(
      "  (that is netlib's reference BLAS: PyTorch's products are unoptimised here. Debian's torch picks up OpenBLAS once a package of it, e.g. libopenblas0-pthread, is installed, or from LD_LIBRARY_PATH.)",
    );
  for (const r of results) {
    const row = rows.find((l) => l.preset === r.preset);
    if (!row || row.ms === null || row.ms === undefined) {
      const reason = String(row?.reason ?? 'no answer from the peer');
      r.torch = { ms: null, reason };
      console.log(`- ${r.preset}: no PyTorch twin (${reason})`);
      continue;
    }
    const ours = parameterCount(r.config);
    const torch = { ms: Number(row.ms), params: Number(row.params), loss0: Number(row.loss0) };
    const lossGap = Math.abs(torch.loss0 - r.ours.loss0);
    const agrees = torch.params === ours && lossGap <= 1e-3 * Math.max(1, Math.abs(r.ours.loss0));
    console.log(
      `- ${r.preset}: parameters ours ${ours}, PyTorch ${torch.params}; first loss ours ${r.ours.loss0.toFixed(5)}, PyTorch ${torch.loss0.toFixed(5)}${agrees ? '' : ' — THE TWIN DIFFERS'}`,
    );
    r.torch =
      torch.params === ours
        ? torch
        : { ms: null, reason: `parameter count ${torch.params} ≠ ours ${ours}`, params: torch.params };
  }
}

function numpyProducts(results: PresetResult[]): void {
  const pythons = [process.env.NUMPY_PYTHON ?? 'python3'];
  const request = {
    presets: results.map((r) => ({
      preset: r.preset,
      gemms: r.ours.gemms.map((g) => [g.M, g.N, g.K, g.transA, g.transB, g.calls]),
    })),
  };
  const answer = runPython(pythons, 'numpyProducts.py', request);
  if ('reason' in answer) {
    console.log(`\nnumpy: none (${answer.reason}); nativeGflops is null.`);
    return;
  }
  const [info, ...rows] = answer.lines;
  console.log(`\nnumpy ${info.numpy} (${answer.python}), BLAS ${info.blas}, ${THREADS} threads.`);
  for (const r of results) {
    const row = rows.find((l) => l.preset === r.preset);
    if (row) r.numpy = { ms: Number(row.ms), flops: Number(row.flops) };
  }
}

const fixed = (x: number | null | undefined, digits = 1) =>
  x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits);
const round = (x: number | null | undefined, digits = 2) =>
  x === null || x === undefined || !Number.isFinite(x) ? null : Number(x.toFixed(digits));

function parseOnly(): string[] {
  const flag = process.argv.find((a) => a.startsWith('--only='));
  if (!flag) return [...TRAINABLE_ARCHITECTURES];
  const names = flag
    .slice('--only='.length)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !TRAINABLE_ARCHITECTURES.includes(n));
  if (unknown.length > 0) {
    console.error(
      `--only: not trainable presets: ${unknown.join(', ')}. Trainable: ${TRAINABLE_ARCHITECTURES.join(', ')}`,
    );
    process.exit(2);
  }
  return names;
}

function productsGflops(r: PresetResult): number {
  return r.ours.gemmFlops / r.ours.gemmMs / 1e6;
}

function nativeGflops(r: PresetResult): number | null {
  return r.numpy ? r.numpy.flops / r.numpy.ms / 1e6 : null;
}

function printTargets(results: PresetResult[]): void {
  const by = new Map(results.map((r) => [r.preset, r]));
  const verdict = (pass: boolean | null) => (pass === null ? 'n/a' : pass ? 'PASS' : 'FAIL');
  const attention = by.get('attention');
  const mamba = by.get('mamba');
  console.log('\nTargets:');
  if (attention) {
    const vsRef = attention.referenceMs / attention.ours.ms;
    console.log(`- ${verdict(vsRef >= 4)}: attention ≥ 4× faster than the reference — ${vsRef.toFixed(2)}×`);
    const torchMs = attention.torch?.ms ?? null;
    const vsTorch = torchMs === null ? null : torchMs / attention.ours.ms;
    console.log(
      `- ${verdict(vsTorch === null ? null : vsTorch >= 2)}: attention ≥ 2× faster than PyTorch — ${vsTorch === null ? `no PyTorch time (${attention.torch?.reason ?? 'not run'})` : `${vsTorch.toFixed(2)}×`}`,
    );
  } else console.log('- n/a: attention vs the reference and PyTorch (attention not run)');
  const shares = results.map((r) => {
    const native = nativeGflops(r);
    return { preset: r.preset, share: native === null ? null : productsGflops(r) / native };
  });
  const measured = shares.filter((s) => s.share !== null) as { preset: string; share: number }[];
  console.log(
    `- ${verdict(measured.length === 0 ? null : measured.every((s) => s.share >= 0.25))}: products ≥ 25 % of numpy on the same shapes — ${
      measured.length === 0
        ? 'numpy not measured'
        : measured.map((s) => `${s.preset} ${(100 * s.share).toFixed(0)} %`).join(', ')
    }`,
  );
  if (attention && mamba) {
    const ratio = mamba.ours.ms / attention.ours.ms;
    console.log(`- ${verdict(ratio <= 2)}: Mamba's step ≤ 2× attention's — ${ratio.toFixed(2)}×`);
  } else console.log("- n/a: Mamba's step ≤ 2× attention's (needs both presets)");
}

export async function runTrainBench(): Promise<void> {
  const presets = parseOnly();
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  console.log(
    `CPU: ${cpus()[0]?.model ?? 'unknown'}, ${availableParallelism()} cores, load average ${load}. One training step, d = ${SETTING.dModel}, V = ${SETTING.vocabSize}, L = ${SETTING.maxSeqLen}, batch ${BATCH} (${TOKENS} tokens), ${THREADS} threads.`,
  );
  const results: PresetResult[] = [];
  for (const preset of presets) {
    const config = architecturePreset(preset, SETTING);
    const params = initParams(config, 1);
    const ours = await measureOurs(config, params);
    const referenceMs = await measureReference(config, params);
    console.log(
      `${preset}: ours ${ours.ms.toFixed(1)} ms/step, reference ${referenceMs.toFixed(0)} ms/step (${config.layers.length} layers, ${parameterCount(config)} parameters)`,
    );
    results.push({ preset, config, params, ours, referenceMs });
  }
  torchPeer(results);
  numpyProducts(results);

  console.log(
    `\n| preset | ours ms | reference ms | torch ms | ours vs reference | ours vs torch | tokens/s |`,
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const r of results) {
    const torchMs = r.torch?.ms ?? null;
    console.log(
      `| ${r.preset} | ${fixed(r.ours.ms)} | ${fixed(r.referenceMs, 0)} | ${fixed(torchMs)} | ${fixed(r.referenceMs / r.ours.ms, 2)}× | ${torchMs === null ? '—' : `${fixed(torchMs / r.ours.ms, 2)}×`} | ${Math.round((TOKENS / r.ours.ms) * 1000)} |`,
    );
  }
  console.log(
    `\nDense products of our step (Wasm gemm calls; GFLOP/s = 2·M·N·K over the time inside the calls, and over the whole step), numpy float32 on the same shapes, ${THREADS} threads:`,
  );
  console.log(
    '| preset | gemm calls/step | GFLOP/step | ours GFLOP/s in gemm | ours GFLOP/s over the step | gemm time / step time | numpy GFLOP/s | ours / numpy |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    const calls = r.ours.gemms.reduce((s, g) => s + g.calls, 0);
    const native = nativeGflops(r);
    console.log(
      `| ${r.preset} | ${calls} | ${fixed(r.ours.gemmFlops / 1e9, 3)} | ${fixed(productsGflops(r), 2)} | ${fixed(r.ours.gemmFlops / r.ours.ms / 1e6, 2)} | ${fixed((100 * r.ours.gemmMs) / r.ours.ms, 0)} % | ${fixed(native, 2)} | ${native === null ? '—' : `${fixed((100 * productsGflops(r)) / native, 0)} %`} |`,
    );
  }
  if (process.argv.includes('--tfjs')) {
    const { loadTfjsWasm, tfjsStepMs } = await import('./trainTfjs');
    await loadTfjsWasm();
    const ms = await tfjsStepMs('wasm');
    const attention = results.find((r) => r.preset === 'attention');
    console.log(
      `\nTensorFlow.js wasm backend, attention model, one thread: ${ms.toFixed(0)} ms/step, ${Math.round((TOKENS / ms) * 1000)} tokens/s${attention ? ` (ours ${fixed(ms / attention.ours.ms, 2)}× faster)` : ''}.`,
    );
  }
  printTargets(results);
  console.log('');
  for (const r of results)
    console.log(
      JSON.stringify({
        bench: 'train',
        preset: r.preset,
        oursMs: round(r.ours.ms),
        referenceMs: round(r.referenceMs),
        torchMs: round(r.torch?.ms),
        productsGflops: round(productsGflops(r), 3),
        nativeGflops: round(nativeGflops(r), 3),
      }),
    );
}
