/**
 * Implicit attention of decayed linear attention vs `glaParallel(...).weights` (RetNet / GLA decays) and
 * `ssdImplicitAttention` (SSD heads as q = C, k = ΔB, g = ΔA). Tolerance atol 1e-4, rtol 1e-3.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { glaParallel } from '../../simulations/linearAttention/gatedLinearAttention';
import { createRng } from '../../simulations/random/rng';
import { ssdImplicitAttention } from '../../simulations/ssm/ssd';
import { allClose } from '../../testing/allClose';
import { getTestGpu, releaseTestGpu } from '../../testing/webgpu';
import { runDecayedImplicitAttention } from './decayedImplicitAttention';
import { decayedImplicitAttentionWgsl } from './decayedImplicitAttention.wgsl';
import { glaInputs } from './decayedTestCases';

const TOLERANCE = { atol: 1e-4, rtol: 1e-3 };
let device: GPUDevice;
beforeAll(async () => {
  device = (await getTestGpu()).device;
});
afterAll(releaseTestGpu);

function glaCase(H: number, T: number, dk: number, retnet: boolean, seed: number) {
  // Value width 1: the weights depend on q, k and the decays only.
  const s = glaInputs(H, T, dk, 1, retnet, seed);
  const { logDecay } = s;
  const expected = new Float32Array(H * T * T);
  for (let h = 0; h < H; h++) {
    const part = (x: Float32Array) => x.subarray(h * T * dk, (h + 1) * T * dk);
    const head = { q: part(s.q), k: part(s.k), v: new Float32Array(T), logDecay: part(logDecay) };
    expected.set(glaParallel({ ...head, seqLen: T, keyDim: dk, valueDim: 1 }).weights, h * T * T);
  }
  return { s, expected };
}

describe('decayed implicit attention kernel = CPU references', () => {
  for (const [H, T, dk, retnet] of [
    [1, 1, 4, true],
    [2, 45, 8, true],
    [3, 70, 16, false],
    [1, 1024, 16, false],
  ] as const) {
    it(`${retnet ? 'RetNet' : 'GLA'} H=${H} T=${T} dk=${dk}`, async () => {
      const { s, expected } = glaCase(H, T, dk, retnet, H + T + dk);
      const check = allClose(await runDecayedImplicitAttention(device, s), expected, TOLERANCE);
      expect(check.ok, check.message).toBe(true);
    });
  }

  it('SSD T=77 N=16', async () => {
    const [T, N] = [77, 16];
    const rng = createRng(9);
    const fill = (n: number) => Float32Array.from({ length: n }, () => rng.nextNormal());
    const head = {
      x: new Float32Array(T),
      delta: Float32Array.from({ length: T }, () => Math.log1p(Math.exp(rng.nextNormal() - 1))),
      A: -Math.fround(1 + 15 * rng.nextFloat()),
      B: fill(T * N),
      C: fill(T * N),
      D: 0,
      seqLen: T,
      headDim: 1,
      stateSize: N,
    };
    const k = Float32Array.from({ length: T * N }, (_, i) => head.delta[Math.floor(i / N)] * head.B[i]);
    const g = Float32Array.from({ length: T * N }, (_, i) => head.delta[Math.floor(i / N)] * head.A);
    const gpu = await runDecayedImplicitAttention(device, {
      q: head.C,
      k,
      v: new Float32Array(T),
      logDecay: g,
      heads: 1,
      seqLen: T,
      keyDim: N,
      valueDim: 1,
      scale: 1,
    });
    const check = allClose(gpu, ssdImplicitAttention(head), TOLERANCE);
    expect(check.ok, check.message).toBe(true);
  });

  it('a broken kernel is caught (decay applied one step late)', async () => {
    const broken = decayedImplicitAttentionWgsl.replace(
      'w += q[qRow + a] * exp(decay[a]) * k[row + a];\n      decay[a] += g[row + a];',
      'decay[a] += g[row + a];\n      w += q[qRow + a] * exp(decay[a]) * k[row + a];',
    );
    expect(broken).not.toBe(decayedImplicitAttentionWgsl);
    const { s, expected } = glaCase(1, 20, 4, false, 3);
    expect(allClose(await runDecayedImplicitAttention(device, s, broken), expected, TOLERANCE).ok).toBe(
      false,
    );
  });
});
