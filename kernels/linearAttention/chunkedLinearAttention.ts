/**
 * Chunked causal linear attention on the GPU (chunkedLinearAttention.wgsl.ts): chunk states then outputs,
 * two dispatches recorded into a `GpuProgram` — standalone (one command buffer, one readback) or inside a
 * model forward (kernels/model/mixers/linearAttentionMixer.ts).
 */
import { featureSize } from '../../simulations/linearAttention/featureMaps';
import type { LinearAttentionInputs } from '../../simulations/linearAttention/linearAttention';
import { DeviceLimitError } from '../runtime/gpuErrors';
import { GpuProgram } from '../runtime/gpuProgram';
import {
  CHUNKED_LA_MAX_CHUNK,
  CHUNKED_LA_MAX_KEY_DIM,
  CHUNKED_LA_WORKGROUP,
  chunkedLinearOutputsWgsl,
  chunkedLinearStatesWgsl,
} from './chunkedLinearAttention.wgsl';
import { PARALLEL_FEATURE_MAP_CODES } from './parallelLinearAttention.wgsl';

export type ChunkedLinearDims = Pick<
  LinearAttentionInputs,
  'heads' | 'seqLen' | 'keyDim' | 'valueDim' | 'featureMap'
> & { chunk: number };

/** The two shaders, replaceable by tests (the broken-kernel check). */
export interface ChunkedLinearCode {
  states: string;
  outputs: string;
}
const DEFAULT_CODE: ChunkedLinearCode = {
  states: chunkedLinearStatesWgsl,
  outputs: chunkedLinearOutputsWgsl,
};

/** Uniform words: (T, f, dv, chunk), (heads, map, D, inclusive). */
export function chunkedLinearParams(s: ChunkedLinearDims, inclusive = false): ArrayBuffer {
  if (!Number.isInteger(s.chunk) || s.chunk < 1 || s.chunk > CHUNKED_LA_MAX_CHUNK)
    throw new RangeError(`chunk must be an integer in 1 … ${CHUNKED_LA_MAX_CHUNK}, got ${s.chunk}`);
  if (s.keyDim > CHUNKED_LA_MAX_KEY_DIM)
    throw new DeviceLimitError(
      `chunked linear attention keeps q_t in registers: feature dim ≤ ${CHUNKED_LA_MAX_KEY_DIM}, got ${s.keyDim}`,
    );
  return new Uint32Array([
    s.seqLen,
    s.keyDim,
    s.valueDim,
    s.chunk,
    s.heads,
    PARALLEL_FEATURE_MAP_CODES[s.featureMap],
    featureSize(s.featureMap, s.keyDim),
    inclusive ? 1 : 0,
  ]).buffer;
}

/** Records both passes over GPU-resident head-major q, k [H, T, f] and v [H, T, dv]; returns y [H, T, dv]. */
export function recordChunkedLinearAttention(
  p: GpuProgram,
  s: ChunkedLinearDims,
  { q, k, v }: Record<'q' | 'k' | 'v', GPUBuffer>,
  code: ChunkedLinearCode = DEFAULT_CODE,
): GPUBuffer {
  const { heads: H, seqLen: T, valueDim: dv, chunk } = s;
  const params = p.uniform(chunkedLinearParams(s), 'chunked LA dims');
  const D = featureSize(s.featureMap, s.keyDim);
  const states = p.scratch(H * Math.ceil(T / chunk) * D * (dv + 1), 'chunked LA states');
  const y = p.scratch(H * T * dv, 'chunked linear attention');
  const tag = code === DEFAULT_CODE ? '' : ' (override)';
  p.dispatch(
    { label: `chunkedLinearStates${tag}`, code: code.states },
    [params, k, v, states],
    [Math.ceil((D * (dv + 1)) / CHUNKED_LA_WORKGROUP), H],
  );
  p.dispatch(
    { label: `chunkedLinearOutputs${tag}`, code: code.outputs },
    [params, k, v, q, states, y],
    [Math.ceil(T / CHUNKED_LA_WORKGROUP), H],
  );
  return y;
}

/** [S_t | z_t] after every step, [H, T, D, dv + 1] (chunk 1, inclusive): the state trace. */
export function recordLinearStates(
  p: GpuProgram,
  s: Omit<ChunkedLinearDims, 'chunk'>,
  { k, v }: Record<'k' | 'v', GPUBuffer>,
): GPUBuffer {
  const dims = { ...s, chunk: 1 };
  const D = featureSize(s.featureMap, s.keyDim);
  const states = p.scratch(s.heads * s.seqLen * D * (s.valueDim + 1), 'linear attention states per step');
  p.dispatch(
    { label: 'chunkedLinearStates', code: chunkedLinearStatesWgsl },
    [p.uniform(chunkedLinearParams(dims, true), 'linear states dims'), k, v, states],
    [Math.ceil((D * (s.valueDim + 1)) / CHUNKED_LA_WORKGROUP), s.heads],
  );
  return states;
}

/** Drops the normaliser column: [rows, dv + 1] → [rows, dv]. */
export function withoutNormaliser(states: Float32Array, dv: number): Float32Array {
  const rows = states.length / (dv + 1);
  const out = new Float32Array(rows * dv);
  for (let r = 0; r < rows; r++) out.set(states.subarray(r * (dv + 1), r * (dv + 1) + dv), r * dv);
  return out;
}

/** y [H, T, dv]. */
export async function runChunkedLinearAttention(
  device: GPUDevice,
  s: LinearAttentionInputs,
  chunk: number,
  code: ChunkedLinearCode = DEFAULT_CODE,
): Promise<Float32Array> {
  const p = new GpuProgram(device);
  return p.use(async () => {
    const y = recordChunkedLinearAttention(
      p,
      { ...s, chunk },
      { q: p.input(s.q, 'q'), k: p.input(s.k, 'k'), v: p.input(s.v, 'v') },
      code,
    );
    const [out] = await p.run([{ buffer: y, floats: s.heads * s.seqLen * s.valueDim }]);
    return out;
  });
}
