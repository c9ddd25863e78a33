/**
 * Chunked decayed linear attention on the GPU (chunkedDecayedLinearAttention.wgsl.ts): two dispatches, chunk
 * states then outputs, recorded into a `GpuProgram` — standalone here (one command buffer, one readback) or
 * inside a model forward (kernels/model/mixers/decayedLinearAttention.ts).
 */
import { DeviceLimitError } from '../runtime/gpuErrors';
import { GpuProgram } from '../runtime/gpuProgram';
import {
  CHUNKED_DECAYED_MAX_CHUNK,
  CHUNKED_DECAYED_MAX_KEY_DIM,
  CHUNKED_DECAYED_WORKGROUP,
  chunkOutputsWgsl,
  chunkStatesWgsl,
} from './chunkedDecayedLinearAttention.wgsl';
import type { DecayedLinearAttentionInputs } from './decayedLinearAttention';

export interface ChunkedDims {
  heads: number;
  seqLen: number;
  keyDim: number;
  valueDim: number;
  chunk: number;
  scale: number;
}

/** The two shaders, replaceable by tests (the broken-kernel check). */
export interface ChunkedDecayedCode {
  states: string;
  outputs: string;
}
const DEFAULT_CODE: ChunkedDecayedCode = { states: chunkStatesWgsl, outputs: chunkOutputsWgsl };

export function assertChunkedDecayedDims({ keyDim, chunk }: Pick<ChunkedDims, 'keyDim' | 'chunk'>): void {
  if (!Number.isInteger(chunk) || chunk < 1 || chunk > CHUNKED_DECAYED_MAX_CHUNK)
    throw new RangeError(`chunk must be an integer in 1 … ${CHUNKED_DECAYED_MAX_CHUNK}, got ${chunk}`);
  if (keyDim > CHUNKED_DECAYED_MAX_KEY_DIM)
    throw new DeviceLimitError(
      `chunked decayed linear attention keeps decays in registers: key dim ≤ ${CHUNKED_DECAYED_MAX_KEY_DIM}, got ${keyDim}`,
    );
}

/** Uniform words: (T, dk, dv, chunk), (heads, bits of scale, inclusive, 0). */
export function chunkedDecayedParams(s: ChunkedDims, inclusive = false): ArrayBuffer {
  const words = new Uint32Array([s.seqLen, s.keyDim, s.valueDim, s.chunk, s.heads, 0, inclusive ? 1 : 0, 0]);
  new Float32Array(words.buffer, 20, 1)[0] = s.scale;
  return words.buffer;
}

/** Records both passes over GPU-resident q, k, v, g, skip; returns o [H, T, dv]. */
export function recordChunkedDecayed(
  p: GpuProgram,
  s: ChunkedDims,
  { q, k, v, g, skip }: Record<'q' | 'k' | 'v' | 'g' | 'skip', GPUBuffer>,
  code: ChunkedDecayedCode = DEFAULT_CODE,
): GPUBuffer {
  assertChunkedDecayedDims(s);
  const { heads: H, seqLen: T, keyDim: dk, valueDim: dv, chunk } = s;
  const chunks = Math.ceil(T / chunk);
  const params = p.uniform(chunkedDecayedParams(s), 'chunked decayed dims');
  const states = p.scratch(H * chunks * dk * dv, 'chunk states');
  const o = p.scratch(H * T * dv, 'chunked decayed linear attention');
  const tag = code === DEFAULT_CODE ? '' : ' (override)';
  p.dispatch(
    { label: `chunkStates${tag}`, code: code.states },
    [params, k, v, g, states],
    [Math.ceil((dk * dv) / CHUNKED_DECAYED_WORKGROUP), H],
  );
  p.dispatch(
    { label: `chunkOutputs${tag}`, code: code.outputs },
    [params, q, k, v, g, skip, states, o],
    [Math.ceil(T / CHUNKED_DECAYED_WORKGROUP), H],
  );
  return o;
}

/** The state after every step, S_t [H, T, dk, dv] (chunk 1, inclusive): the trace of the state views. */
export function recordDecayedStates(
  p: GpuProgram,
  s: Omit<ChunkedDims, 'chunk' | 'scale'>,
  { k, v, g }: Record<'k' | 'v' | 'g', GPUBuffer>,
): GPUBuffer {
  const dims = { ...s, chunk: 1, scale: 1 };
  assertChunkedDecayedDims(dims);
  const states = p.scratch(s.heads * s.seqLen * s.keyDim * s.valueDim, 'decayed states per step');
  p.dispatch(
    { label: 'chunkStates', code: chunkStatesWgsl },
    [p.uniform(chunkedDecayedParams(dims, true), 'decayed states dims'), k, v, g, states],
    [Math.ceil((s.keyDim * s.valueDim) / CHUNKED_DECAYED_WORKGROUP), s.heads],
  );
  return states;
}

/** o [H, T, dv]; the same inputs as `runDecayedLinearAttention` plus the chunk size. */
export async function runChunkedDecayedLinearAttention(
  device: GPUDevice,
  s: DecayedLinearAttentionInputs,
  chunk: number,
  code: ChunkedDecayedCode = DEFAULT_CODE,
): Promise<Float32Array> {
  const p = new GpuProgram(device);
  return p.use(async () => {
    const o = recordChunkedDecayed(
      p,
      { ...s, chunk },
      {
        q: p.input(s.q, 'q'),
        k: p.input(s.k, 'k'),
        v: p.input(s.v, 'v'),
        g: p.input(s.logDecay, 'log decay'),
        skip: p.input(s.skip ?? new Float32Array(s.heads), 'skip'),
      },
      code,
    );
    const [out] = await p.run([{ buffer: o, floats: s.heads * s.seqLen * s.valueDim }]);
    return out;
  });
}
