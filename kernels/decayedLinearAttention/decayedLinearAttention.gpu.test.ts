/**
 * Decayed linear attention (RetNet, GLA, Mamba-2's SSD) vs the CPU references: `glaRecurrent` and `glaChunked`
 * (chunk 16, what the mixers run) for RetNet/GLA decays, `ssdChunked` for SSD heads mapped to q = C, k = ΔB,
 * g = ΔA, v = x with skip D. Tolerance atol 1e-4, rtol 1e-3 (f32 state over up to 1024 steps vs float64).
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
import { type DecayedLinearAttentionInputs, runDecayedLinearAttention } from './decayedLinearAttention';
import { decayedLinearAttentionWgsl } from './decayedLinearAttention.wgsl';

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

function glaReference(s: DecayedLinearAttentionInputs, chunked: boolean): Float32Array {
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
    out.set(chunked ? glaChunked(head, 16) : glaRecurrent(head), h * T * dv);
  }
  return out;
}

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
        const check = allClose(gpu, glaReference(s, chunked), TOLERANCE);
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
      // [1, T, ·] head-major inputs of the SSD mapping.
      const k = Float32Array.from({ length: T * N }, (_, i) => head.delta[Math.floor(i / N)] * head.B[i]);
      const g = Float32Array.from({ length: T * N }, (_, i) => head.delta[Math.floor(i / N)] * head.A);
      const gpu = await runDecayedLinearAttention(device, {
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
      });
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
      allClose(await runDecayedLinearAttention(device, s, broken), glaReference(s, false), TOLERANCE).ok,
    ).toBe(false);
  });
});
