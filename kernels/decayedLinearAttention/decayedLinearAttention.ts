/** Decayed linear attention (RetNet / GLA / SSD) on the GPU, the layout of `glaRecurrent` with heads stacked. */
import { DeviceLimitError } from '../runtime/gpuErrors';
import { runComputeKernel } from '../runtime/runComputeKernel';
import { DECAYED_LA_MAX_KEY_DIM, decayedLinearAttentionWgsl } from './decayedLinearAttention.wgsl';

export interface DecayedLinearAttentionInputs {
  /** q, k, logDecay [H, T, dk]; v [H, T, dv] */
  q: Float32Array;
  k: Float32Array;
  v: Float32Array;
  logDecay: Float32Array;
  heads: number;
  seqLen: number;
  keyDim: number;
  valueDim: number;
  /** Multiplies q·S (1/√dk for RetNet and GLA, 1 for SSD). */
  scale: number;
  /** Per-head skip D·v (SSD); zeros otherwise. */
  skip?: Float32Array;
}

export function assertDecayedKeyDim(keyDim: number): void {
  if (keyDim > DECAYED_LA_MAX_KEY_DIM)
    throw new DeviceLimitError(
      `decayed linear attention keeps the state column in registers: key dim ≤ ${DECAYED_LA_MAX_KEY_DIM}, got ${keyDim}`,
    );
}

/** Uniform words: (T, dk, dv, bits of scale). */
export function decayedParams(T: number, dk: number, dv: number, scale: number): ArrayBuffer {
  const words = new Uint32Array([T, dk, dv, 0]);
  new Float32Array(words.buffer, 12, 1)[0] = scale;
  return words.buffer;
}

/** o [H, T, dv]. */
export async function runDecayedLinearAttention(
  device: GPUDevice,
  s: DecayedLinearAttentionInputs,
  code = decayedLinearAttentionWgsl,
): Promise<Float32Array> {
  assertDecayedKeyDim(s.keyDim);
  const [o] = await runComputeKernel(device, {
    label:
      code === decayedLinearAttentionWgsl ? 'decayedLinearAttention' : 'decayedLinearAttention (override)',
    code,
    uniforms: decayedParams(s.seqLen, s.keyDim, s.valueDim, s.scale),
    inputs: [s.q, s.k, s.v, s.logDecay, s.skip ?? new Float32Array(s.heads)],
    outputLengths: [s.heads * s.seqLen * s.valueDim],
    workgroups: [s.heads],
  });
  return o;
}
