/**
 * Chunked decayed linear attention vs the CPU references: `glaChunked` at the same chunk size (and the
 * recurrent form) for RetNet / GLA decays, `ssdChunked` for SSD heads mapped to q = C, k = ΔB, g = ΔA, v = x
 * with skip D. Tolerance atol 1e-4, rtol 1e-3 (f32 vs float64 over up to 1024 steps).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ssdChunked } from '../../simulations/ssm/ssd';
import { allClose } from '../../testing/allClose';
import { getTestGpu, releaseTestGpu } from '../../testing/webgpu';
import { runChunkedDecayedLinearAttention } from './chunkedDecayedLinearAttention';
import { chunkOutputsWgsl, chunkStatesWgsl } from './chunkedDecayedLinearAttention.wgsl';
import { glaInputs, glaReference, ssdCase } from './decayedTestCases';

const TOLERANCE = { atol: 1e-4, rtol: 1e-3 };
let device: GPUDevice;
beforeAll(async () => {
  device = (await getTestGpu()).device;
});
afterAll(releaseTestGpu);

describe('chunked decayed linear attention kernel = RetNet / GLA references', () => {
  for (const [H, T, dk, dv, chunk, retnet] of [
    [1, 1, 4, 4, 16, true],
    [2, 45, 8, 16, 16, true], // T not a multiple of the chunk or the workgroup
    [3, 70, 16, 100, 32, false], // value width above one workgroup
    [1, 33, 4, 8, 1, false], // chunk 1: the recurrence, one token per chunk
    [2, 1024, 16, 16, 64, false],
    [1, 1024, 32, 8, 16, true],
  ] as const) {
    it(`${retnet ? 'RetNet' : 'GLA'} H=${H} T=${T} dk=${dk} dv=${dv} chunk=${chunk}`, async () => {
      const s = glaInputs(H, T, dk, dv, retnet, H * T + dk + chunk);
      const gpu = await runChunkedDecayedLinearAttention(device, s, chunk);
      for (const refChunk of [chunk, 0]) {
        const check = allClose(gpu, glaReference(s, refChunk), TOLERANCE);
        expect(check.ok, `${refChunk ? 'chunked' : 'recurrent'}: ${check.message}`).toBe(true);
      }
    });
  }
});

describe('chunked decayed linear attention kernel = SSD (Mamba-2) reference', () => {
  for (const [T, N, P, chunk] of [
    [1, 4, 2, 16],
    [77, 16, 32, 16],
    [1024, 16, 8, 64],
  ]) {
    it(`T=${T} N=${N} P=${P} chunk=${chunk}`, async () => {
      const { head, inputs } = ssdCase(T, N, P);
      const gpu = await runChunkedDecayedLinearAttention(device, inputs, chunk);
      const check = allClose(gpu, ssdChunked(head, chunk), TOLERANCE);
      expect(check.ok, check.message).toBe(true);
    });
  }
});

describe('chunked decayed linear attention: broken kernels are caught', () => {
  const s = glaInputs(1, 40, 4, 4, false, 3);
  const cases = {
    'carried state not decayed across the chunk': {
      states: chunkStatesWgsl.replace('S = exp(decay) * S + acc;', 'S = S + acc;'),
      outputs: chunkOutputsWgsl,
    },
    'intra-chunk weights not decayed': {
      states: chunkStatesWgsl,
      outputs: chunkOutputsWgsl.replace(
        'q[qRow + a] * exp(decay[a]) * k[row + a]',
        'q[qRow + a] * k[row + a]',
      ),
    },
  };
  for (const [name, code] of Object.entries(cases)) {
    it(name, async () => {
      expect(code.states + code.outputs).not.toBe(chunkStatesWgsl + chunkOutputsWgsl);
      const gpu = await runChunkedDecayedLinearAttention(device, s, 8, code);
      expect(allClose(gpu, glaReference(s, 0), TOLERANCE).ok).toBe(false);
    });
  }
});
