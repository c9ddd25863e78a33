/**
 * Masked softmax attention vs `maskedSoftmaxAttention` under every mask family of the engine: static masks
 * (dilated, strided, fixed, Longformer, BigBird, block-sparse) and the data-dependent LSH buckets and k-means
 * clusters (built on the CPU from the shared QK vectors and uploaded, as the model forward does).
 * Tolerance atol 1e-5, rtol 1e-4 (as the causal kernel).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttentionInputs } from '../../simulations/attention/causalSoftmaxAttention';
import { maskedSoftmaxAttention } from '../../simulations/attention/maskedSoftmaxAttention';
import { buildMask } from '../../simulations/attention/masks/buildMask';
import type { MaskSpec } from '../../simulations/attention/masks/maskSpec';
import { createRng } from '../../simulations/random/rng';
import { allClose } from '../../testing/allClose';
import { getTestGpu, releaseTestGpu } from '../../testing/webgpu';
import { runMaskedAttention } from './maskedAttention';
import { maskedAttentionWgsl } from './maskedAttention.wgsl';

const TOLERANCE = { atol: 1e-5, rtol: 1e-4 };
let device: GPUDevice;
beforeAll(async () => {
  device = (await getTestGpu()).device;
});
afterAll(releaseTestGpu);

function inputs(heads: number, T: number, dh: number, seed: number): AttentionInputs {
  const rng = createRng(seed);
  const fill = () => Float32Array.from({ length: heads * T * dh }, () => rng.nextNormal());
  return { q: fill(), k: fill(), v: fill(), heads, seqLen: T, headDim: dh };
}

const blockLayout = (n: number) =>
  Array.from({ length: n }, (_, I) => Array.from({ length: n }, (_, J) => J <= I && (I - J) % 2 === 0));

const cases: [string, MaskSpec, number, number, number][] = [
  ['dilated', { kind: 'dilatedWindow', window: 3, dilation: 2 }, 1, 1, 4],
  ['strided', { kind: 'strided', stride: 4 }, 2, 45, 8],
  ['fixed', { kind: 'fixed', stride: 8, summaryTokens: 2 }, 1, 70, 5],
  ['Longformer', { kind: 'windowGlobal', window: 4, globalTokens: [0, 9] }, 2, 33, 8],
  [
    'BigBird',
    { kind: 'bigBird', blockSize: 4, windowBlocks: 3, globalBlocks: 1, randomBlocks: 1, seed: 3 },
    1,
    64,
    8,
  ],
  ['block-sparse', { kind: 'blockSparse', blockSize: 16, layout: blockLayout(64) }, 1, 1024, 8],
];

describe('masked attention kernel = CPU reference', () => {
  for (const [name, spec, heads, T, dh] of cases) {
    it(`${name}: heads=${heads} T=${T} dh=${dh}`, async () => {
      const x = inputs(heads, T, dh, T + dh);
      const mask = buildMask(spec, T);
      const cpu = maskedSoftmaxAttention(x, mask);
      const gpu = await runMaskedAttention(device, x, mask);
      const out = allClose(gpu.output, cpu.output, TOLERANCE);
      expect(out.ok, `output: ${out.message}`).toBe(true);
      const w = allClose(gpu.weights, cpu.weights, TOLERANCE);
      expect(w.ok, `weights: ${w.message}`).toBe(true);
    });
  }

  for (const spec of [
    { kind: 'lsh', numBuckets: 4, chunkSize: 4, numHashes: 2, seed: 1 },
    { kind: 'kmeans', numClusters: 3, iterations: 4, seed: 2 },
  ] as MaskSpec[]) {
    it(`data-dependent ${spec.kind} mask from the shared QK vectors, T=50`, async () => {
      const x = inputs(1, 50, 8, 11);
      const mask = buildMask(spec, 50, { sharedQK: x.q, dim: 8 });
      const gpu = await runMaskedAttention(device, x, mask);
      const check = allClose(gpu.output, maskedSoftmaxAttention(x, mask).output, TOLERANCE);
      expect(check.ok, check.message).toBe(true);
    });
  }

  it('a broken kernel is caught (mask ignored in the weights)', async () => {
    const broken = maskedAttentionWgsl.replace('mask[i * T + j] != 0.0);', 'true);');
    expect(broken).not.toBe(maskedAttentionWgsl);
    const x = inputs(1, 20, 4, 1);
    const mask = buildMask({ kind: 'strided', stride: 3 }, 20);
    const gpu = await runMaskedAttention(device, x, mask, broken);
    expect(allClose(gpu.weights, maskedSoftmaxAttention(x, mask).weights, TOLERANCE).ok).toBe(false);
  });
});
