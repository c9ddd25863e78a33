/**
 * Random test cases shared by the decayed linear attention GPU tests (step-by-step and chunked kernels):
 * RetNet / GLA inputs with their CPU reference, and a Mamba-2 SSD head mapped to q = C, k = ΔB, g = ΔA, v = x
 * with skip D.
 */
import {
  glaChunked,
  glaRecurrent,
  retnetGamma,
} from '../../simulations/linearAttention/gatedLinearAttention';
import { createRng } from '../../simulations/random/rng';
import type { SsdHeadInputs } from '../../simulations/ssm/ssd';
import type { DecayedLinearAttentionInputs } from './decayedLinearAttention';

const logSigmoid = (x: number) => (x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x)));

/** RetNet's fixed per-head γ, or GLA-like data-dependent decays log σ(·)/16. */
export function glaInputs(
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

/** `glaChunked` (chunk > 0) or `glaRecurrent` (chunk 0), head by head. */
export function glaReference(s: DecayedLinearAttentionInputs, chunk: number): Float32Array {
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

/** A random SSD head and the same head as decayed linear attention inputs ([1, T, ·], head-major). */
export function ssdCase(
  T: number,
  N: number,
  P: number,
): { head: SsdHeadInputs; inputs: DecayedLinearAttentionInputs } {
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
  return {
    head,
    inputs: {
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
  };
}
