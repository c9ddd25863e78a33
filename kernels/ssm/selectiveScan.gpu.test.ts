/**
 * Mamba's selective scan kernel against its CPU reference (simulations/ssm/selectiveScan.ts), in Node (Dawn +
 * SwiftShader) and in Chromium. Tolerance: rel. 1e-4 (f32 on the GPU vs float64-accumulated references over up
 * to 1024 steps).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../simulations/random/rng';
import { type SelectiveScanInputs, selectiveScan } from '../../simulations/ssm/selectiveScan';
import { allClose } from '../../testing/allClose';
import { getTestGpu, releaseTestGpu } from '../../testing/webgpu';
import { runSelectiveScan } from './selectiveScan';
import { selectiveScanWgsl } from './selectiveScan.wgsl';

const TOLERANCE = { atol: 1e-5, rtol: 1e-4 };

let device: GPUDevice;
beforeAll(async () => {
  device = (await getTestGpu()).device;
});
afterAll(releaseTestGpu);

function fill(rng: ReturnType<typeof createRng>, n: number, g: () => number = () => rng.nextNormal()) {
  return Float32Array.from({ length: n }, g);
}

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

describe('selective scan kernel = CPU reference', () => {
  for (const [T, D, N] of [
    [1, 1, 1],
    [17, 65, 16], // channels not a multiple of the workgroup
    [100, 8, 5],
    [1024, 32, 16],
  ]) {
    it(`T=${T} D=${D} N=${N}`, async () => {
      const s = scanInputs(T, D, N, T + D + N);
      const check = allClose(await runSelectiveScan(device, s), selectiveScan(s).y, TOLERANCE);
      expect(check.ok, check.message).toBe(true);
    });
  }

  it('a broken kernel is caught (Euler B̄ dropped)', async () => {
    const broken = selectiveScanWgsl.replace('+ dt * B[t * N + n] * xt', '+ B[t * N + n] * xt');
    expect(broken).not.toBe(selectiveScanWgsl);
    const s = scanInputs(12, 4, 3, 1);
    expect(allClose(await runSelectiveScan(device, s, broken), selectiveScan(s).y, TOLERANCE).ok).toBe(false);
  });
});
