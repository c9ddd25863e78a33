/**
 * Hyena's implicit filter vs `hyenaFilters` (simulations/longConv/hyenaFilter.ts), with filter parameters
 * drawn as the engine initialises them (U(±1/√fan_in), frequencies perturbed around 1), built at the output's
 * length and, as a model does, the first T lags of one built at a longer length. Tolerance atol 1e-4, rtol 1e-3.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HyenaFilterParams, hyenaFilters } from '../../simulations/longConv/hyenaFilter';
import { createRng } from '../../simulations/random/rng';
import { allClose } from '../../testing/allClose';
import { getTestGpu, releaseTestGpu } from '../../testing/webgpu';
import { runHyenaFilter } from './hyenaFilter';
import { hyenaFilterWgsl } from './hyenaFilter.wgsl';

const TOLERANCE = { atol: 1e-4, rtol: 1e-3 };
let device: GPUDevice;
beforeAll(async () => {
  device = (await getTestGpu()).device;
});
afterAll(releaseTestGpu);

function filterParams(width: number, channels: number, seed: number): HyenaFilterParams {
  const rng = createRng(seed);
  const dims = [3, width, width, width, channels];
  const uniform = (n: number, bound: number) =>
    Float32Array.from({ length: n }, () => (2 * rng.nextFloat() - 1) * bound);
  return {
    layers: dims.slice(0, -1).map((inDim, k) => ({
      W: uniform(inDim * dims[k + 1], 1 / Math.sqrt(inDim)),
      b: k < 3 ? uniform(dims[k + 1], 1 / Math.sqrt(inDim)) : undefined,
      inDim,
      outDim: dims[k + 1],
    })),
    freqs: [0, 1, 2].map(() => Float32Array.from({ length: width }, () => 1 + 0.3 * rng.nextNormal())),
  };
}

describe('Hyena filter kernel = CPU reference', () => {
  for (const [width, channels, L] of [
    [8, 1, 1],
    [64, 16, 45],
    [32, 7, 100],
    [64, 8, 1024],
  ]) {
    it(`width=${width} channels=${channels} L=${L}`, async () => {
      const params = filterParams(width, channels, width + L);
      const check = allClose(
        await runHyenaFilter(device, params, channels, L),
        hyenaFilters(params, channels, L),
        TOLERANCE,
      );
      expect(check.ok, check.message).toBe(true);
    });
  }

  it('the first T lags of a filter built at L (a model’s maxSeqLen): T = 13, 40 of L = 45', async () => {
    const params = filterParams(32, 6, 9);
    for (const T of [13, 40]) {
      const check = allClose(
        await runHyenaFilter(device, params, 6, T, hyenaFilterWgsl, 45),
        hyenaFilters(params, 6, T, 45),
        TOLERANCE,
      );
      expect(check.ok, `T=${T}: ${check.message}`).toBe(true);
    }
  });

  it('a broken kernel is caught (decay window dropped)', async () => {
    const broken = hyenaFilterWgsl.replace('h[c * L + l] = s * exp(-decay * t);', 'h[c * L + l] = s;');
    expect(broken).not.toBe(hyenaFilterWgsl);
    const params = filterParams(8, 4, 3);
    expect(
      allClose(await runHyenaFilter(device, params, 4, 30, broken), hyenaFilters(params, 4, 30), TOLERANCE)
        .ok,
    ).toBe(false);
  });
});
