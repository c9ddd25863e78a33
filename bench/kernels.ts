import { runCausalAttention } from '../kernels/attention/causalAttention';
import { forwardOnGpu, gpuUnsupportedReason } from '../kernels/model/gpuForward';
import { runLinearAttention, runSelectiveScan } from '../kernels/recurrent/recurrentKernels';
import {
  type AttentionInputs,
  causalSoftmaxAttention,
} from '../simulations/attention/causalSoftmaxAttention';
import { linearAttentionRecurrent } from '../simulations/linearAttention/linearAttention';
import { createModel, forward } from '../simulations/model/forward';
import { initParams } from '../simulations/model/params';
import { ARCHITECTURES, architecturePreset } from '../simulations/model/presets';
import { createRng } from '../simulations/random/rng';
import { selectiveScan } from '../simulations/ssm/selectiveScan';
import { allClose } from '../testing/allClose';
import { getTestGpu, releaseTestGpu } from '../testing/webgpu';
import { medianMs } from './timing';

function inputs(heads: number, seqLen: number, headDim: number): AttentionInputs {
  const rng = createRng(seqLen);
  const fill = () => Float32Array.from({ length: heads * seqLen * headDim }, () => rng.nextNormal());
  return { q: fill(), k: fill(), v: fill(), heads, seqLen, headDim };
}

/** Causal attention (2 heads, d_h = 32) on WebGPU vs the CPU reference, T = 64 … 1024, with a log-log slope. */
export async function runKernelBench(): Promise<void> {
  const { device, adapterDescription } = await getTestGpu();
  const emulated = /swiftshader/i.test(adapterDescription);
  console.log(
    `adapter: ${adapterDescription}${emulated ? ' — CPU emulation: ratios below are NOT GPU speed' : ''}`,
  );
  console.log('kernel            T   cpu ms   webgpu ms   cpu/webgpu   max abs err');
  const rows: { T: number; gpu: number }[] = [];
  for (const T of [64, 128, 256, 512, 1024]) {
    const x = inputs(2, T, 32);
    const ref = causalSoftmaxAttention(x);
    const gpuResult = await runCausalAttention(device, x);
    const check = allClose(gpuResult.output, ref.output, { atol: 1e-5, rtol: 1e-4 });
    if (!check.ok)
      throw new Error(`causal attention T=${T} disagrees with the CPU reference: ${check.message}`);
    const cpu = await medianMs(() => causalSoftmaxAttention(x), { repeats: T >= 512 ? 3 : 7 });
    const gpu = await medianMs(() => runCausalAttention(device, x), { repeats: T >= 512 ? 3 : 7 });
    rows.push({ T, gpu });
    console.log(
      `causalAttention ${String(T).padStart(5)} ${cpu.toFixed(2).padStart(8)} ${gpu.toFixed(2).padStart(11)} ` +
        `${(cpu / gpu).toFixed(2).padStart(12)} ${check.maxAbsError.toExponential(1).padStart(13)}`,
    );
  }
  // Least-squares slope of log(time) vs log(T): ≈ 2 for quadratic attention once launch overhead is amortised.
  const xs = rows.map((r) => Math.log(r.T));
  const ys = rows.map((r) => Math.log(r.gpu));
  const mx = xs.reduce((a, b) => a + b) / xs.length;
  const my = ys.reduce((a, b) => a + b) / ys.length;
  const slope =
    xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  console.log(`log-log slope of webgpu time vs T: ${slope.toFixed(2)} (quadratic attention → 2)`);
  await benchRecurrences(device);
  await benchModels(device);
  await releaseTestGpu();
}

/** The scan-based kernels at the same T: time should grow linearly (slope ≈ 1). */
async function benchRecurrences(device: GPUDevice): Promise<void> {
  console.log('\nkernel              T   cpu ms   webgpu ms   cpu/webgpu');
  const slopes: Record<string, { T: number; gpu: number }[]> = { selectiveScan: [], linearAttention: [] };
  for (const T of [64, 128, 256, 512, 1024]) {
    const rng = createRng(T);
    const f = (n: number, g: () => number = () => rng.nextNormal()) => Float32Array.from({ length: n }, g);
    const [D, N] = [128, 16];
    const scan = {
      x: f(T * D),
      delta: f(T * D, () => 0.05 + 0.1 * rng.nextFloat()),
      A: f(D * N, () => -1 - rng.nextFloat()),
      B: f(T * N),
      C: f(T * N),
      Dskip: f(D),
      seqLen: T,
      channels: D,
      stateSize: N,
    };
    const la = {
      q: f(2 * T * 16),
      k: f(2 * T * 16),
      v: f(2 * T * 32),
      heads: 2,
      seqLen: T,
      keyDim: 16,
      valueDim: 32,
      featureMap: 'eluPlusOne' as const,
    };
    for (const [name, cpuRun, gpuRun] of [
      ['selectiveScan', () => selectiveScan(scan), () => runSelectiveScan(device, scan)],
      ['linearAttention', () => linearAttentionRecurrent(la), () => runLinearAttention(device, la)],
    ] as const) {
      const cpu = await medianMs(cpuRun, { repeats: 3 });
      const gpu = await medianMs(gpuRun, { repeats: 3 });
      slopes[name].push({ T, gpu });
      console.log(
        `${name.padEnd(16)} ${String(T).padStart(5)} ${cpu.toFixed(2).padStart(8)} ${gpu.toFixed(2).padStart(11)} ${(cpu / gpu).toFixed(2).padStart(12)}`,
      );
    }
  }
  for (const [name, rows] of Object.entries(slopes))
    console.log(`log-log slope of webgpu time vs T, ${name}: ${logLogSlope(rows).toFixed(2)} (scan → 1)`);
}

function logLogSlope(rows: { T: number; gpu: number }[]): number {
  const xs = rows.map((r) => Math.log(r.T));
  const ys = rows.map((r) => Math.log(r.gpu));
  const mx = xs.reduce((a, b) => a + b) / xs.length;
  const my = ys.reduce((a, b) => a + b) / ys.length;
  return xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
}

/** Whole-model forward (2 layers, d = 64, T = 256): the GPU shell vs the CPU reference, per preset it supports. */
async function benchModels(device: GPUDevice): Promise<void> {
  const T = 256;
  const rng = createRng(3);
  const tokens = Array.from({ length: T }, () => rng.nextInt(512));
  console.log(`\nmodel forward, d = 64, T = ${T}       cpu ms   webgpu ms   cpu/webgpu   max abs logit err`);
  for (const arch of ARCHITECTURES) {
    const config = architecturePreset(arch, { vocabSize: 512, dModel: 64, maxSeqLen: T, window: 32 });
    const model = createModel(config, initParams(config, 1));
    if (gpuUnsupportedReason(model)) continue;
    const check = allClose(
      (await forwardOnGpu(device, model, tokens)).logits,
      forward(model, tokens).logits,
      { atol: 1e-3, rtol: 1e-2 },
    );
    const cpu = await medianMs(() => forward(model, tokens), { warmup: 1, repeats: 3 });
    const gpu = await medianMs(() => forwardOnGpu(device, model, tokens), { warmup: 1, repeats: 3 });
    console.log(
      `${arch.padEnd(33)} ${cpu.toFixed(1).padStart(8)} ${gpu.toFixed(1).padStart(11)} ${(cpu / gpu).toFixed(2).padStart(12)} ${check.maxAbsError.toExponential(1).padStart(19)}`,
    );
  }
}
