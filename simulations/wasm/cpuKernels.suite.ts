/**
 * The Wasm CPU kernels against their plain-TypeScript references (float64 accumulation), on the shapes the GPU
 * kernels are tested at: T = 1, T not a multiple of any block size, T = 1024, several widths. Run in Node
 * (cpuKernels.test.ts) and in Chromium (cpuKernels.browser.test.ts).
 * Tolerance: atol 1e-5, rtol 1e-4 — float32 accumulation (and Mathf.exp) against float64.
 */
import { describe, expect, it } from 'vitest';
import { allClose } from '../../testing/allClose';
import { causalSoftmaxAttention } from '../attention/causalSoftmaxAttention';
import { maskedSoftmaxAttention } from '../attention/maskedSoftmaxAttention';
import { buildMask } from '../attention/masks';
import type { FeatureMapKind } from '../linearAttention/featureMaps';
import { linearAttentionRecurrent } from '../linearAttention/linearAttention';
import { createModel, forward } from '../model/forward';
import { initParams } from '../model/params';
import { ARCHITECTURES, architecturePreset } from '../model/presets';
import { causalDepthwiseConv1d } from '../ops/causalConv1d';
import { linear } from '../ops/linear';
import { createRng, type Rng } from '../random/rng';
import { rgLru } from '../recurrent/rgLru';
import { type SelectiveScanInputs, selectiveScan } from '../ssm/selectiveScan';
import {
  wasmCausalAttention,
  wasmCausalConv,
  wasmLinear,
  wasmLinearAttentionRecurrent,
  wasmRgLru,
  wasmSelectiveScan,
} from './wasmCpuKernels';
import { wasmKernelSet } from './wasmKernelSet';
import type { WasmKernels } from './wasmModule';

export const WASM_TOLERANCE = { atol: 1e-5, rtol: 1e-4 };

const fill = (rng: Rng, n: number, g: () => number = () => rng.nextNormal()) =>
  Float32Array.from({ length: n }, g);

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance = WASM_TOLERANCE) {
  const report = allClose(actual, expected, tolerance);
  expect(report.ok, report.message).toBe(true);
}

export function wasmKernelSuite(load: () => Promise<WasmKernels | null>): void {
  let kernels: WasmKernels;
  const get = async () => {
    const loaded = await load();
    // WebAssembly SIMD is a hard requirement of the CPU path's tests: fail, never skip.
    if (!loaded) throw new Error('WebAssembly SIMD kernels failed to load');
    kernels = loaded;
    return kernels;
  };

  describe('matmul (linear)', () => {
    const shapes: [number, number, number][] = [
      [1, 1, 1],
      [1, 32, 64],
      [37, 33, 70],
      [64, 64, 192],
      [5, 300, 13],
      [1024, 64, 64],
    ];
    for (const [T, dIn, dOut] of shapes) {
      it(`equals the reference at T=${T}, ${dIn}→${dOut}, with and without bias`, async () => {
        const k = await get();
        const rng = createRng(T * 7 + dIn * 3 + dOut);
        const x = fill(rng, T * dIn);
        const W = fill(rng, dIn * dOut);
        const b = fill(rng, dOut);
        expectClose(wasmLinear(k, x, T, dIn, W, dOut, b), linear(x, T, dIn, W, dOut, b));
        expectClose(wasmLinear(k, x, T, dIn, W, dOut), linear(x, T, dIn, W, dOut));
      });
    }
    it('rejects operands whose sizes do not match their shapes', async () => {
      const k = await get();
      expect(() => wasmLinear(k, new Float32Array(5), 2, 3, new Float32Array(6), 2)).toThrow(
        /x has 5 values/,
      );
    });
  });

  describe('causal softmax attention', () => {
    const shapes: [number, number, number][] = [
      [1, 1, 8],
      [2, 37, 16],
      [1, 64, 32],
      [3, 13, 5],
      [1, 1024, 16],
    ];
    for (const [H, T, dh] of shapes) {
      it(`equals the reference at H=${H}, T=${T}, dh=${dh} (outputs and weights)`, async () => {
        const k = await get();
        const rng = createRng(H * 101 + T + dh);
        const n = H * T * dh;
        const inputs = {
          q: fill(rng, n),
          k: fill(rng, n),
          v: fill(rng, n),
          heads: H,
          seqLen: T,
          headDim: dh,
        };
        const ours = wasmCausalAttention(k, inputs);
        const ref = causalSoftmaxAttention(inputs);
        expectClose(ours.output, ref.output);
        expectClose(ours.weights, ref.weights);
      });
    }
    it('equals the sliding-window mask of the engine (W + 1 keys)', async () => {
      const k = await get();
      const rng = createRng(5);
      const [H, T, dh, W] = [2, 41, 8, 6];
      const n = H * T * dh;
      const inputs = { q: fill(rng, n), k: fill(rng, n), v: fill(rng, n), heads: H, seqLen: T, headDim: dh };
      const ref = maskedSoftmaxAttention(inputs, buildMask({ kind: 'slidingWindow', window: W }, T));
      const ours = wasmCausalAttention(k, inputs, W + 1);
      expectClose(ours.output, ref.output);
      expectClose(ours.weights, ref.weights);
    });
  });

  function scanInputs(T: number, D: number, N: number, seed: number): SelectiveScanInputs {
    const rng = createRng(seed);
    return {
      x: fill(rng, T * D),
      delta: fill(rng, T * D, () => Math.log1p(Math.exp(rng.nextNormal() - 1))),
      A: fill(rng, D * N, () => -Math.exp(rng.nextNormal())),
      B: fill(rng, T * N),
      C: fill(rng, T * N),
      Dskip: fill(rng, D),
      seqLen: T,
      channels: D,
      stateSize: N,
    };
  }

  describe('selective scan', () => {
    for (const [T, D, N] of [
      [1, 4, 4],
      [37, 10, 16],
      [256, 32, 16],
      [1024, 8, 5],
    ]) {
      it(`equals the sequential reference at T=${T}, D=${D}, N=${N} (outputs and every state)`, async () => {
        const k = await get();
        const inputs = scanInputs(T, D, N, T + D + N);
        const ours = wasmSelectiveScan(k, inputs, { trace: true });
        const ref = selectiveScan(inputs, { trace: true });
        expectClose(ours.y, ref.y);
        expectClose(ours.states as Float32Array, ref.states as Float32Array);
        expect(wasmSelectiveScan(k, inputs).states).toBeUndefined();
      });
    }
  });

  describe('RG-LRU', () => {
    for (const [T, D] of [
      [1, 3],
      [37, 33],
      [1024, 64],
    ]) {
      it(`equals the reference at T=${T}, D=${D}`, async () => {
        const k = await get();
        const rng = createRng(T * 13 + D);
        const sigmoid = () => 1 / (1 + Math.exp(-rng.nextNormal()));
        const inputs = {
          x: fill(rng, T * D),
          r: fill(rng, T * D, sigmoid),
          i: fill(rng, T * D, sigmoid),
          softplusLambda: fill(rng, D, () => Math.log1p(Math.exp(rng.nextNormal()))),
          seqLen: T,
          channels: D,
        };
        const ours = wasmRgLru(k, inputs);
        const ref = rgLru(inputs);
        expectClose(ours.h, ref.h);
        expectClose(ours.a, ref.a);
      });
    }
  });

  describe('depthwise causal conv', () => {
    for (const [T, D, K] of [
      [1, 4, 4],
      [37, 10, 3],
      [1024, 64, 4],
    ]) {
      it(`equals the reference at T=${T}, D=${D}, K=${K}`, async () => {
        const k = await get();
        const rng = createRng(T + D + K);
        const x = fill(rng, T * D);
        const w = fill(rng, D * K);
        const b = fill(rng, D);
        expectClose(wasmCausalConv(k, x, T, D, w, K, b), causalDepthwiseConv1d(x, T, D, w, K, b));
        expectClose(wasmCausalConv(k, x, T, D, w, K), causalDepthwiseConv1d(x, T, D, w, K));
      });
    }
  });

  describe('linear attention (recurrent state updates)', () => {
    const cases: [FeatureMapKind, number, number, number, number][] = [
      ['eluPlusOne', 1, 1, 4, 4],
      ['taylor', 2, 37, 4, 8],
      ['eluPlusOne', 2, 256, 16, 16],
    ];
    for (const [featureMap, H, T, f, dv] of cases) {
      it(`equals the reference with φ = ${featureMap} at H=${H}, T=${T}, f=${f}, dv=${dv} (outputs and states)`, async () => {
        const k = await get();
        const rng = createRng(H + T + f + dv);
        const inputs = {
          q: fill(rng, H * T * f, () => 0.5 * rng.nextNormal()),
          k: fill(rng, H * T * f, () => 0.5 * rng.nextNormal()),
          v: fill(rng, H * T * dv),
          heads: H,
          seqLen: T,
          keyDim: f,
          valueDim: dv,
          featureMap,
        };
        const ours = wasmLinearAttentionRecurrent(k, inputs, { trace: true });
        const ref = linearAttentionRecurrent(inputs, { trace: true });
        expectClose(ours.output, ref.output);
        expectClose(ours.trace?.states ?? [], ref.trace?.states ?? []);
        expectClose(ours.trace?.normalisers ?? [], ref.trace?.normalisers ?? []);
      });
    }
  });

  describe('model forward on the Wasm kernel set = the reference forward', () => {
    // Logits after two layers and the LM head: atol 1e-4, rtol 1e-3 (as the GPU forward's test).
    for (const arch of ARCHITECTURES) {
      it(`${arch}, random init, T = 1 and T = 45`, async () => {
        const kernels = wasmKernelSet(await get());
        const config = architecturePreset(arch, { vocabSize: 40, dModel: 32, maxSeqLen: 48 });
        const model = createModel(config, initParams(config, 3));
        for (const T of [1, 45]) {
          const tokens = Array.from({ length: T }, (_, t) => (t * 7 + 3) % 40);
          const report = allClose(forward(model, tokens, { kernels }).logits, forward(model, tokens).logits, {
            atol: 1e-4,
            rtol: 1e-3,
          });
          expect(report.ok, `T=${T}: ${report.message}`).toBe(true);
        }
      });
    }
  });
}
