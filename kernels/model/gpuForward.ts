/**
 * The tiny-model shell's forward pass on WebGPU, same config and weights as `simulations/model/forward.ts`:
 * embeddings (+ learned positions), pre-norm blocks (LayerNorm or RMSNorm) of a mixer and an optional MLP
 * (GELU, SwiGLU or M2's block-diagonal Monarch MLP), Zoology's residual quirk or none, final norm, tied LM head.
 * Every mixer with a GPU mixer runs here (./mixers, one file per architecture, registered against its card):
 * softmax attention under any mask (RoPE optional), linear attention (recurrent, parallel/Taylor or chunked),
 * BaseConv, RG-LRU, Mamba, Mamba-2, RetNet, GLA, S4D, H3, Hyena, M2.
 * Recorded into one GpuProgram: one command buffer and one readback per forward (each attention layer with a
 * data-dependent LSH or k-means mask adds one mid-forward readback of its shared QK vectors). Returns the logits and each softmax
 * attention layer's weights (the trace the matrix view needs).
 * Unsupported shapes (beyond a kernel's register limits) throw `UnsupportedOnGpuError`; callers fall back to the CPU.
 */
import type { Model } from '../../simulations/model/forward';
import type { BufferPool } from '../runtime/bufferPool';
import { GpuProgram } from '../runtime/gpuProgram';
import { GpuOps, type TraceInfoValue, words } from './gpuOps';
import { gpuMixer } from './mixers';
import { chunkedByDefault } from './mixers/chunking';
import { mlp } from './mlps';
import { embedWgsl, tiedHeadWgsl } from './shellKernels.wgsl';

export class UnsupportedOnGpuError extends Error {
  override name = 'UnsupportedOnGpuError';
}

/**
 * Why a model cannot run on the GPU path, or null when it can: a layer whose card has no GPU mixer (CPU only),
 * or one beyond its GPU mixer's register limits (`GpuMixerCard.limit`).
 */
export function gpuUnsupportedReason({ config }: Model): string | null {
  for (const [i, layer] of config.layers.entries()) {
    const { kind } = layer.mixer;
    const gpu = gpuMixer(kind);
    if (!gpu) return `layer ${i} (${kind}) has no GPU kernel`;
    const limit = gpu.limit(layer.mixer, config.dModel);
    if (limit) return `layer ${i} (${kind}): ${limit} exceeds the GPU kernel's register state`;
  }
  return null;
}

export interface GpuForwardResult {
  /** [T, vocabSize] */
  logits: Float32Array;
  /** Weights [heads, T, T] of each softmax-attention layer, in layer order. */
  attention: Float32Array[];
  /** Command buffers submitted: 1, plus one per layer whose LSH / k-means mask needed a mid-forward readback. */
  commandBuffers: number;
  /**
   * With `trace`: per layer, every field of the CPU trace under its names and shapes (simulations/model/mixers:
   * Mamba Δ, A, B, C, gate, states; RG-LRU r, i, a, h, retention; GLA α, states; RetNet states; RetNet / GLA /
   * Mamba-2 implicitAttention (Mamba-2 also Δ); linear attention implicitAttention, retention, states; attention
   * weights; BaseConv gate, retention; S4D kernels, retention, stateMagnitudes; H3 shiftedKeys, retention; Hyena
   * filters, retention; M2 retention), computed on the GPU and read back with the logits, one readback. Pure
   * configuration (heads, shapes, gammas, kernelSize, an attention layer's mask spec) is filled in on the host.
   */
  layers?: GpuMixerTrace[];
}

/** The GPU's part of a layer's `MixerTrace` (same field names and layouts as the CPU's). */
export type GpuMixerTrace = { kind: string } & Record<string, Float32Array | TraceInfoValue>;

export interface GpuForwardOptions {
  /** Reuse buffers across forwards (the app and the soak test pass one per device). */
  pool?: BufferPool;
  /** Chunkwise linear attention / RetNet / GLA / Mamba-2 (default: from T = CHUNKED_FROM_T, mixers/chunking.ts). */
  chunked?: boolean;
  /** Also return each layer's mixer trace (`layers`). */
  trace?: boolean;
}

export async function forwardOnGpu(
  device: GPUDevice,
  model: Model,
  tokens: ArrayLike<number>,
  { pool, chunked, trace = false }: GpuForwardOptions = {},
): Promise<GpuForwardResult> {
  const reason = gpuUnsupportedReason(model);
  if (reason) throw new UnsupportedOnGpuError(reason);
  const { config } = model;
  const T = tokens.length;
  const d = config.dModel;
  const V = config.vocabSize;
  if (T < 1 || T > config.maxSeqLen)
    throw new RangeError(`Sequence of ${T} tokens is outside 1 … ${config.maxSeqLen}`);
  for (let t = 0; t < T; t++)
    if (!Number.isInteger(tokens[t]) || tokens[t] < 0 || tokens[t] >= V)
      throw new RangeError(`Token ${tokens[t]} at position ${t} is outside the vocabulary 0 … ${V - 1}`);
  const p = new GpuProgram(device, pool);
  const ops = new GpuOps(p, model, T, { chunked: chunked ?? chunkedByDefault(T), trace });
  return p.use(async () => {
    let r = ops.out(T * d, 'residual 0');
    const learned = config.positional === 'learned';
    ops.run(
      'embed',
      embedWgsl,
      [
        ops.uniform(words(T, d, learned ? 1 : 0), 'embed dims'),
        ops.constant(Float32Array.from(tokens), 'tokens'),
        ops.weight('embed.weight'),
        learned ? ops.weight('pos.weight') : ops.constant(new Float32Array(1), 'no positions'),
        r,
      ],
      T * d,
    );
    for (const [i, layer] of config.layers.entries()) {
      const pre = `layers.${i}`;
      ops.layer = i;
      const mixer = gpuMixer(layer.mixer.kind);
      if (!mixer) throw new UnsupportedOnGpuError(`layer ${i} (${layer.mixer.kind}) has no GPU kernel`);
      const y = await mixer.forward(ops, ops.norm(r, `${pre}.norm1`), pre, layer.mixer);
      r = ops.add(r, y, T * d, `${pre} residual`);
      if (layer.mlp !== 'none')
        r = ops.add(r, mlp(ops, ops.norm(r, `${pre}.norm2`), pre, layer.mlp), T * d, `${pre} mlp residual`);
      else if (config.zoologyResidualQuirk)
        r = ops.add(r, ops.norm(r, `${pre}.norm2`), T * d, `${pre} quirk`);
    }
    const h = ops.norm(r, 'norm_f');
    const logits = ops.out(T * V, 'logits');
    ops.run(
      'tiedHead',
      tiedHeadWgsl,
      [ops.uniform(words(T, d, V), 'head dims'), h, ops.weight('embed.weight'), logits],
      T * V,
    );
    const read = await p.run([{ buffer: logits, floats: T * V }, ...ops.traced, ...ops.layerTraces]);
    const attention = read.slice(1, 1 + ops.traced.length);
    const result: GpuForwardResult = { logits: read[0], attention, commandBuffers: p.submissions };
    if (trace) {
      result.layers = config.layers.map((layer, i) => ({ kind: layer.mixer.kind, ...ops.layerMeta.get(i) }));
      ops.layerTraces.forEach((f, j) => {
        const data = read[1 + ops.traced.length + j];
        (result.layers as GpuMixerTrace[])[f.layer][f.name] = f.post ? f.post(data) : data;
      });
    }
    return result;
  });
}
