/**
 * Optional features: the device gets `subgroups` / `shader-f16` when the adapter offers them, and the
 * subgroup argmax runs only then, equal (exactly) to the portable top-1 kernel and to `predictTokens`. On a
 * device created without the feature, asking for the variant fails loudly (MissingFeatureError), and the
 * default selection falls back to the portable kernel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { predictTokens } from '../../simulations/model/forward';
import { createRng } from '../../simulations/random/rng';
import { getTestGpu, releaseTestGpu, testGpuHost } from '../../testing/webgpu';
import { MissingFeatureError, OPTIONAL_FEATURES } from '../runtime/features';
import { argmaxVariantFor, runArgmax } from './argmax';
import { argmaxSubgroupsWgsl } from './argmaxSubgroups.wgsl';
import { runTopK } from './topK';

let handle: Awaited<ReturnType<typeof getTestGpu>>;
beforeAll(async () => {
  handle = await getTestGpu();
});
afterAll(releaseTestGpu);

function logits(T: number, V: number, seed: number, ties: boolean) {
  const rng = createRng(seed);
  return Float32Array.from({ length: T * V }, () =>
    ties ? Math.round(rng.nextNormal() * 2) : rng.nextNormal(),
  );
}

describe('optional WebGPU features', () => {
  it('the device has exactly the optional features its adapter offers', () => {
    const { adapter, device } = handle;
    for (const f of OPTIONAL_FEATURES) expect(device.features.has(f), f).toBe(adapter.features.has(f));
    // Report what this WebGPU offers in the test log (SwiftShader: subgroups yes, shader-f16 no).
    console.info(
      `optional features: ${OPTIONAL_FEATURES.map((f) => `${f} ${adapter.features.has(f) ? 'yes' : 'no'}`).join(', ')}`,
    );
  });

  for (const [T, V, ties] of [
    [1, 5, false],
    [37, 64, true], // many ties: the lower id must win in both variants
    [200, 1000, false], // V not a multiple of the workgroup
    [3, 3, true],
  ] as const) {
    it(`argmax T=${T} V=${V}${ties ? ' (ties)' : ''}: the selected variant = the portable kernel = predictTokens`, async () => {
      const { device } = handle;
      const x = logits(T, V, T + V, ties);
      const portable = await runTopK(device, x, V, 1);
      const selected = await runArgmax(device, x, V);
      expect(selected.variant).toBe(device.features.has('subgroups') ? 'subgroups' : 'portable');
      expect(Array.from(selected.ids)).toEqual(Array.from(portable.ids));
      expect(Array.from(selected.values)).toEqual(Array.from(portable.values));
      expect(Array.from(selected.ids)).toEqual(Array.from(predictTokens(x, V)));
    });
  }

  it('a broken subgroup kernel is caught (ties to the higher id), where subgroups exist', async () => {
    const { device } = handle;
    if (!device.features.has('subgroups')) return; // nothing to break: the portable path is tested above
    const broken = argmaxSubgroupsWgsl.replace('subgroupMin(', 'subgroupMax(');
    expect(broken).not.toBe(argmaxSubgroupsWgsl);
    const x = logits(37, 64, 101, true);
    const ids = (await runArgmax(device, x, 64, 'subgroups', broken)).ids;
    expect(Array.from(ids)).not.toEqual(Array.from(predictTokens(x, 64)));
  });

  it('the subgroup variant on a device without the feature fails loudly; the default falls back', async () => {
    const gpu = (testGpuHost === 'node' ? globalThis.__beyondAttentionDawnGpu : navigator.gpu) as GPU;
    const adapter = await gpu.requestAdapter();
    const plain = await (adapter as GPUAdapter).requestDevice({ label: 'no optional features' });
    try {
      expect(plain.features.has('subgroups')).toBe(false);
      expect(argmaxVariantFor(plain)).toBe('portable');
      await expect(runArgmax(plain, logits(2, 8, 1, false), 8, 'subgroups')).rejects.toThrow(
        MissingFeatureError,
      );
      await expect(runArgmax(plain, logits(2, 8, 1, false), 8, 'subgroups')).rejects.toThrow(/'subgroups'/);
      expect((await runArgmax(plain, logits(2, 8, 1, false), 8)).variant).toBe('portable');
    } finally {
      plain.destroy();
    }
  });
});
