import { runCausalAttention } from '../kernels/attention/causalAttention';
import {
  type AttentionInputs,
  causalSoftmaxAttention,
} from '../simulations/attention/causalSoftmaxAttention';
import { createRng } from '../simulations/random/rng';
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
  await releaseTestGpu();
}
