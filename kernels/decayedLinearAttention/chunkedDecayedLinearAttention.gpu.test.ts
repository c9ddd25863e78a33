/**
 * Chunked decayed linear attention vs the CPU references: `glaChunked` at the same chunk size (and the
 * recurrent form) for RetNet / GLA decays, `ssdChunked` for SSD heads mapped to q = C, k = ΔB, g = ΔA, v = x
 * with skip D. Tolerance atol 1e-4, rtol 1e-3 (f32 vs float64 over up to 1024 steps).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  glaChunked,
  glaRecurrent,
  retnetGamma,
} from '../../simulations/linearAttention/gatedLinearAttention';
import { createRng } from '../../simulations/random/rng';
import { ssdChunked } from '../../simulations/ssm/ssd';
import { allClose } from '../../testing/allClose';
import { getTestGpu, releaseTestGpu } from '../../testing/webgpu';
import { runChunkedDecayedLinearAttention } from './chunkedDecayedLinearAttention';
import { chunkOutputsWgsl, chunkStatesWgsl } from './chunkedDecayedLinearAttention.wgsl';
import type { DecayedLinearAttentionInputs } from './decayedLinearAttention';

const TOLERANCE = { atol: 1e-4, rtol: 1e-3 };
let device: GPUDevice;
beforeAll(async () => {
  device = (await getTestGpu()).device;
});
afterAll(releaseTestGpu);

const logSigmoid = (x: number) => (x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x)));

function glaInputs(
  H: number,
  T: number,
  dk: number,
  dv: number,
  retnet: boolean,
  seed: number,
): DecayedLinearAttentionInputs {
  const rng = createRng(seed);
  const fill = (n: number) => Float32Array.from({ length: n }, () => rng.nextNormal());
  const logDecay = retnet
    ? Float32Array.from({ length: H * T * dk }, (_, i) => Math.log(retnetGamma(Math.floor(i / (T * dk)))))
    : Float32Array.from({ length: H * T * dk }, () => logSigmoid(2 * rng.nextNormal()) / 16);
  return {
    q: fill(H * T * dk),
    k: fill(H * T * dk),
    v: fill(H * T * dv),
    logDecay,
    heads: H,
    seqLen: T,
    keyDim: dk,
    valueDim: dv,
    scale: 1 / Math.sqrt(dk),
  };
}

/** `glaChunked` (chunk given) or `glaRecurrent` (chunk 0) head by head. */
function glaReference(s: DecayedLinearAttentionInputs, chunk: number): Float32Array {
  const { heads: H, seqLen: T, keyDim: dk, valueDim: dv } = s;
  const out = new Float32Array(H * T * dv);
  for (let h = 0; h < H; h++) {
    const head = {
      q: s.q.subarray(h * T * dk, (h + 1) * T * dk),
      k: s.k.subarray(h * T * dk, (h + 1) * T * dk),
      v: s.v.subarray(h * T * dv, (h + 1) * T * dv),
      logDecay: s.logDecay.subarray(h * T * dk, (h + 1) * T * dk),
      seqLen: T,
      keyDim: dk,
      valueDim: dv,
    };
    out.set(chunk > 0 ? glaChunked(head, chunk) : glaRecurrent(head), h * T * dv);
  }
  return out;
}

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
      const rng = createRng(T + N + P);
      const fill = (n: number) => Float32Array.from({ length: n }, () => rng.nextNormal());
      const head = {
        x: fill(T * P),
        delta: Float32Array.from({ length: T }, () => Math.log1p(Math.exp(rng.nextNormal() - 1))),
        A: -Math.fround(1 + 15 * rng.nextFloat()),
        B: fill(T * N),
        C: fill(T * N),
        D: Math.fround(rng.nextNormal()),
        seqLen: T,
        headDim: P,
        stateSize: N,
      };
      const k = Float32Array.from({ length: T * N }, (_, i) => head.delta[Math.floor(i / N)] * head.B[i]);
      const g = Float32Array.from({ length: T * N }, (_, i) => head.delta[Math.floor(i / N)] * head.A);
      const gpu = await runChunkedDecayedLinearAttention(
        device,
        {
          q: head.C,
          k,
          v: head.x,
          logDecay: g,
          heads: 1,
          seqLen: T,
          keyDim: N,
          valueDim: P,
          scale: 1,
          skip: Float32Array.of(head.D),
        },
        chunk,
      );
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
