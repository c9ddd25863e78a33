/**
 * `npm run bench -- kernels`: our WebGPU kernels vs the CPU reference vs TensorFlow.js's WebGPU backend
 * (@tensorflow/tfjs-backend-webgpu 4.22) doing the same op, in one run, as ratios; every kernel and every preset
 * model at T = 64 … 1024; fitted log-log slopes of time vs T for attention vs the scan-based mixers.
 * Every result is checked against the CPU reference before it is timed. Times include upload, dispatch and
 * one readback (that is what a caller pays). In Node, tfjs finds WebGPU through `navigator.gpu`, which Node 20
 * lacks: we point it at Dawn's GPU object before importing the backend. On SwiftShader (a CPU emulation, the
 * only WebGPU on this project's CI machines) the numbers prove correctness and relative scaling, not GPU speed.
 */
import { runCausalAttention } from '../kernels/attention/causalAttention';
import { runMaskedAttention } from '../kernels/attention/maskedAttention';
import { runChunkedDecayedLinearAttention } from '../kernels/decayedLinearAttention/chunkedDecayedLinearAttention';
import { runDecayedLinearAttention } from '../kernels/decayedLinearAttention/decayedLinearAttention';
import { runHyenaFilter } from '../kernels/hyenaFilter/hyenaFilter';
import { runChunkedLinearAttention } from '../kernels/linearAttention/chunkedLinearAttention';
import { runParallelLinearAttention } from '../kernels/linearAttention/parallelLinearAttention';
import { runLongConv } from '../kernels/longConv/longConv';
import { runBlockedMatmul } from '../kernels/matmul/blockedMatmul';
import { forwardOnGpu } from '../kernels/model/gpuForward';
import { runBlockDiagonal } from '../kernels/monarch/blockDiagonal';
import { argmaxVariantFor, runArgmax } from '../kernels/readout/argmax';
import { runTopK } from '../kernels/readout/topK';
import { runLinearAttention, runRgLru, runSelectiveScan } from '../kernels/recurrent/recurrentKernels';
import { runRope } from '../kernels/rope/rope';
import { BufferPool } from '../kernels/runtime/bufferPool';
import { runS4DKernel } from '../kernels/s4d/s4dKernel';
import { runShortConv } from '../kernels/shortConv/shortConv';
import {
  type AttentionInputs,
  causalSoftmaxAttention,
} from '../simulations/attention/causalSoftmaxAttention';
import { maskedSoftmaxAttention } from '../simulations/attention/maskedSoftmaxAttention';
import { buildMask } from '../simulations/attention/masks/buildMask';
import { applyRope } from '../simulations/attention/rope';
import {
  type GatedLinearAttentionInputs,
  glaChunked,
  glaRecurrent,
} from '../simulations/linearAttention/gatedLinearAttention';
import {
  linearAttentionChunked,
  linearAttentionParallel,
  linearAttentionRecurrent,
} from '../simulations/linearAttention/linearAttention';
import { hyenaFilters } from '../simulations/longConv/hyenaFilter';
import { createModel, forward, predictTokens } from '../simulations/model/forward';
import { initParams } from '../simulations/model/params';
import { ARCHITECTURES, architecturePreset } from '../simulations/model/presets';
import { blockDiagonalMultiply } from '../simulations/monarch/monarch';
import { causalDepthwiseConv1d } from '../simulations/ops/causalConv1d';
import { directCausalConv } from '../simulations/ops/fft';
import { linear } from '../simulations/ops/linear';
import { createRng } from '../simulations/random/rng';
import { rgLru } from '../simulations/recurrent/rgLru';
import { initS4DChannel, s4dKernel } from '../simulations/ssm/s4d';
import { selectiveScan } from '../simulations/ssm/selectiveScan';
import { allClose } from '../testing/allClose';
import { getTestGpu, releaseTestGpu } from '../testing/webgpu';
import { medianMs } from './timing';

type Tf = typeof import('@tensorflow/tfjs');
const ALL_T = [64, 128, 256, 512, 1024];
const SOME_T = [64, 256, 1024];
/** Chunk size of the chunked linear-attention kernels' rows. */
const CHUNK = 32;
/** `--only=<a>,<b>`: time only the kernel rows whose name contains one of them (no peer, no models). */
const ONLY = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const repeatsFor = (T: number) => (T >= 512 ? { warmup: 1, repeats: 1 } : { warmup: 1, repeats: 3 });
const fmt = (x: number, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : '—');

function normals(n: number, seed: number, scale = 1): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => scale * rng.nextNormal());
}

/** Least-squares slope of log(time) vs log(T). */
function logLogSlope(rows: { T: number; ms: number }[]): number {
  const xs = rows.map((r) => Math.log(r.T));
  const ys = rows.map((r) => Math.log(r.ms));
  const mx = xs.reduce((a, b) => a + b) / xs.length;
  const my = ys.reduce((a, b) => a + b) / ys.length;
  return xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
}

/** Throws unless `actual` is close to the CPU reference: nothing is timed before it is right. */
function validate(
  name: string,
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tol = { atol: 2e-4, rtol: 2e-3 },
) {
  const check = allClose(actual, expected, tol);
  if (!check.ok) throw new Error(`${name} disagrees with the CPU reference: ${check.message}`);
  return check.maxAbsError;
}

/** tfjs with its WebGPU backend on the same Dawn instance, or the reason it cannot run. */
async function loadTfjsWebgpu(): Promise<{ tf: Tf } | { error: string }> {
  try {
    const g = globalThis as { navigator?: { gpu?: GPU } };
    g.navigator ??= {} as { gpu?: GPU };
    if (!g.navigator.gpu)
      Object.defineProperty(g.navigator, 'gpu', {
        value: globalThis.__beyondAttentionDawnGpu,
        configurable: true,
      });
    const tf = await import('@tensorflow/tfjs');
    await import('@tensorflow/tfjs-backend-webgpu');
    if (!(await tf.setBackend('webgpu'))) return { error: 'tf.setBackend("webgpu") returned false' };
    await tf.ready();
    return { tf };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

interface PeerRow {
  op: string;
  T: number;
  cpu: number;
  ours: number;
  tfjs: number;
  gflop: number;
}

async function benchPeerOps(device: GPUDevice, tf: Tf | null): Promise<{ T: number; ms: number }[]> {
  console.log(
    '\n### Ops with a peer: ours (WebGPU) vs CPU reference vs tfjs-backend-webgpu, same inputs, one run',
  );
  console.log('op                 T   cpu ms  ours ms  tfjs ms  cpu/ours  tfjs/ours  ours GFLOP/s');
  const attentionRows: { T: number; ms: number }[] = [];
  const rows: PeerRow[] = [];
  const print = (r: PeerRow) =>
    console.log(
      `${r.op.padEnd(15)} ${String(r.T).padStart(5)} ${fmt(r.cpu).padStart(8)} ${fmt(r.ours).padStart(8)} ${fmt(r.tfjs).padStart(8)} ${fmt(r.cpu / r.ours).padStart(9)} ${fmt(r.tfjs / r.ours).padStart(10)} ${fmt(r.gflop / r.ours / 1e6, 3).padStart(13)}`,
    );
  for (const T of ALL_T) {
    const rep = repeatsFor(T);
    // matmul: [T, 256] × [256, 256] (a projection of the shell), our register-blocked kernel.
    const [n, m] = [256, 256];
    const x = normals(T * n, T);
    const W = normals(n * m, 2, 0.05);
    const zero = new Float32Array(m);
    const ours = () => runBlockedMatmul(device, x, W, zero, T, n, m);
    const cpuMatmul = () => linear(x, T, n, W, m);
    const expected = cpuMatmul();
    validate(`matmul T=${T}`, await ours(), expected);
    const tfMatmul = tf
      ? async () => {
          const [a, b] = [tf.tensor2d(x, [T, n]), tf.tensor2d(W, [n, m])];
          const c = tf.matMul(a, b);
          const data = await c.data();
          tf.dispose([a, b, c]);
          return data;
        }
      : null;
    if (tfMatmul) validate(`tfjs matmul T=${T}`, await tfMatmul(), expected);
    const matmul: PeerRow = {
      op: 'matmul ×256²',
      T,
      cpu: await medianMs(cpuMatmul, rep),
      ours: await medianMs(ours, rep),
      tfjs: tfMatmul ? await medianMs(tfMatmul, rep) : Number.NaN,
      gflop: 2 * T * n * m,
    };
    // Causal softmax attention, 2 heads, d_h = 32 (tfjs: matMul, mask, softmax, matMul).
    const [H, dh] = [2, 32];
    const qkv: AttentionInputs = {
      q: normals(H * T * dh, 10 + T),
      k: normals(H * T * dh, 20 + T),
      v: normals(H * T * dh, 30 + T),
      heads: H,
      seqLen: T,
      headDim: dh,
    };
    const ref = causalSoftmaxAttention(qkv);
    validate(`attention T=${T}`, (await runCausalAttention(device, qkv)).output, ref.output);
    const maskTensor = tf
      ? tf.tensor2d(
          Float32Array.from({ length: T * T }, (_, i) => (i % T > Math.floor(i / T) ? -1e9 : 0)),
          [T, T],
        )
      : null;
    const tfAttention = tf
      ? async () => {
          const [q, k, v] = [qkv.q, qkv.k, qkv.v].map((a) => tf.tensor3d(a, [H, T, dh]));
          const out = tf.tidy(() =>
            tf.matMul(
              tf.softmax(
                tf
                  .matMul(q, k, false, true)
                  .mul(1 / Math.sqrt(dh))
                  .add(maskTensor as never),
              ),
              v,
            ),
          );
          const data = await out.data();
          tf.dispose([q, k, v, out]);
          return data;
        }
      : null;
    if (tfAttention) validate(`tfjs attention T=${T}`, await tfAttention(), ref.output);
    const attention: PeerRow = {
      op: 'attention',
      T,
      cpu: await medianMs(() => causalSoftmaxAttention(qkv), rep),
      ours: await medianMs(() => runCausalAttention(device, qkv), rep),
      tfjs: tfAttention ? await medianMs(tfAttention, rep) : Number.NaN,
      gflop: H * 2 * T * T * dh, // QKᵀ and AV over the causal half
    };
    maskTensor?.dispose();
    attentionRows.push({ T, ms: attention.ours });
    // Top-5 readout of [T, 512] logits.
    const V = 512;
    const logits = normals(T * V, 40 + T);
    const cpuTopK = () => {
      const ids = new Int32Array(T * 5);
      for (let t = 0; t < T; t++) {
        const row = Array.from({ length: V }, (_, v) => v).sort(
          (a, b) => logits[t * V + b] - logits[t * V + a] || a - b,
        );
        ids.set(row.slice(0, 5), t * 5);
      }
      return ids;
    };
    validate(`topK T=${T}`, (await runTopK(device, logits, V, 5)).ids, cpuTopK(), { atol: 0, rtol: 0 });
    const tfTopK = tf
      ? async () => {
          const l = tf.tensor2d(logits, [T, V]);
          const { indices, values } = tf.topk(l, 5);
          const data = await indices.data();
          tf.dispose([l, indices, values]);
          return data;
        }
      : null;
    const topK: PeerRow = {
      op: 'top-5 of 512',
      T,
      cpu: await medianMs(cpuTopK, rep),
      ours: await medianMs(() => runTopK(device, logits, V, 5), rep),
      tfjs: tfTopK ? await medianMs(tfTopK, rep) : Number.NaN,
      gflop: 0,
    };
    for (const r of [matmul, attention, topK]) {
      rows.push(r);
      print(r);
    }
  }
  return attentionRows;
}

interface KernelCase {
  name: string;
  ts: number[];
  /** Builds inputs for T; returns the CPU and GPU runs and a check of the GPU result. */
  make(T: number): { cpu: () => unknown; gpu: () => Promise<unknown>; check: () => Promise<number> };
}

function kernelCases(device: GPUDevice): KernelCase[] {
  const scan = (T: number) => {
    const rng = createRng(T);
    const [D, N] = [128, 16];
    const f = (n: number, g: () => number) => Float32Array.from({ length: n }, g);
    return {
      x: f(T * D, () => rng.nextNormal()),
      delta: f(T * D, () => 0.05 + 0.1 * rng.nextFloat()),
      A: f(D * N, () => -1 - rng.nextFloat()),
      B: f(T * N, () => rng.nextNormal()),
      C: f(T * N, () => rng.nextNormal()),
      Dskip: f(D, () => rng.nextNormal()),
      seqLen: T,
      channels: D,
      stateSize: N,
    };
  };
  const la = (T: number, featureMap: 'eluPlusOne' | 'taylor') => ({
    q: normals(2 * T * 16, T, 0.5),
    k: normals(2 * T * 16, T + 1, 0.5),
    v: normals(2 * T * 32, T + 2),
    heads: 2,
    seqLen: T,
    keyDim: 16,
    valueDim: 32,
    featureMap,
  });
  // Decayed linear attention (GLA decays), 2 heads, dk 16, dv 32.
  const decayed = (T: number) => ({
    q: normals(2 * T * 16, T),
    k: normals(2 * T * 16, T + 1),
    v: normals(2 * T * 32, T + 2),
    logDecay: Float32Array.from(normals(2 * T * 16, T + 3), (z) => -Math.log1p(Math.exp(-z)) / 16),
    heads: 2,
    seqLen: T,
    keyDim: 16,
    valueDim: 32,
    scale: 0.25,
  });
  type Decayed = ReturnType<typeof decayed>;
  const decayedReference = (s: Decayed, one: (head: GatedLinearAttentionInputs) => Float32Array) => {
    const { seqLen: T } = s;
    const out = new Float32Array(2 * T * 32);
    for (const h of [0, 1])
      out.set(
        one({
          q: s.q.subarray(h * T * 16, (h + 1) * T * 16),
          k: s.k.subarray(h * T * 16, (h + 1) * T * 16),
          v: s.v.subarray(h * T * 32, (h + 1) * T * 32),
          logDecay: s.logDecay.subarray(h * T * 16, (h + 1) * T * 16),
          seqLen: T,
          keyDim: 16,
          valueDim: 32,
        }),
        h * T * 32,
      );
    return out;
  };
  const cases: KernelCase[] = [
    {
      name: 'selectiveScan D128 N16',
      ts: ALL_T,
      make(T) {
        const s = scan(T);
        return {
          cpu: () => selectiveScan(s),
          gpu: () => runSelectiveScan(device, s),
          check: async () => validate('selectiveScan', await runSelectiveScan(device, s), selectiveScan(s).y),
        };
      },
    },
    {
      name: 'rgLru D128',
      ts: ALL_T,
      make(T) {
        const rng = createRng(T);
        const s = {
          x: normals(T * 128, T),
          r: Float32Array.from({ length: T * 128 }, () => rng.nextFloat()),
          i: Float32Array.from({ length: T * 128 }, () => rng.nextFloat()),
          softplusLambda: Float32Array.from({ length: 128 }, () => 0.001 + 0.1 * rng.nextFloat()),
          seqLen: T,
          channels: 128,
        };
        return {
          cpu: () => rgLru(s),
          gpu: () => runRgLru(device, s),
          check: async () => validate('rgLru', (await runRgLru(device, s)).h, rgLru(s).h),
        };
      },
    },
    {
      name: 'linearAttn rec H2',
      ts: ALL_T,
      make(T) {
        const s = la(T, 'eluPlusOne');
        return {
          cpu: () => linearAttentionRecurrent(s),
          gpu: () => runLinearAttention(device, s),
          check: async () =>
            validate(
              'linearAttention',
              await runLinearAttention(device, s),
              linearAttentionRecurrent(s).output,
            ),
        };
      },
    },
    {
      name: 'decayedLA H2 16×32',
      ts: ALL_T,
      make(T) {
        const s = decayed(T);
        const cpu = () => decayedReference(s, glaRecurrent);
        return {
          cpu,
          gpu: () => runDecayedLinearAttention(device, s),
          check: async () =>
            validate('decayedLinearAttention', await runDecayedLinearAttention(device, s), cpu()),
        };
      },
    },
    {
      name: `decayedLA chunked C${CHUNK}`,
      ts: ALL_T,
      make(T) {
        const s = decayed(T);
        const cpu = () => decayedReference(s, (head) => glaChunked(head, CHUNK));
        const gpu = () => runChunkedDecayedLinearAttention(device, s, CHUNK);
        return { cpu, gpu, check: async () => validate('chunkedDecayedLinearAttention', await gpu(), cpu()) };
      },
    },
    {
      name: `linearAttn chunked C${CHUNK}`,
      ts: ALL_T,
      make(T) {
        const s = la(T, 'eluPlusOne');
        const gpu = () => runChunkedLinearAttention(device, s, CHUNK);
        return {
          cpu: () => linearAttentionChunked(s, CHUNK),
          gpu,
          check: async () =>
            validate('chunkedLinearAttention', await gpu(), linearAttentionChunked(s, CHUNK).output),
        };
      },
    },
    {
      name: `Taylor LA chunked C${CHUNK}`,
      ts: SOME_T,
      make(T) {
        const s = la(T, 'taylor');
        const gpu = () => runChunkedLinearAttention(device, s, CHUNK);
        return {
          cpu: () => linearAttentionChunked(s, CHUNK),
          gpu,
          check: async () =>
            validate('chunkedLinearAttention taylor', await gpu(), linearAttentionChunked(s, CHUNK).output),
        };
      },
    },
    {
      name: 'Taylor LA parallel',
      ts: SOME_T,
      make(T) {
        const s = la(T, 'taylor');
        return {
          cpu: () => linearAttentionParallel(s),
          gpu: () => runParallelLinearAttention(device, s),
          check: async () =>
            validate(
              'parallelLinearAttention',
              (await runParallelLinearAttention(device, s)).output,
              linearAttentionParallel(s).output,
            ),
        };
      },
    },
    {
      name: 'masked attn strided',
      ts: SOME_T,
      make(T) {
        const x = {
          q: normals(2 * T * 32, T),
          k: normals(2 * T * 32, T + 1),
          v: normals(2 * T * 32, T + 2),
          heads: 2,
          seqLen: T,
          headDim: 32,
        };
        const mask = buildMask({ kind: 'strided', stride: 16 }, T);
        return {
          cpu: () => maskedSoftmaxAttention(x, mask),
          gpu: () => runMaskedAttention(device, x, mask),
          check: async () =>
            validate(
              'maskedAttention',
              (await runMaskedAttention(device, x, mask)).output,
              maskedSoftmaxAttention(x, mask).output,
            ),
        };
      },
    },
    {
      name: 'longConv d64',
      ts: SOME_T,
      make(T) {
        const s = {
          x: normals(T * 64, T),
          h: normals(64 * T, T + 1, 0.1),
          skip: normals(64, 3),
          seqLen: T,
          channels: 64,
          taps: T,
          stride: T,
        };
        const cpu = () => {
          const y = new Float32Array(T * 64);
          const u = new Float64Array(T);
          for (let c = 0; c < 64; c++) {
            for (let t = 0; t < T; t++) u[t] = s.x[t * 64 + c];
            const conv = directCausalConv(u, s.h.subarray(c * T, (c + 1) * T));
            for (let t = 0; t < T; t++) y[t * 64 + c] = conv[t] + s.skip[c] * u[t];
          }
          return y;
        };
        return {
          cpu,
          gpu: () => runLongConv(device, s),
          check: async () => validate('longConv', await runLongConv(device, s), cpu()),
        };
      },
    },
    {
      name: 'shortConv d64 k4',
      ts: SOME_T,
      make(T) {
        const [x, w, b] = [normals(T * 64, T), normals(256, 1), normals(64, 2)];
        const cpu = () => causalDepthwiseConv1d(x, T, 64, w, 4, b);
        const gpu = () => runShortConv(device, x, T, 64, w, 4, b);
        return { cpu, gpu, check: async () => validate('shortConv', await gpu(), cpu()) };
      },
    },
    {
      name: 's4dKernel d64 M32',
      ts: SOME_T,
      make(T) {
        const rng = createRng(T);
        const channels = Array.from({ length: 64 }, () => initS4DChannel(32, 'lin', rng));
        const f32 = (a: number[]) => Float32Array.from(a);
        const bank = {
          logDt: f32(channels.map((c) => c.logDt)),
          logAReal: f32(channels.flatMap((c) => [...c.logAReal])),
          aImag: f32(channels.flatMap((c) => [...c.aImag])),
          C: f32(channels.flatMap((c) => [...c.cReal].flatMap((re, n) => [re, c.cImag[n]]))),
          channels: 64,
          modes: 32,
        };
        const cpu = () => channels.map((c) => s4dKernel(c, T));
        return {
          cpu,
          gpu: () => runS4DKernel(device, bank, T),
          check: async () =>
            validate(
              's4dKernel',
              await runS4DKernel(device, bank, T),
              Float32Array.from(cpu().flatMap((k) => [...k])),
              { atol: 1e-3, rtol: 1e-2 },
            ),
        };
      },
    },
    {
      name: 'hyenaFilter w64 d64',
      ts: SOME_T,
      make(T) {
        const dims = [3, 64, 64, 64, 64];
        const params = {
          layers: dims.slice(0, -1).map((inDim, k) => ({
            W: normals(inDim * dims[k + 1], k, 1 / Math.sqrt(inDim)),
            b: k < 3 ? normals(dims[k + 1], 10 + k, 0.1) : undefined,
            inDim,
            outDim: dims[k + 1],
          })),
          freqs: [0, 1, 2].map(() => new Float32Array(64).fill(1)),
        };
        return {
          cpu: () => hyenaFilters(params, 64, T),
          gpu: () => runHyenaFilter(device, params, 64, T),
          check: async () =>
            validate('hyenaFilter', await runHyenaFilter(device, params, 64, T), hyenaFilters(params, 64, T)),
        };
      },
    },
    {
      name: 'rope H2 dh32',
      ts: SOME_T,
      make(T) {
        const x = normals(2 * T * 32, T);
        return {
          cpu: () => applyRope(Float32Array.from(x), 2, T, 32),
          gpu: () => runRope(device, x, 2, T, 32),
          check: async () =>
            validate('rope', await runRope(device, x, 2, T, 32), applyRope(Float32Array.from(x), 2, T, 32)),
        };
      },
    },
    {
      name: 'monarch b16 (n=256)',
      ts: SOME_T,
      make(T) {
        const b = 16;
        const Wref = Float64Array.from(normals(b * b * b, 5));
        const W = new Float32Array(b * b * b);
        for (let g = 0; g < b; g++)
          for (let r = 0; r < b; r++)
            for (let c = 0; c < b; c++) W[(g * b + c) * b + r] = Wref[g * b * b + r * b + c];
        const x = normals(T * b * b, T);
        const s = {
          x,
          W,
          bias: new Float32Array(b * b),
          seqLen: T,
          blocks: b,
          inPer: b,
          outPer: b,
          permute: false,
        };
        const cpu = () => {
          const out = new Float32Array(T * b * b);
          for (let t = 0; t < T; t++)
            out.set(
              blockDiagonalMultiply(
                { re: Wref, im: new Float64Array(Wref.length) },
                {
                  re: Float64Array.from(x.subarray(t * b * b, (t + 1) * b * b)),
                  im: new Float64Array(b * b),
                },
                b,
              ).re,
              t * b * b,
            );
          return out;
        };
        return {
          cpu,
          gpu: () => runBlockDiagonal(device, s),
          check: async () => validate('blockDiagonal', await runBlockDiagonal(device, s), cpu()),
        };
      },
    },
    ...(['portable', 'subgroups'] as const)
      .filter((variant) => variant === 'portable' || argmaxVariantFor(device) === 'subgroups')
      .map(
        (variant): KernelCase => ({
          name: `argmax ${variant} V1000`,
          ts: SOME_T,
          make(T) {
            const x = normals(T * 1000, T);
            const gpu = async () => (await runArgmax(device, x, 1000, variant)).ids;
            return {
              cpu: () => predictTokens(x, 1000),
              gpu,
              check: async () =>
                validate('argmax', await gpu(), predictTokens(x, 1000), { atol: 0, rtol: 0 }),
            };
          },
        }),
      ),
  ];
  return cases;
}

async function benchKernels(device: GPUDevice): Promise<Record<string, { T: number; ms: number }[]>> {
  console.log('\n### Every other kernel: ours (WebGPU) vs the CPU reference (tfjs has no equivalent op)');
  console.log('kernel                  T   cpu ms  ours ms  cpu/ours  max abs err');
  const times: Record<string, { T: number; ms: number }[]> = {};
  for (const c of kernelCases(device)) {
    if (ONLY && !ONLY.some((part) => c.name.includes(part))) continue;
    times[c.name] = [];
    for (const T of c.ts) {
      const run = c.make(T);
      const err = await run.check();
      const rep = repeatsFor(T);
      const cpu = await medianMs(run.cpu, rep);
      const gpu = await medianMs(run.gpu, rep);
      times[c.name].push({ T, ms: gpu });
      console.log(
        `${c.name.padEnd(21)} ${String(T).padStart(5)} ${fmt(cpu).padStart(8)} ${fmt(gpu).padStart(8)} ${fmt(cpu / gpu).padStart(9)} ${err.toExponential(1).padStart(12)}`,
      );
    }
  }
  return times;
}

async function benchModels(device: GPUDevice): Promise<void> {
  console.log(
    '\n### Whole-model forward, every preset: d = 32, vocabulary 64, ours (WebGPU, pooled buffers) vs the CPU reference',
  );
  console.log('model              T   cpu ms  ours ms  cpu/ours  max abs logit err');
  const pool = new BufferPool(device);
  for (const arch of ARCHITECTURES) {
    for (const T of SOME_T) {
      const config = architecturePreset(arch, { vocabSize: 64, dModel: 32, maxSeqLen: T, window: 32 });
      const model = createModel(config, initParams(config, 1));
      const rng = createRng(T);
      const tokens = Array.from({ length: T }, () => rng.nextInt(64));
      const err = validate(
        `${arch} T=${T}`,
        (await forwardOnGpu(device, model, tokens, { pool })).logits,
        forward(model, tokens).logits,
        {
          atol: 1e-3,
          rtol: 1e-2,
        },
      );
      const rep = repeatsFor(T);
      const cpu = await medianMs(() => forward(model, tokens), rep);
      const gpu = await medianMs(() => forwardOnGpu(device, model, tokens, { pool }), rep);
      console.log(
        `${arch.padEnd(15)} ${String(T).padStart(5)} ${fmt(cpu, 1).padStart(8)} ${fmt(gpu, 1).padStart(8)} ${fmt(cpu / gpu).padStart(9)} ${err.toExponential(1).padStart(18)}`,
      );
    }
  }
  pool.dispose();
}

/** The scan-like presets' whole forward, step-by-step kernels vs chunked kernels (decision 008). */
async function benchChunkedModels(device: GPUDevice): Promise<void> {
  console.log('\n### Whole-model forward: step-by-step vs chunked scan kernels (d = 32, vocabulary 64)');
  console.log('model              T  step ms  chunked ms  step/chunked');
  const pool = new BufferPool(device);
  for (const arch of ['linear-attention', 'based', 'retnet', 'gla', 'mamba2']) {
    for (const T of [256, 1024]) {
      const config = architecturePreset(arch, { vocabSize: 64, dModel: 32, maxSeqLen: T, window: 32 });
      const model = createModel(config, initParams(config, 1));
      const rng = createRng(T);
      const tokens = Array.from({ length: T }, () => rng.nextInt(64));
      const run = (chunked: boolean) => () => forwardOnGpu(device, model, tokens, { pool, chunked });
      validate(`${arch} chunked T=${T}`, (await run(true)()).logits, (await run(false)()).logits, {
        atol: 1e-3,
        rtol: 1e-2,
      });
      const rep = repeatsFor(T);
      const step = await medianMs(run(false), rep);
      const chunked = await medianMs(run(true), rep);
      console.log(
        `${arch.padEnd(15)} ${String(T).padStart(5)} ${fmt(step, 1).padStart(8)} ${fmt(chunked, 1).padStart(11)} ${fmt(step / chunked).padStart(13)}`,
      );
    }
  }
  pool.dispose();
}

export async function runKernelBench(): Promise<void> {
  const { device, adapterDescription } = await getTestGpu();
  const emulated = /swiftshader/i.test(adapterDescription);
  console.log(
    `adapter: ${adapterDescription}${emulated ? ' — a CPU emulation of a GPU: times below are NOT GPU speed' : ''}`,
  );
  if (ONLY) {
    await benchKernels(device);
    if (ONLY.includes('models')) await benchChunkedModels(device);
    await releaseTestGpu();
    return;
  }
  const peer = await loadTfjsWebgpu();
  if ('error' in peer) console.log(`tfjs-backend-webgpu: cannot run here (${peer.error}); its column is —`);
  else
    console.log(
      `tfjs-backend-webgpu ${peer.tf.version.tfjs}: backend ${peer.tf.getBackend()} on the same Dawn instance`,
    );
  const attention = await benchPeerOps(device, 'tf' in peer ? peer.tf : null);
  const kernels = await benchKernels(device);
  console.log('\n### Scaling: fitted log-log slope of WebGPU time vs T (64 … 1024)');
  console.log(`attention (quadratic → 2)         ${logLogSlope(attention).toFixed(2)}`);
  for (const name of [
    'selectiveScan D128 N16',
    'rgLru D128',
    'linearAttn rec H2',
    'decayedLA H2 16×32',
    `decayedLA chunked C${CHUNK}`,
    `linearAttn chunked C${CHUNK}`,
  ])
    console.log(`${name.padEnd(33)} ${logLogSlope(kernels[name]).toFixed(2)}  (scan → 1)`);
  await benchModels(device);
  await benchChunkedModels(device);
  await releaseTestGpu();
}
