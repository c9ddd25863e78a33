/**
 * Chunked causal linear attention vs `linearAttentionChunked` at the same chunk size and vs the recurrent
 * form (float64), for Based's Taylor map and the elementwise maps. Tolerance atol 1e-4, rtol 1e-3.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  linearAttentionChunked,
  linearAttentionRecurrent,
} from '../../simulations/linearAttention/linearAttention';
import { allClose } from '../../testing/allClose';
import { getTestGpu, releaseTestGpu } from '../../testing/webgpu';
import { runChunkedLinearAttention } from './chunkedLinearAttention';
import { chunkedLinearOutputsWgsl, chunkedLinearStatesWgsl } from './chunkedLinearAttention.wgsl';
import { linearAttentionInputs } from './linearAttentionTestInputs';

const TOLERANCE = { atol: 1e-4, rtol: 1e-3 };
let device: GPUDevice;
beforeAll(async () => {
  device = (await getTestGpu()).device;
});
afterAll(releaseTestGpu);

describe('chunked linear attention kernel = CPU reference', () => {
  for (const [H, T, f, dv, map, chunk] of [
    [1, 1, 16, 8, 'taylor', 16],
    [2, 45, 16, 8, 'taylor', 16], // T not a multiple of the chunk or the workgroup
    [1, 70, 8, 24, 'eluPlusOne', 32],
    [3, 20, 4, 4, 'relu', 1],
    [1, 100, 4, 80, 'identity', 64], // value width above one workgroup
    [1, 1024, 16, 16, 'taylor', 64],
    [2, 1024, 8, 16, 'eluPlusOne', 16],
  ] as const) {
    it(`${map} H=${H} T=${T} f=${f} dv=${dv} chunk=${chunk}`, async () => {
      const s = linearAttentionInputs(H, T, f, dv, map, H * T + f + chunk);
      const gpu = await runChunkedLinearAttention(device, s, chunk);
      const chunked = allClose(gpu, linearAttentionChunked(s, chunk).output, TOLERANCE);
      expect(chunked.ok, `chunked: ${chunked.message}`).toBe(true);
      const recurrent = allClose(gpu, linearAttentionRecurrent(s).output, TOLERANCE);
      expect(recurrent.ok, `recurrent: ${recurrent.message}`).toBe(true);
    });
  }
});

describe('chunked linear attention: broken kernels are caught', () => {
  const s = linearAttentionInputs(1, 40, 8, 4, 'taylor', 5);
  const cases = {
    'Taylor quadratic feature halved in the carried state': {
      states: chunkedLinearStatesWgsl.replace('1.0 / (sqrt(2.0) * sqrt(ff))', '1.0 / (2.0 * sqrt(ff))'),
      outputs: chunkedLinearOutputsWgsl,
    },
    'normaliser without the intra-chunk part': {
      states: chunkedLinearStatesWgsl,
      outputs: chunkedLinearOutputsWgsl.replace('den += w[s - s0];', ''),
    },
  };
  for (const [name, code] of Object.entries(cases)) {
    it(name, async () => {
      expect(code.states + code.outputs).not.toBe(chunkedLinearStatesWgsl + chunkedLinearOutputsWgsl);
      const gpu = await runChunkedLinearAttention(device, s, 8, code);
      expect(allClose(gpu, linearAttentionChunked(s, 8).output, TOLERANCE).ok).toBe(false);
    });
  }
});
