/**
 * Linear attention on the GPU (simulations/model/mixers/linearAttentionMixer.ts): at long T (`ops.chunked`,
 * ./chunking.ts) the chunked kernel for every feature map; otherwise the recurrent kernel (state column per
 * thread) for elu+1 / ReLU / identity maps within its register limits, else — Based's Taylor map — the
 * parallel kernel with the closed-form Taylor kernel. Tracing keeps the output's path (chunked at long T) and adds
 * the parallel kernel for the T × T implicit attention, which has no chunkwise form.
 */
import { featureSize } from '../../../simulations/linearAttention/featureMaps';
import {
  type LinearAttentionOptions,
  linearAttentionCard,
} from '../../../simulations/model/mixers/linearAttentionMixer';
import {
  recordChunkedLinearAttention,
  recordLinearStates,
  withoutNormaliser,
} from '../../linearAttention/chunkedLinearAttention';
import { CHUNKED_LA_MAX_KEY_DIM } from '../../linearAttention/chunkedLinearAttention.wgsl';
import { parallelLinearAttentionParams } from '../../linearAttention/parallelLinearAttention';
import {
  PARALLEL_LA_WORKGROUP,
  parallelLinearAttentionWgsl,
} from '../../linearAttention/parallelLinearAttention.wgsl';
import {
  FEATURE_MAP_CODES,
  LINEAR_ATTENTION_MAX_FEATURES,
  linearAttentionWgsl,
} from '../../recurrent/linearAttention.wgsl';
import { type GpuOps, words } from '../gpuOps';
import { GPU_CHUNK } from './chunking';
import { registerGpuMixer } from './gpuMixer';

function linearAttention(
  ops: GpuOps,
  x: GPUBuffer,
  pre: string,
  { heads, featureDim: f, featureMap: map }: LinearAttentionOptions,
): GPUBuffer {
  const { T, d } = ops;
  const dv = d / heads;
  const q = ops.splitHeads(
    ops.linear(x, d, heads * f, `${pre}.mixer.W_q`, null, 'q'),
    heads * f,
    0,
    heads,
    f,
  );
  const k = ops.splitHeads(
    ops.linear(x, d, heads * f, `${pre}.mixer.W_k`, null, 'k'),
    heads * f,
    0,
    heads,
    f,
  );
  const v = ops.splitHeads(ops.linear(x, d, d, `${pre}.mixer.W_v`, null, 'v'), d, 0, heads, dv);
  if (ops.tracing) {
    // The CPU trace (linearAttentionMixer.ts): the state after every step [h, T, D, dv] (normaliser dropped)
    // and the normalised implicit attention [h, T, T] (also the retention), from the parallel kernel below.
    const dims = { heads, seqLen: T, keyDim: f, valueDim: dv, featureMap: map };
    const D = featureSize(map, f);
    ops.trace('states', recordLinearStates(ops.p, dims, { k, v }), heads * T * D * (dv + 1), (x) =>
      withoutNormaliser(x, dv),
    );
    ops.traceInfo({ heads, featureMap: map, stateShape: [heads, T, D, dv] });
  }
  const chunked = ops.chunked && f <= CHUNKED_LA_MAX_KEY_DIM;
  // The output: chunked kernel, else the recurrent kernel where it fits, else the parallel kernel (which also
  // writes the implicit attention the trace needs).
  const recurrent =
    !chunked && !ops.tracing && map !== 'taylor' && f <= LINEAR_ATTENTION_MAX_FEATURES && dv <= 64;
  const parallel = !chunked && !recurrent;
  const o = chunked
    ? recordChunkedLinearAttention(
        ops.p,
        { heads, seqLen: T, keyDim: f, valueDim: dv, featureMap: map, chunk: GPU_CHUNK },
        { q, k, v },
      )
    : ops.out(T * d, `${pre} linear attention out`);
  if (recurrent)
    ops.run(
      'linearAttention',
      linearAttentionWgsl,
      [
        ops.uniform(
          words(T, f, dv, FEATURE_MAP_CODES[map as keyof typeof FEATURE_MAP_CODES]),
          'linear attention dims',
        ),
        q,
        k,
        v,
        o,
      ],
      heads * 64,
    );
  if (parallel || ops.tracing) {
    // The normalised implicit attention [h, T, T] (the trace's implicitAttention and retention) has no chunkwise
    // form: when the output ran chunked, the parallel kernel still runs for it and its output goes unused.
    const out = parallel ? o : ops.out(T * d, `${pre} linear attention out (trace only)`);
    const weights = ops.out(heads * T * T, `${pre} implicit attention`);
    ops.run(
      'parallelLinearAttention',
      parallelLinearAttentionWgsl,
      [
        ops.uniform(
          parallelLinearAttentionParams({ seqLen: T, keyDim: f, valueDim: dv, featureMap: map, heads }),
          'parallel LA dims',
        ),
        q,
        k,
        v,
        out,
        weights,
      ],
      T,
      heads,
      PARALLEL_LA_WORKGROUP,
    );
    ops.trace('implicitAttention', weights, heads * T * T);
    ops.trace('retention', weights, heads * T * T);
  }
  return ops.linear(ops.mergeHeads(o, heads), d, d, `${pre}.mixer.W_o`, null, `${pre} mixer out`);
}

registerGpuMixer(linearAttentionCard, { forward: linearAttention });
