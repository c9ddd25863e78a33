/**
 * The float32 Wasm training kernels of the recurrent ops (recurrentKernels.ts) against the float64 TypeScript
 * ops of simulations/training/ops/ on the same float32 inputs: forward outputs and every input gradient
 * all-close, |wasm − ref| ≤ RTOL·|ref| + ATOL·max|ref| per array; and split invariance: the range cut in two
 * calls, and the shared-memory build, give bit-identical results to one call.
 */
import { describe, expect, it } from 'vitest';
import { LINEAR_ATTENTION_EPS } from '../../linearAttention/linearAttention';
import { createRng, type Rng } from '../../random/rng';
import { initLambda } from '../../recurrent/rgLru';
import { causalConv } from '../../training/ops/causalConv';
import { gatedLinearAttention } from '../../training/ops/gatedLinearAttention';
import { linearAttention } from '../../training/ops/linearAttention';
import { rgLru } from '../../training/ops/rgLru';
import { selectiveScan } from '../../training/ops/selectiveScan';
import { Tape, Var } from '../../training/tape';
import { trainKernelsWasmBase64 } from '../trainKernels.generated';
import { trainKernelsSharedWasmBase64 } from '../trainKernelsShared.generated';
import { decodeBase64, SHARED_MAX_PAGES } from '../wasmModule';
import type { RecurrentKernelExports } from './recurrentKernels';

// Float32 storage and float32 accumulation over T steps and up to ~100 channels: elementwise relative error
// ~1e-6 typically; the max-scaled absolute term covers values that cancel to near zero.
const RTOL = 1e-4;
const ATOL = 1e-5;

type Kernels = RecurrentKernelExports & { heapBase(): number };

const modules: { private?: WebAssembly.Module; shared?: WebAssembly.Module } = {};

/**
 * A fresh instance over its own memory (of the private build, or of the shared-memory build that worker
 * threads use), with a bump allocator above the static data.
 */
function wasm(shared: boolean) {
  const which = shared ? 'shared' : 'private';
  let module = modules[which];
  if (!module) {
    module = new WebAssembly.Module(
      decodeBase64(shared ? trainKernelsSharedWasmBase64 : trainKernelsWasmBase64),
    );
    modules[which] = module;
  }
  const memory = new WebAssembly.Memory(
    shared ? { initial: 1, maximum: SHARED_MAX_PAGES, shared: true } : { initial: 1 },
  );
  const k = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as Kernels;
  let end = Math.ceil(k.heapBase() / 16) * 16;
  /** Places `data` (or n zeros) and returns its byte offset; a 4-byte misalignment tests unaligned access. */
  const put = (data: Float32Array | number): number => {
    const n = typeof data === 'number' ? data : data.length;
    const at = end + 4;
    end = at + Math.ceil((4 * n + 16) / 16) * 16;
    if (end > memory.buffer.byteLength) memory.grow(Math.ceil((end - memory.buffer.byteLength) / 65536));
    if (typeof data !== 'number') new Float32Array(memory.buffer, at, n).set(data);
    return at;
  };
  const get = (at: number, n: number): Float32Array => new Float32Array(memory.buffer, at, n).slice();
  return { k, put, get };
}

const normal = (rng: Rng, n: number, scale = 1): Float32Array =>
  Float32Array.from({ length: n }, () => rng.nextNormal() * scale);
const uniform = (rng: Rng, n: number, lo: number, hi: number): Float32Array =>
  Float32Array.from({ length: n }, () => lo + (hi - lo) * rng.nextFloat());

const v64 = (data: Float32Array, shape: number[]): Var => new Var(Float64Array.from(data), shape);

/**
 * Runs `op` on a float64 tape, seeds every input's gradient with `grad0` (to check that kernels accumulate)
 * and the output's with G, and returns the output and the inputs' gradients.
 */
function reference(
  inputs: Var[],
  grad0: Float32Array[],
  op: (tape: Tape) => Var,
  G: Float32Array,
): { y: Float64Array; grads: Float64Array[] } {
  const tape = new Tape();
  for (const [i, v] of inputs.entries()) v.grad.set(grad0[i]);
  const out = op(tape);
  tape.record(() => out.grad.set(G));
  tape.backward(new Var(new Float64Array(1), [1]));
  return { y: Float64Array.from(out.data), grads: inputs.map((v) => Float64Array.from(v.grad)) };
}

function expectClose(
  name: string,
  actual: Float32Array,
  expected: Float64Array,
  rtol = RTOL,
  atol = ATOL,
): void {
  expect(actual.length, name).toBe(expected.length);
  let scale = 0;
  for (const e of expected) scale = Math.max(scale, Math.abs(e));
  let worst = 0;
  let at = -1;
  for (let i = 0; i < expected.length; i++) {
    const excess = Math.abs(actual[i] - expected[i]) / (rtol * Math.abs(expected[i]) + atol * scale);
    if (!(excess <= worst)) {
      worst = excess;
      at = i;
    }
  }
  expect(worst, `${name}[${at}]: ${actual[at]} vs ${expected[at]} (max |ref| ${scale})`).toBeLessThanOrEqual(
    1,
  );
}

/** Bit-for-bit equality (NaN-safe). */
function expectBitEqual(name: string, a: Float32Array, b: Float32Array): void {
  expect(new Uint32Array(a.buffer, a.byteOffset, a.length), name).toEqual(
    new Uint32Array(b.buffer, b.byteOffset, b.length),
  );
}

/** outs[0] all-close to `expected`, and every other run's outputs bit-identical to outs[0]. */
function checkAll(names: string[], outs: Float32Array[][], expected: Float64Array[]): void {
  for (const [j, name] of names.entries()) {
    expectClose(name, outs[0][j], expected[j]);
    for (const other of outs.slice(1)) expectBitEqual(`${name} split`, other[j], outs[0][j]);
  }
}

/**
 * The runs compared: cut points of [0, n) into one call, two halves and an uneven three-way split on the
 * private build, and two halves on the shared-memory build.
 */
const splits = (n: number): { cuts: number[]; shared: boolean }[] => [
  { cuts: [0, n], shared: false },
  { cuts: [0, n >> 1, n], shared: false },
  { cuts: [0, Math.min(1, n), Math.max(Math.min(1, n), n - 1), n], shared: false },
  { cuts: [0, n >> 1, n], shared: true },
];

function runSplit(cuts: number[], call: (start: number, end: number) => void): void {
  for (let i = 0; i + 1 < cuts.length; i++) if (cuts[i + 1] > cuts[i]) call(cuts[i], cuts[i + 1]);
}

// ---------------------------------------------------------------------------------------------------------

describe('selective scan', () => {
  const shapes = [
    { nSeq: 2, T: 1, Ch: 3, N: 1 },
    { nSeq: 3, T: 7, Ch: 5, N: 16 },
    { nSeq: 2, T: 9, Ch: 6, N: 6 },
    { nSeq: 1, T: 12, Ch: 4, N: 4 },
    { nSeq: 3, T: 5, Ch: 7, N: 19 },
    { nSeq: 2, T: 33, Ch: 3, N: 2 },
    { nSeq: 3, T: 6, Ch: 9, N: 3 },
    { nSeq: 2, T: 8, Ch: 5, N: 9 },
    { nSeq: 2, T: 7, Ch: 6, N: 8 },
  ];
  it.each(shapes)(
    'nSeq $nSeq, T $T, Ch $Ch, N $N: forward and every gradient vs float64',
    ({ nSeq, T, Ch, N }) => {
      const rng = createRng(11 + T * 7 + N);
      const R = nSeq * T;
      const x = normal(rng, R * Ch);
      const delta = uniform(rng, R * Ch, 0.01, 1.2);
      const A = uniform(rng, Ch * N, -6, -0.2);
      const B = normal(rng, R * N);
      const C = normal(rng, R * N);
      const D = normal(rng, Ch);
      const G = normal(rng, R * Ch);
      const inputs = [x, delta, A, B, C, D];
      const grad0 = inputs.map((v) => normal(rng, v.length, 0.5));
      const [vx, vd, vA, vB, vC, vD] = [
        v64(x, [R, Ch]),
        v64(delta, [R, Ch]),
        v64(A, [Ch, N]),
        v64(B, [R, N]),
        v64(C, [R, N]),
        v64(D, [Ch]),
      ];
      const ref = reference(
        [vx, vd, vA, vB, vC, vD],
        grad0,
        (tape) => selectiveScan(tape, { x: vx, delta: vd, A: vA, B: vB, C: vC, D: vD }, T),
        G,
      );

      const outs = splits(nSeq).map(({ cuts: seqCuts, shared }, i) => {
        const chCuts = splits(Ch)[i].cuts;
        const { k, put, get } = wasm(shared);
        const [px, pd, pA, pB, pC, pD] = inputs.map((v) => put(v));
        const [gx, gd, gA, gB, gC, gD] = grad0.map((v) => put(v));
        const y = put(R * Ch);
        const dy = put(G);
        const scratch = put(k.selectiveScanScratchFloats(T, N));
        const partial = put(k.selectiveScanPartialFloats(nSeq, Ch, N));
        // Runs 1 and 3 keep the decays from the forward pass; 0 and 2 recompute them (same bits).
        const saved = i % 2 ? put(k.selectiveScanSavedFloats(nSeq, T, Ch, N)) : 0;
        runSplit(seqCuts, (s, e) =>
          k.selectiveScanForward(px, pd, pA, pB, pC, pD, y, saved, scratch, T, Ch, N, s, e),
        );
        runSplit(seqCuts, (s, e) =>
          k.selectiveScanBackward(
            px,
            pd,
            pA,
            pB,
            pC,
            pD,
            dy,
            gx,
            gd,
            gB,
            gC,
            partial,
            saved,
            scratch,
            nSeq,
            T,
            Ch,
            N,
            s,
            e,
          ),
        );
        runSplit(chCuts, (s, e) => k.selectiveScanParamGrads(partial, gA, gD, nSeq, Ch, N, s, e));
        return [get(y, R * Ch), ...[gx, gd, gA, gB, gC, gD].map((g, j) => get(g, inputs[j].length))];
      });
      const names = ['y', 'dx', 'dΔ', 'dA', 'dB', 'dC', 'dD'];
      const expected = [ref.y, ...ref.grads];
      checkAll(names, outs, expected);
    },
  );
});

describe('RG-LRU', () => {
  const shapes = [
    { nSeq: 2, T: 1, Ch: 3 },
    { nSeq: 3, T: 7, Ch: 5 },
    { nSeq: 2, T: 16, Ch: 8 },
    { nSeq: 1, T: 33, Ch: 11 },
    { nSeq: 2, T: 20, Ch: 6, init: true },
  ];
  it.each(shapes)(
    'nSeq $nSeq, T $T, Ch $Ch: forward and every gradient vs float64',
    ({ nSeq, T, Ch, init }) => {
      const rng = createRng(5 + T * 3 + Ch);
      const R = nSeq * T;
      const x = normal(rng, R * Ch);
      // r is a sigmoid's output; with the paper's init of Λ and small r, a → 1 and m = √(1 − a²) → 0.
      const r = init ? uniform(rng, R * Ch, 0.001, 0.2) : uniform(rng, R * Ch, 0.05, 0.95);
      const i = uniform(rng, R * Ch, 0.05, 0.95);
      // Λ spans softplus's branches (> 20, < −20 and between); decays a ∈ (e^{−8·22}, 1).
      const lambda = Float32Array.from({ length: Ch }, (_, c) =>
        init ? initLambda(rng.nextFloat()) : [-1.5, 0.3, 2, -0.4, 21, -21, 0.9][c % 7],
      );
      const G = normal(rng, R * Ch);
      const inputs = [x, r, i, lambda];
      const grad0 = inputs.map((v) => normal(rng, v.length, 0.5));
      const [vx, vr, vi, vl] = [v64(x, [R, Ch]), v64(r, [R, Ch]), v64(i, [R, Ch]), v64(lambda, [Ch])];
      const ref = reference([vx, vr, vi, vl], grad0, (tape) => rgLru(tape, vx, vr, vi, vl, T), G);

      const outs = splits(Ch).map(({ cuts, shared }) => {
        const { k, put, get } = wasm(shared);
        const [px, pr, pi, pl] = inputs.map((v) => put(v));
        const [gx, gr, gi, gl] = grad0.map((v) => put(v));
        const h = put(R * Ch);
        const dh = put(G);
        const scratch = put(k.rgLruScratchFloats(T, Ch));
        runSplit(cuts, (s, e) => k.rgLruForward(px, pr, pi, pl, h, scratch, nSeq, T, Ch, s, e));
        runSplit(cuts, (s, e) =>
          k.rgLruBackward(px, pr, pi, pl, h, dh, gx, gr, gi, gl, scratch, nSeq, T, Ch, s, e),
        );
        return [get(h, R * Ch), ...[gx, gr, gi, gl].map((g, j) => get(g, inputs[j].length))];
      });
      const names = ['h', 'dx', 'dr', 'di', 'dΛ'];
      const expected = [ref.y, ...ref.grads];
      checkAll(names, outs, expected);
    },
  );
});

describe('causal conv', () => {
  const shapes = [
    { nSeq: 2, T: 1, Ch: 3, K: 4, bias: true },
    { nSeq: 3, T: 7, Ch: 5, K: 4, bias: true },
    { nSeq: 2, T: 9, Ch: 8, K: 3, bias: false },
    { nSeq: 2, T: 3, Ch: 6, K: 5, bias: true },
    { nSeq: 1, T: 17, Ch: 11, K: 1, bias: false },
    { nSeq: 2, T: 6, Ch: 7, K: 2, bias: true },
    { nSeq: 2, T: 9, Ch: 5, K: 7, bias: true },
  ];
  it.each(shapes)(
    'nSeq $nSeq, T $T, Ch $Ch, K $K, bias $bias: forward and every gradient vs float64',
    ({ nSeq, T, Ch, K, bias }) => {
      const rng = createRng(3 + T * 5 + K);
      const R = nSeq * T;
      const x = normal(rng, R * Ch);
      const w = normal(rng, Ch * K);
      const b = normal(rng, Ch);
      const G = normal(rng, R * Ch);
      const inputs = bias ? [x, w, b] : [x, w];
      const grad0 = inputs.map((v) => normal(rng, v.length, 0.5));
      const vars = [v64(x, [R, Ch]), v64(w, [Ch, K]), ...(bias ? [v64(b, [Ch])] : [])];
      const ref = reference(vars, grad0, (tape) => causalConv(tape, vars[0], vars[1], vars[2], T), G);

      const outs = splits(Ch).map(({ cuts, shared }) => {
        const { k, put, get } = wasm(shared);
        const [px, pw, pb = 0] = inputs.map((v) => put(v));
        const [gx, gw, gb = 0] = grad0.map((v) => put(v));
        const y = put(R * Ch);
        const dy = put(G);
        runSplit(cuts, (s, e) => k.causalConvForward(px, pw, pb, y, nSeq, T, Ch, K, s, e));
        runSplit(cuts, (s, e) => k.causalConvBackward(px, pw, dy, gx, gw, gb, nSeq, T, Ch, K, s, e));
        return [
          get(y, R * Ch),
          ...[gx, gw, gb].slice(0, inputs.length).map((g, j) => get(g, inputs[j].length)),
        ];
      });
      const names = ['y', 'dx', 'dw', 'dbias'].slice(0, inputs.length + 1);
      const expected = [ref.y, ...ref.grads];
      checkAll(names, outs, expected);
    },
  );
});

describe('gated linear attention', () => {
  const shapes = [
    { B: 2, T: 1, H: 1, dk: 4, dv: 4 },
    { B: 2, T: 7, H: 2, dk: 5, dv: 6 },
    { B: 1, T: 9, H: 3, dk: 8, dv: 3 },
    { B: 3, T: 16, H: 2, dk: 16, dv: 13 },
    { B: 2, T: 5, H: 1, dk: 1, dv: 1 },
  ];
  it.each(shapes)(
    'B $B, T $T, H $H, dk $dk, dv $dv: forward and every gradient vs float64',
    ({ B, T, H, dk, dv }) => {
      const rng = createRng(13 + T * 11 + dk + dv);
      const R = B * T;
      const scale = 1 / Math.sqrt(dk);
      const q = normal(rng, R * H * dk);
      const k = normal(rng, R * H * dk);
      const v = normal(rng, R * H * dv);
      const g = uniform(rng, R * H * dk, -2, -0.001); // log-decays
      const G = normal(rng, R * H * dv);
      const inputs = [q, k, v, g];
      const grad0 = inputs.map((x) => normal(rng, x.length, 0.5));
      const vars = [v64(q, [R, H * dk]), v64(k, [R, H * dk]), v64(v, [R, H * dv]), v64(g, [R, H * dk])];
      const ref = reference(
        vars,
        grad0,
        (tape) =>
          gatedLinearAttention(tape, vars[0], vars[1], vars[2], vars[3], {
            batch: B,
            seqLen: T,
            heads: H,
            scale,
          }),
        G,
      );

      const outs = splits(B * H).map(({ cuts, shared }) => {
        const { k: kernels, put, get } = wasm(shared);
        const [pq, pk, pv, pg] = inputs.map((x) => put(x));
        const [gq, gk, gv, gg] = grad0.map((x) => put(x));
        const o = put(R * H * dv);
        const dO = put(G);
        const scratch = put(kernels.gatedLinearAttentionScratchFloats(T, dk, dv));
        runSplit(cuts, (s, e) =>
          kernels.gatedLinearAttentionForward(pq, pk, pv, pg, o, scratch, T, H, dk, dv, scale, s, e),
        );
        runSplit(cuts, (s, e) =>
          kernels.gatedLinearAttentionBackward(
            pq,
            pk,
            pv,
            pg,
            dO,
            gq,
            gk,
            gv,
            gg,
            scratch,
            T,
            H,
            dk,
            dv,
            scale,
            s,
            e,
          ),
        );
        return [get(o, R * H * dv), ...[gq, gk, gv, gg].map((x, j) => get(x, inputs[j].length))];
      });
      const names = ['o', 'dq', 'dk', 'dv', 'dg'];
      const expected = [ref.y, ...ref.grads];
      checkAll(names, outs, expected);
    },
  );
});

describe('linear attention (parallel form)', () => {
  const shapes = [
    { B: 2, T: 1, H: 1, D: 4, dv: 4 },
    { B: 2, T: 7, H: 2, D: 5, dv: 6 },
    { B: 1, T: 13, H: 3, D: 21, dv: 3 },
    { B: 2, T: 16, H: 1, D: 17, dv: 16 },
  ];
  it.each(shapes)(
    'B $B, T $T, H $H, D $D, dv $dv: forward and every gradient vs float64',
    ({ B, T, H, D, dv }) => {
      const rng = createRng(17 + T * 5 + D + dv);
      const R = B * T;
      // Non-negative features (as elu+1, ReLU and Taylor's maps give), so den > 0.
      const phiQ = uniform(rng, R * H * D, 0, 1);
      const phiK = uniform(rng, R * H * D, 0, 1);
      const v = normal(rng, R * H * dv);
      const G = normal(rng, R * H * dv);
      const inputs = [phiQ, phiK, v];
      const grad0 = inputs.map((x) => normal(rng, x.length, 0.5));
      const vars = [v64(phiQ, [R, H * D]), v64(phiK, [R, H * D]), v64(v, [R, H * dv])];
      const ref = reference(
        vars,
        grad0,
        (tape) => linearAttention(tape, vars[0], vars[1], vars[2], { batch: B, seqLen: T, heads: H }),
        G,
      );

      const outs = splits(B * H).map(({ cuts, shared }) => {
        const { k, put, get } = wasm(shared);
        const [pq, pk, pv] = inputs.map((x) => put(x));
        const [gq, gk, gv] = grad0.map((x) => put(x));
        const y = put(R * H * dv);
        const dy = put(G);
        const saved = put(k.linearAttentionSavedFloats(B, T, H));
        const scratch = put(k.linearAttentionScratchFloats(T, dv));
        runSplit(cuts, (s, e) =>
          k.linearAttentionForward(pq, pk, pv, y, saved, B, T, H, D, dv, LINEAR_ATTENTION_EPS, s, e),
        );
        runSplit(cuts, (s, e) =>
          k.linearAttentionBackward(pq, pk, pv, y, dy, saved, gq, gk, gv, scratch, B, T, H, D, dv, s, e),
        );
        return [get(y, R * H * dv), ...[gq, gk, gv].map((x, j) => get(x, inputs[j].length))];
      });
      const names = ['y', 'dφQ', 'dφK', 'dv'];
      const expected = [ref.y, ...ref.grads];
      checkAll(names, outs, expected);
    },
  );
});
