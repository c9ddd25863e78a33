/**
 * Decayed linear attention (RetNet, GLA, Mamba-2's SSD) vs the CPU references: `glaRecurrent` and `glaChunked`
 * (chunk 16, what the mixers run) for RetNet/GLA decays, `ssdChunked` for SSD heads mapped to q = C, k = ΔB,
 * g = ΔA, v = x with skip D. Tolerance atol 1e-4, rtol 1e-3 (f32 state over up to 1024 steps vs float64).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ssdChunked } from '../../simulations/ssm/ssd';
import { allClose } from '../../testing/allClose';
import { getTestGpu, releaseTestGpu } from '../../testing/webgpu';
import { runDecayedLinearAttention } from './decayedLinearAttention';
import { decayedLinearAttentionWgsl } from './decayedLinearAttention.wgsl';
import { glaInputs, glaReference, ssdCase } from './decayedTestCases';

const TOLERANCE = { atol: 1e-4, rtol: 1e-3 };
let device: GPUDevice;
beforeAll(async () => {
  device = (await getTestGpu()).device;
});
afterAll(releaseTestGpu);

describe('decayed linear attention kernel = RetNet / GLA references', () => {
  for (const [H, T, dk, dv, retnet] of [
    [1, 1, 4, 4, true],
    [2, 45, 8, 16, true], // T not a multiple of the chunk or the workgroup
    [3, 70, 16, 100, false], // value width above one workgroup (column blocks)
    [2, 1024, 16, 16, false],
  ] as const) {
    it(`${retnet ? 'RetNet' : 'GLA'} H=${H} T=${T} dk=${dk} dv=${dv}`, async () => {
      const s = glaInputs(H, T, dk, dv, retnet, H * T + dk);
      const gpu = await runDecayedLinearAttention(device, s);
      for (const chunked of [false, true]) {
        const check = allClose(gpu, glaReference(s, chunked ? 16 : 0), TOLERANCE);
        expect(check.ok, `${chunked ? 'chunked' : 'recurrent'}: ${check.message}`).toBe(true);
      }
    });
  }
});

describe('decayed linear attention kernel = SSD (Mamba-2) reference', () => {
  for (const [T, N, P] of [
    [1, 4, 2],
    [77, 16, 32],
    [1024, 16, 8],
  ]) {
    it(`T=${T} N=${N} P=${P}`, async () => {
      const { head, inputs } = ssdCase(T, N, P);
      const gpu = await runDecayedLinearAttention(device, inputs);
      const check = allClose(gpu, ssdChunked(head, 16), TOLERANCE);
      expect(check.ok, check.message).toBe(true);
    });
  }

  it('a broken kernel is caught (decay applied after the update)', async () => {
    const broken = decayedLinearAttentionWgsl.replace(
      'S[a] = exp(g[row + a]) * S[a] + k[row + a] * vt;',
      'S[a] = exp(g[row + a]) * (S[a] + k[row + a] * vt);',
    );
    expect(broken).not.toBe(decayedLinearAttentionWgsl);
    const s = glaInputs(1, 20, 4, 4, false, 3);
    expect(
      allClose(await runDecayedLinearAttention(device, s, broken), glaReference(s, 0), TOLERANCE).ok,
    ).toBe(false);
  });
});
