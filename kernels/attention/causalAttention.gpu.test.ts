/**
 * The GPU kernel against the CPU reference. Runs twice: in Node (Dawn + SwiftShader) and in Chromium
 * (vitest browser mode) — see vitest.config.ts. Tolerance: atol 1e-5, rtol 1e-4 on f32 (SwiftShader measured
 * max relative error ~1e-6 on these shapes; the bound leaves room for real GPUs' fast exp).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AttentionInputs,
  causalSoftmaxAttention,
} from '../../simulations/attention/causalSoftmaxAttention';
import { maskedSoftmaxAttention } from '../../simulations/attention/maskedSoftmaxAttention';
import { buildMask } from '../../simulations/attention/masks/buildMask';
import { createRng } from '../../simulations/random/rng';
import { allClose } from '../../testing/allClose';
import { getTestGpu, releaseTestGpu } from '../../testing/webgpu';
import { ShaderCompileError } from '../runtime/gpuErrors';
import { runCausalAttention } from './causalAttention';
import { causalAttentionWgsl } from './causalAttention.wgsl';

const TOLERANCE = { atol: 1e-5, rtol: 1e-4 };

function randomInputs(
  heads: number,
  seqLen: number,
  headDim: number,
  seed: number,
  spread = 1,
): AttentionInputs {
  const rng = createRng(seed);
  const n = heads * seqLen * headDim;
  const fill = () => Float32Array.from({ length: n }, () => spread * rng.nextNormal());
  return { q: fill(), k: fill(), v: fill(), heads, seqLen, headDim };
}

let device: GPUDevice;
beforeAll(async () => {
  device = (await getTestGpu()).device;
});
afterAll(releaseTestGpu);

describe('causal attention kernel = CPU reference', () => {
  const shapes: [heads: number, seqLen: number, headDim: number][] = [
    [1, 1, 4], // T = 1: a single token attends only to itself
    [2, 12, 16], // the app's sequence length
    [3, 65, 8], // T not a multiple of the workgroup size (64), odd head count
    [1, 100, 5], // odd head dim
    [2, 512, 16], // T = 512
    [1, 1024, 8], // T = 1024, the longest sequence the app runs
  ];
  for (const [heads, seqLen, headDim] of shapes) {
    it(`heads=${heads} T=${seqLen} d=${headDim}`, async () => {
      const inputs = randomInputs(heads, seqLen, headDim, 1000 * heads + seqLen);
      const expected = causalSoftmaxAttention(inputs);
      const actual = await runCausalAttention(device, inputs);
      const out = allClose(actual.output, expected.output, TOLERANCE);
      const w = allClose(actual.weights, expected.weights, TOLERANCE);
      expect(out.ok, out.message).toBe(true);
      expect(w.ok, w.message).toBe(true);
    });
  }

  it('stays finite and close with large scores (online softmax stability)', async () => {
    const inputs = randomInputs(1, 40, 8, 7, 12); // scores of order ±400
    const expected = causalSoftmaxAttention(inputs);
    const actual = await runCausalAttention(device, inputs);
    expect(actual.output.every(Number.isFinite)).toBe(true);
    const w = allClose(actual.weights, expected.weights, { atol: 1e-4, rtol: 1e-3 });
    expect(w.ok, w.message).toBe(true);
  });

  it('writes exact zeros above the diagonal', async () => {
    const { weights } = await runCausalAttention(device, randomInputs(1, 9, 4, 3));
    for (let i = 0; i < 9; i++) for (let j = i + 1; j < 9; j++) expect(weights[i * 9 + j]).toBe(0);
  });

  it('a broken kernel is caught: dropping the causal bound changes the result', async () => {
    // Proves the comparison bites: attend to one key too many.
    const broken = causalAttentionWgsl.replaceAll('j <= i;', 'j <= min(i + 1u, T - 1u);');
    expect(broken).not.toBe(causalAttentionWgsl);
    const inputs = randomInputs(1, 16, 4, 5);
    const expected = causalSoftmaxAttention(inputs);
    const actual = await runCausalAttention(device, inputs, { wgslOverride: broken });
    expect(allClose(actual.output, expected.output, TOLERANCE).ok).toBe(false);
  });

  it('surfaces WGSL compile errors with the offending line', async () => {
    const bad = causalAttentionWgsl.replace('var acc = 0.0;', 'var acc = 0.0 +;');
    const error = await runCausalAttention(device, randomInputs(1, 2, 2, 1), { wgslOverride: bad }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(ShaderCompileError);
    expect(error.message).toMatch(/\d+:\d+ error: .*\n.*var acc = 0\.0 \+;/);
  });
});

describe('sliding-window attention kernel = masked CPU reference', () => {
  for (const [T, W] of [
    [1, 0],
    [20, 0],
    [20, 3],
    [70, 16],
    [9, 100],
  ]) {
    it(`T=${T} W=${W} (W + 1 keys including the current token)`, async () => {
      const inputs = randomInputs(2, T, 8, T * 31 + W);
      const expected = maskedSoftmaxAttention(inputs, buildMask({ kind: 'slidingWindow', window: W }, T));
      const actual = await runCausalAttention(device, inputs, { window: W });
      const out = allClose(actual.output, expected.output, TOLERANCE);
      const w = allClose(actual.weights, expected.weights, TOLERANCE);
      expect(out.ok, out.message).toBe(true);
      expect(w.ok, w.message).toBe(true);
    });
  }
});
