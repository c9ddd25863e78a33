/** The implicit attention matrix of RetNet / GLA / SSD on the GPU (decayedImplicitAttention.wgsl.ts). */
import { DeviceLimitError } from '../runtime/gpuErrors';
import { GpuProgram } from '../runtime/gpuProgram';
import {
  DECAYED_IMPLICIT_MAX_KEY_DIM,
  DECAYED_IMPLICIT_WORKGROUP,
  decayedImplicitAttentionWgsl,
} from './decayedImplicitAttention.wgsl';
import type { DecayedLinearAttentionInputs } from './decayedLinearAttention';

export interface ImplicitDims {
  heads: number;
  seqLen: number;
  keyDim: number;
  scale: number;
}

/** Records the kernel over GPU-resident q, k, g [H, T, dk]; returns W [H, T, T]. */
export function recordDecayedImplicitAttention(
  p: GpuProgram,
  s: ImplicitDims,
  { q, k, g }: Record<'q' | 'k' | 'g', GPUBuffer>,
  code = decayedImplicitAttentionWgsl,
): GPUBuffer {
  if (s.keyDim > DECAYED_IMPLICIT_MAX_KEY_DIM)
    throw new DeviceLimitError(
      `implicit attention keeps decays in registers: key dim ≤ ${DECAYED_IMPLICIT_MAX_KEY_DIM}, got ${s.keyDim}`,
    );
  const words = new Uint32Array([s.seqLen, s.keyDim, s.heads, 0]);
  new Float32Array(words.buffer, 12, 1)[0] = s.scale;
  const W = p.scratch(s.heads * s.seqLen * s.seqLen, 'decayed implicit attention');
  p.dispatch(
    {
      label:
        code === decayedImplicitAttentionWgsl
          ? 'decayedImplicitAttention'
          : 'decayedImplicitAttention (override)',
      code,
    },
    [p.uniform(words.buffer, 'implicit attention dims'), q, k, g, W],
    [Math.ceil(s.seqLen / DECAYED_IMPLICIT_WORKGROUP), s.heads],
  );
  return W;
}

/** W [H, T, T]. */
export async function runDecayedImplicitAttention(
  device: GPUDevice,
  s: DecayedLinearAttentionInputs,
  code = decayedImplicitAttentionWgsl,
): Promise<Float32Array> {
  const p = new GpuProgram(device);
  return p.use(async () => {
    const W = recordDecayedImplicitAttention(
      p,
      s,
      { q: p.input(s.q, 'q'), k: p.input(s.k, 'k'), g: p.input(s.logDecay, 'log decay') },
      code,
    );
    const [out] = await p.run([{ buffer: W, floats: s.heads * s.seqLen * s.seqLen }]);
    return out;
  });
}
