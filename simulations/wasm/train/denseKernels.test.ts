/**
 * The float32 Wasm dense and attention training kernels (denseKernels.ts) against float64 references on the
 * same float32 inputs: gemm against a float64 triple loop (|c − ref| ≤ GEMM_RTOL·(|c₀| + Σ_k |a_mk·b_kn|), the
 * scale float32 rounding errors grow with), the bias kernels likewise, attention against the float64
 * `causalAttention` op (|wasm − ref| ≤ RTOL·|ref| + ATOL·max|ref| per array); and split invariance: the range cut
 * into parts (each with its own scratch) gives bit-identical results to one call. Outputs and scratch start as
 * NaN, so any value a kernel fails to write, or garbage that leaks from scratch, shows.
 */
import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../random/rng';
import { causalAttention } from '../../training/ops/attention';
import { Tape, Var } from '../../training/tape';
import { trainKernelsWasmBase64 } from '../trainKernels.generated';
import { decodeBase64 } from '../wasmModule';
import type { DenseKernelExports } from './denseKernels';

// Float32 products over up to K = 4096 terms: errors ≲ 2e-8 of Σ|a·b| measured (blocked summation).
const GEMM_RTOL = 1e-6;
// Attention: float32 softmax (≈ 1 ulp exp) and sums over T·dh terms: errors ≲ 2e-7 of the scale measured.
const RTOL = 1e-5;
const ATOL = 1e-6;

type Kernels = DenseKernelExports & { heapBase(): number };

let module: WebAssembly.Module | undefined;

/** A fresh instance over its own memory, with a bump allocator above the static data. */
function wasm() {
  module ??= new WebAssembly.Module(decodeBase64(trainKernelsWasmBase64));
  const memory = new WebAssembly.Memory({ initial: 1 });
  const k = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as Kernels;
  let end = Math.ceil(k.heapBase() / 16) * 16;
  /** Places `data` (or n NaNs) and returns its byte offset; a 4-byte misalignment tests unaligned access. */
  const put = (data: Float32Array | number): number => {
    const n = typeof data === 'number' ? data : data.length;
    const at = end + 4;
    end = at + Math.ceil((4 * n + 16) / 16) * 16;
    if (end > memory.buffer.byteLength) memory.grow(Math.ceil((end - memory.buffer.byteLength) / 65536));
    const view = new Float32Array(memory.buffer, at, n);
    if (typeof data === 'number') view.fill(Number.NaN);
    else view.set(data);
    return at;
  };
  const get = (at: number, n: number): Float32Array => new Float32Array(memory.buffer, at, n).slice();
  const set = (at: number, data: Float32Array): void =>
    new Float32Array(memory.buffer, at, data.length).set(data);
  return { k, put, get, set };
}

const normal = (rng: Rng, n: number, scale = 1): Float32Array =>
  Float32Array.from({ length: n }, () => rng.nextNormal() * scale);

/** Bit-for-bit equality (NaN-safe). */
function expectBitEqual(name: string, a: Float32Array, b: Float32Array): void {
  expect(new Uint32Array(a.buffer, a.byteOffset, a.length), name).toEqual(
    new Uint32Array(b.buffer, b.byteOffset, b.length),
  );
}

/** |actual − expected| ≤ rtol·bound elementwise (bound: the magnitude the rounding errors scale with). */
function expectWithin(
  name: string,
  actual: Float32Array,
  expected: Float64Array,
  bound: Float64Array,
  rtol: number,
) {
  let worst = 0;
  let at = -1;
  for (let i = 0; i < expected.length; i++) {
    const excess = Math.abs(actual[i] - expected[i]) / (rtol * bound[i] + 1e-30);
    if (!(excess <= worst)) {
      worst = excess;
      at = i;
    }
  }
  if (process.env.SHOW_ERR) console.log(name, worst.toFixed(4));
  expect(worst, `${name}[${at}]: ${actual[at]} vs ${expected[at]}`).toBeLessThanOrEqual(1);
}

function expectClose(name: string, actual: Float32Array, expected: Float64Array): void {
  expect(actual.length, name).toBe(expected.length);
  let scale = 0;
  for (const e of expected) scale = Math.max(scale, Math.abs(e));
  const bound = expected.map((e) => Math.abs(e) + (ATOL / RTOL) * scale);
  expectWithin(name, actual, expected, bound, RTOL);
}

/** Cut points of [0, n): one call, two halves, and an uneven three-way split. */
const splits = (n: number): number[][] => [
  [0, n],
  [0, n >> 1, n],
  [0, Math.min(1, n), Math.max(Math.min(1, n), n - 1), n],
];

// ---------------------------------------------------------------------------------------------------------

describe('gemm', () => {
  /** C = (acc ? C0 : 0) + opA opB in float64, and the error scale |C0| + Σ_k |a·b|. */
  function reference(
    A: Float32Array,
    Bm: Float32Array,
    C0: Float32Array | null,
    M: number,
    N: number,
    K: number,
    tA: number,
    tB: number,
  ) {
    const C = new Float64Array(M * N);
    const bound = new Float64Array(M * N);
    const a = (m: number, k: number) => (tA ? A[k * M + m] : A[m * K + k]);
    const b = (k: number, n: number) => (tB ? Bm[n * K + k] : Bm[k * N + n]);
    for (let m = 0; m < M; m++)
      for (let n = 0; n < N; n++) {
        let s = C0 ? C0[m * N + n] : 0;
        let mag = Math.abs(s);
        for (let k = 0; k < K; k++) {
          const p = a(m, k) * b(k, n);
          s += p;
          mag += Math.abs(p);
        }
        C[m * N + n] = s;
        bound[m * N + n] = mag;
      }
    return { C, bound };
  }

  const shapes: [number, number, number][] = [
    [1, 1, 1],
    [5, 7, 3],
    [7, 1, 5],
    [3, 9, 1],
    [33, 65, 17],
    [6, 1100, 20],
    [64, 192, 300],
  ];
  const cases = shapes.flatMap(([M, N, K]) =>
    [0, 1].flatMap((transA) => [0, 1].map((transB) => ({ M, N, K, transA, transB }))),
  );
  it.each(cases)(
    'M $M, N $N, K $K, transA $transA, transB $transB: vs float64, split-invariant',
    ({ M, N, K, transA, transB }) => {
      const rng = createRng(M * 131 + N * 17 + K + transA * 3 + transB * 5);
      const A = normal(rng, M * K);
      const Bm = normal(rng, K * N);
      const C0 = normal(rng, M * N);
      const { k, put, get, set } = wasm();
      const [a, b] = [put(A), put(Bm)];
      const c = put(M * N);
      const scratchFloats = k.gemmScratchFloats(M, N, K);
      const scratch = [put(scratchFloats), put(scratchFloats), put(scratchFloats)];
      for (const accumulate of [0, 1]) {
        const ref = reference(A, Bm, accumulate ? C0 : null, M, N, K, transA, transB);
        let whole: Float32Array | undefined;
        for (const cuts of splits(M)) {
          if (accumulate) set(c, C0);
          else set(c, new Float32Array(M * N).fill(Number.NaN));
          for (let i = 0; i + 1 < cuts.length; i++)
            if (cuts[i + 1] > cuts[i])
              k.gemm(a, b, c, M, N, K, transA, transB, accumulate, scratch[i], cuts[i], cuts[i + 1]);
          const out = get(c, M * N);
          if (!whole) {
            whole = out;
            expectWithin(`C (accumulate ${accumulate})`, out, ref.C, ref.bound, GEMM_RTOL);
          } else expectBitEqual(`C split ${cuts.join('/')} (accumulate ${accumulate})`, out, whole);
        }
      }
    },
  );

  it.each([
    { transA: 0, transB: 0 },
    { transA: 1, transB: 0 },
    { transA: 0, transB: 1 },
    { transA: 1, transB: 1 },
  ])(
    'M 64, N 192, K 4096 (the dW shape), transA $transA, transB $transB: vs float64, halves bit-identical',
    ({ transA, transB }) => {
      const [M, N, K] = [64, 192, 4096];
      const rng = createRng(4096 + transA * 2 + transB);
      const A = normal(rng, M * K);
      const Bm = normal(rng, K * N);
      const C0 = normal(rng, M * N);
      const { k, put, get, set } = wasm();
      const [a, b, c] = [put(A), put(Bm), put(C0)];
      const s = k.gemmScratchFloats(M, N, K);
      const [s0, s1] = [put(s), put(s)];
      k.gemm(a, b, c, M, N, K, transA, transB, 1, s0, 0, M);
      const whole = get(c, M * N);
      const ref = reference(A, Bm, C0, M, N, K, transA, transB);
      expectWithin('C', whole, ref.C, ref.bound, GEMM_RTOL);
      set(c, C0);
      k.gemm(a, b, c, M, N, K, transA, transB, 1, s0, 0, 29);
      k.gemm(a, b, c, M, N, K, transA, transB, 1, s1, 29, M);
      expectBitEqual('C halves', get(c, M * N), whole);
    },
  );
});

describe('bias kernels', () => {
  it.each([
    { R: 1, N: 1 },
    { R: 9, N: 7 },
    { R: 130, N: 37 },
    { R: 64, N: 192 },
  ])('columnSums and addRowVector, R $R, N $N: vs float64, split-invariant', ({ R, N }) => {
    const rng = createRng(R * 7 + N);
    const x = normal(rng, R * N);
    const bias = normal(rng, N);
    const out0 = normal(rng, N);
    const { k, put, get, set } = wasm();
    const [px, pbias] = [put(x), put(bias)];
    const out = put(N);
    for (const accumulate of [0, 1]) {
      const ref = new Float64Array(N);
      const bound = new Float64Array(N);
      for (let n = 0; n < N; n++) {
        ref[n] = accumulate ? out0[n] : 0;
        bound[n] = Math.abs(ref[n]);
        for (let r = 0; r < R; r++) {
          ref[n] += x[r * N + n];
          bound[n] += Math.abs(x[r * N + n]);
        }
      }
      let whole: Float32Array | undefined;
      for (const cuts of splits(N)) {
        set(out, accumulate ? out0 : new Float32Array(N).fill(Number.NaN));
        for (let i = 0; i + 1 < cuts.length; i++)
          k.columnSums(px, out, R, N, accumulate, cuts[i], cuts[i + 1]);
        const got = get(out, N);
        if (!whole) {
          whole = got;
          expectWithin(`columnSums (accumulate ${accumulate})`, got, ref, bound, GEMM_RTOL);
        } else expectBitEqual(`columnSums split ${cuts.join('/')}`, got, whole);
      }
    }
    for (const cuts of splits(R)) {
      set(px, x);
      for (let i = 0; i + 1 < cuts.length; i++) k.addRowVector(px, pbias, R, N, cuts[i], cuts[i + 1]);
      const expected = x.map((v, i) => Math.fround(v + bias[i % N]));
      expectBitEqual(`addRowVector split ${cuts.join('/')}`, get(px, R * N), expected);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('causal softmax attention', () => {
  const cases = [
    { B: 2, T: 1, H: 1, dh: 8, window: -1 },
    { B: 2, T: 1, H: 2, dh: 5, window: 0 },
    { B: 2, T: 7, H: 1, dh: 16, window: -1 },
    { B: 2, T: 7, H: 2, dh: 6, window: 0 },
    { B: 2, T: 7, H: 2, dh: 13, window: 3 },
    { B: 2, T: 7, H: 1, dh: 3, window: 3 },
    { B: 2, T: 64, H: 1, dh: 64, window: -1 },
    { B: 2, T: 64, H: 2, dh: 16, window: -1 },
    { B: 2, T: 64, H: 2, dh: 12, window: 0 },
    { B: 2, T: 64, H: 1, dh: 32, window: 3 },
    { B: 2, T: 63, H: 2, dh: 20, window: 5 },
    { B: 1, T: 66, H: 1, dh: 4, window: 100 },
  ];
  it.each(cases)(
    'B $B, T $T, H $H, dh $dh, window $window: forward, probs and gradients vs float64; split-invariant',
    ({ B, T, H, dh, window }) => {
      const rng = createRng(B * 1000 + T * 31 + H * 7 + dh + window);
      const R = B * T;
      const D = H * dh;
      const [q, kk, v] = [normal(rng, R * D), normal(rng, R * D), normal(rng, R * D)];
      const G = normal(rng, R * D);
      const grad0 = [normal(rng, R * D, 0.5), normal(rng, R * D, 0.5), normal(rng, R * D, 0.5)];

      // Reference: the float64 op on the same float32 values, gradients seeded with grad0 (the kernels accumulate).
      const vars = [q, kk, v].map((x) => new Var(Float64Array.from(x), [R, D]));
      vars.forEach((x, i) => {
        x.grad.set(grad0[i]);
      });
      const tape = new Tape();
      const out = causalAttention(tape, vars[0], vars[1], vars[2], {
        batch: B,
        seqLen: T,
        heads: H,
        window: window < 0 ? undefined : window,
      });
      tape.record(() => out.grad.set(G));
      tape.backward(new Var(new Float64Array(1), [1]));
      const refProbs = softmaxProbs(q, kk, B, T, H, dh, window);

      const { k, put, get, set } = wasm();
      const [pq, pk, pv, pG] = [put(q), put(kk), put(v), put(G)];
      const y = put(R * D);
      const probs = put(B * H * T * T);
      const grads = [put(R * D), put(R * D), put(R * D)];
      const sf = k.attentionScratchFloats(T, dh);
      const scratch = [put(sf), put(sf), put(sf)];
      const pairs = B * H;
      let whole: Float32Array[] | undefined;
      for (const cuts of splits(pairs)) {
        set(y, new Float32Array(R * D).fill(Number.NaN));
        set(probs, new Float32Array(pairs * T * T).fill(Number.NaN));
        grads.forEach((g, i) => {
          set(g, grad0[i]);
        });
        for (let i = 0; i + 1 < cuts.length; i++)
          if (cuts[i + 1] > cuts[i])
            k.attentionForward(pq, pk, pv, y, probs, B, T, H, dh, window, cuts[i], cuts[i + 1]);
        for (let i = 0; i + 1 < cuts.length; i++)
          if (cuts[i + 1] > cuts[i])
            k.attentionBackward(
              pq,
              pk,
              pv,
              probs,
              pG,
              grads[0],
              grads[1],
              grads[2],
              scratch[i],
              B,
              T,
              H,
              dh,
              window,
              cuts[i],
              cuts[i + 1],
            );
        const got = [get(y, R * D), get(probs, pairs * T * T), ...grads.map((g) => get(g, R * D))];
        const names = ['y', 'probs', 'dq', 'dk', 'dv'];
        if (!whole) {
          whole = got;
          expectClose('y', got[0], out.data as Float64Array);
          expectClose('probs', got[1], refProbs);
          // Masked entries are exactly 0.
          for (let i = 0; i < refProbs.length; i++)
            if (refProbs[i] === 0) expect(got[1][i], `probs[${i}]`).toBe(0);
          vars.forEach((x, i) => {
            expectClose(names[2 + i], got[2 + i], x.grad as Float64Array);
          });
        } else
          got.forEach((g, i) => {
            expectBitEqual(`${names[i]} split ${cuts.join('/')}`, g, (whole as Float32Array[])[i]);
          });
      }
    },
  );
});

/** The attention weights [B·H, T, T] in float64 (0 outside each query's keys). */
function softmaxProbs(
  q: Float32Array,
  k: Float32Array,
  B: number,
  T: number,
  H: number,
  dh: number,
  window: number,
) {
  const P = new Float64Array(B * H * T * T);
  const scale = 1 / Math.sqrt(dh);
  for (let b = 0; b < B; b++)
    for (let h = 0; h < H; h++)
      for (let i = 0; i < T; i++) {
        const row = ((b * H + h) * T + i) * T;
        const lo = window < 0 ? 0 : Math.max(0, i - window);
        let max = Number.NEGATIVE_INFINITY;
        for (let j = lo; j <= i; j++) {
          let s = 0;
          for (let d = 0; d < dh; d++)
            s += q[(b * T + i) * H * dh + h * dh + d] * k[(b * T + j) * H * dh + h * dh + d];
          P[row + j] = s * scale;
          max = Math.max(max, P[row + j]);
        }
        let sum = 0;
        for (let j = lo; j <= i; j++) {
          P[row + j] = Math.exp(P[row + j] - max);
          sum += P[row + j];
        }
        for (let j = lo; j <= i; j++) P[row + j] /= sum;
      }
  return P;
}
