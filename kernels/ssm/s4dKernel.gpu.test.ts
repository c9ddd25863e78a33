/**
 * S4D kernel generation vs `s4dKernel` (simulations/ssm/s4d.ts: float64 running powers). Parameters drawn
 * as the engine initialises them (S4D-Lin and S4D-Inv, Δ ∈ [1e-3, 1e-1]). Tolerance atol 1e-4, rtol 1e-3:
 * f32 phases ℓ·Δ·Im A reach ~10³ rad at T = 1024.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../simulations/random/rng';
import { initS4DChannel, type S4DChannel, s4dKernel } from '../../simulations/ssm/s4d';
import { allClose } from '../../testing/allClose';
import { getTestGpu, releaseTestGpu } from '../../testing/webgpu';
import { runS4DKernel, type S4DBank } from './s4dKernel';
import { s4dKernelWgsl } from './s4dKernel.wgsl';

const TOLERANCE = { atol: 1e-4, rtol: 1e-3 };
let device: GPUDevice;
beforeAll(async () => {
  device = (await getTestGpu()).device;
});
afterAll(releaseTestGpu);

function bank(channels: number, M: number, init: 'lin' | 'inv', seed: number) {
  const rng = createRng(seed);
  const list: S4DChannel[] = Array.from({ length: channels }, () => initS4DChannel(M, init, rng));
  // Round to f32 first: the GPU sees f32 parameters, and so must the reference.
  const f32 = (a: ArrayLike<number>) => Float32Array.from(a);
  const packed: S4DBank = {
    logDt: f32(list.map((c) => c.logDt)),
    logAReal: f32(list.flatMap((c) => [...c.logAReal])),
    aImag: f32(list.flatMap((c) => [...c.aImag])),
    C: f32(list.flatMap((c) => [...c.cReal].flatMap((re, n) => [re, c.cImag[n]]))),
    channels,
    modes: M,
  };
  const rounded = list.map((c, i) => ({
    ...c,
    logDt: packed.logDt[i],
    logAReal: Float64Array.from(packed.logAReal.subarray(i * M, (i + 1) * M)),
    aImag: Float64Array.from(packed.aImag.subarray(i * M, (i + 1) * M)),
    cReal: Float64Array.from({ length: M }, (_, n) => packed.C[(i * M + n) * 2]),
    cImag: Float64Array.from({ length: M }, (_, n) => packed.C[(i * M + n) * 2 + 1]),
  }));
  return { packed, rounded };
}

const reference = (rounded: S4DChannel[], L: number) => {
  const K = new Float32Array(rounded.length * L);
  rounded.forEach((c, i) => {
    K.set(s4dKernel(c, L), i * L);
  });
  return K;
};

describe('S4D kernel generation = CPU reference', () => {
  for (const [channels, M, L, init] of [
    [1, 1, 1, 'lin'],
    [5, 8, 45, 'lin'], // channels·L not a multiple of 64
    [16, 32, 100, 'inv'],
    [4, 32, 1024, 'lin'],
  ] as const) {
    it(`channels=${channels} M=${M} L=${L} (${init})`, async () => {
      const { packed, rounded } = bank(channels, M, init, channels * L + M);
      const check = allClose(await runS4DKernel(device, packed, L), reference(rounded, L), TOLERANCE);
      expect(check.ok, check.message).toBe(true);
    });
  }

  it('a broken kernel is caught (conjugate modes not doubled)', async () => {
    const broken = s4dKernelWgsl.replace('acc += 2.0 * mag', 'acc += mag');
    expect(broken).not.toBe(s4dKernelWgsl);
    const { packed, rounded } = bank(3, 4, 'lin', 9);
    expect(
      allClose(await runS4DKernel(device, packed, 30, broken), reference(rounded, 30), TOLERANCE).ok,
    ).toBe(false);
  });
});
