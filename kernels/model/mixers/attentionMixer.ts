/**
 * Softmax attention on the GPU (simulations/model/mixers/attentionMixer.ts, both its cards): q, k, v projection, optional RoPE,
 * then the causal kernel (full or sliding window) or the masked kernel for every other mask spec. Static masks
 * are built on the CPU by `buildMask` and uploaded; LSH and k-means masks depend on the shared QK vectors, so
 * the program is flushed once to read them back (the only forward that needs a second command buffer).
 */
import { buildMask } from '../../../simulations/attention/masks/buildMask';
import {
  type AttentionOptions,
  attentionCard,
  slidingWindowCard,
} from '../../../simulations/model/mixers/attentionMixer';
import { CAUSAL_ATTENTION_WORKGROUP_SIZE, causalAttentionWgsl } from '../../attention/causalAttention.wgsl';
import { maskedAttentionParams } from '../../attention/maskedAttention';
import { MASKED_ATTENTION_WORKGROUP, maskedAttentionWgsl } from '../../attention/maskedAttention.wgsl';
import { ropeParams, ropeRotated, ropeTable } from '../../rope/rope';
import { ropeWgsl } from '../../rope/rope.wgsl';
import type { GpuOps } from '../gpuOps';
import { registerGpuMixer } from './gpuMixer';

function rope(ops: GpuOps, x: GPUBuffer, heads: number, dh: number): GPUBuffer {
  const rotated = ropeRotated(dh);
  const out = ops.out(heads * ops.T * dh, 'rope');
  ops.run(
    'rope',
    ropeWgsl,
    [
      ops.uniform(ropeParams(heads, ops.T, dh, rotated), 'rope dims'),
      x,
      ops.constant(ropeTable(ops.T, rotated), 'rope table'),
      out,
    ],
    heads * ops.T * Math.ceil(dh / 2),
  );
  return out;
}

async function attention(
  ops: GpuOps,
  x: GPUBuffer,
  pre: string,
  { heads, positional, mask }: AttentionOptions,
): Promise<GPUBuffer> {
  const { T, d } = ops;
  const dh = d / heads;
  const qkv = ops.linear(x, d, 3 * d, `${pre}.mixer.W_qkv`, `${pre}.mixer.b_qkv`, `${pre} qkv`);
  let [q, k, v] = [0, 1, 2].map((part) => ops.splitHeads(qkv, 3 * d, part * d, heads, dh));
  const dataDependent = mask.kind === 'lsh' || mask.kind === 'kmeans';
  // Reformer / Routing: shared QK, keys are the unit-length queries.
  if (dataDependent) k = ops.l2Normalize(q, heads * T, dh);
  if (positional === 'rope') {
    q = rope(ops, q, heads, dh);
    k = rope(ops, k, heads, dh);
  }
  const o = ops.out(heads * T * dh, `${pre} attention out`);
  const w = ops.out(heads * T * T, `${pre} attention weights`);
  if (mask.kind === 'full' || mask.kind === 'slidingWindow') {
    const params = new ArrayBuffer(20);
    new Uint32Array(params, 0, 3).set([T, heads, dh]);
    new Float32Array(params, 12, 1)[0] = 1 / Math.sqrt(dh);
    // W + 1 for a sliding window, 0 for full causal attention (see causalAttention.wgsl.ts).
    new Uint32Array(params, 16, 1)[0] = mask.kind === 'slidingWindow' ? mask.window + 1 : 0;
    ops.run(
      'causalAttention',
      causalAttentionWgsl,
      [ops.uniform(params, 'attention params'), q, k, v, o, w],
      T,
      heads,
      CAUSAL_ATTENTION_WORKGROUP_SIZE,
    );
  } else {
    const context = dataDependent
      ? {
          sharedQK: (await ops.p.flush([{ buffer: ops.mergeHeads(q, heads), floats: T * d }]))[0],
          dim: d,
          centroids: ops.model.params.get(`${pre}.mixer.centroids`),
        }
      : {};
    const allowed = buildMask(mask, T, context).allowed;
    ops.run(
      'maskedAttention',
      maskedAttentionWgsl,
      [
        ops.uniform(maskedAttentionParams(T, heads, dh), 'masked attention params'),
        q,
        k,
        v,
        ops.constant(Float32Array.from(allowed), 'mask'),
        o,
        w,
      ],
      T,
      heads,
      MASKED_ATTENTION_WORKGROUP,
    );
  }
  ops.traced.push({ buffer: w, floats: heads * T * T });
  // As the CPU trace names it (sliding-window layers are attention layers with a mask there too); the mask
  // is the layer's mask spec (configuration, as the CPU trace carries it).
  ops.traceInfo({ kind: 'attention', heads, mask });
  ops.trace('weights', w, heads * T * T);
  return ops.linear(
    ops.mergeHeads(o, heads),
    d,
    d,
    `${pre}.mixer.W_o`,
    `${pre}.mixer.b_o`,
    `${pre} mixer out`,
  );
}

registerGpuMixer(attentionCard, { forward: attention });
registerGpuMixer(slidingWindowCard, { forward: attention });
