/**
 * The tiny-model shell's forward pass on WebGPU, same config and weights as `simulations/model/forward.ts`,
 * in one command buffer with one readback: embeddings (+ learned positions), pre-LayerNorm attention blocks
 * (causal multi-head softmax attention), Zoology's residual quirk or none, final LayerNorm, tied LM head.
 * Returns the logits and each layer's attention weights (the trace the matrix view needs).
 * Supported for now: LayerNorm shells whose layers are causal `attention` or `slidingWindow` without RoPE and
 * without MLP.
 * Everything else throws `UnsupportedOnGpuError`, and callers fall back to the CPU reference.
 */
import type { Model } from '../../simulations/model/forward';
import { CAUSAL_ATTENTION_WORKGROUP_SIZE, causalAttentionWgsl } from '../attention/causalAttention.wgsl';
import { GpuProgram } from '../runtime/gpuProgram';
import {
  addWgsl,
  embedWgsl,
  fromHeadsWgsl,
  layerNormWgsl,
  linearWgsl,
  tiedHeadWgsl,
  toHeadsWgsl,
} from './shellKernels.wgsl';

export class UnsupportedOnGpuError extends Error {
  override name = 'UnsupportedOnGpuError';
}

/** Why a model cannot run on the GPU path yet, or null when it can. */
export function gpuUnsupportedReason({ config }: Model): string | null {
  if (config.norm !== 'layernorm') return 'only LayerNorm shells run on the GPU so far';
  for (const [i, layer] of config.layers.entries()) {
    const { kind, mask, positional } = layer.mixer as {
      kind: string;
      mask?: { kind: string };
      positional?: string;
    };
    const fullAttention = kind === 'attention' && (!mask || mask.kind === 'full');
    if (!(fullAttention || kind === 'slidingWindow') || positional === 'rope')
      return `layer ${i} (${kind}) has no GPU kernel yet`;
    if (layer.mlp !== 'none') return `layer ${i}: MLPs have no GPU kernel yet`;
  }
  return null;
}

const dims = (...values: number[]) => new Uint32Array([...values, 0, 0, 0, 0].slice(0, 4)).buffer;
const groups = (n: number) => Math.ceil(n / 64);

export async function forwardOnGpu(
  device: GPUDevice,
  model: Model,
  tokens: ArrayLike<number>,
): Promise<{ logits: Float32Array; attention: Float32Array[] }> {
  const reason = gpuUnsupportedReason(model);
  if (reason) throw new UnsupportedOnGpuError(reason);
  const { config, params } = model;
  const T = tokens.length;
  const d = config.dModel;
  const V = config.vocabSize;
  if (T < 1 || T > config.maxSeqLen)
    throw new RangeError(`Sequence of ${T} tokens is outside 1 … ${config.maxSeqLen}`);
  const p = new GpuProgram(device);
  const weight = (name: string) => p.input(params.get(name) as Float32Array, name);
  const E = weight('embed.weight');
  const P =
    config.positional === 'learned' ? weight('pos.weight') : p.input(new Float32Array(1), 'no positions');
  let r = p.scratch(T * d, 'residual 0');
  p.dispatch(
    { label: 'embed', code: embedWgsl },
    [
      p.uniform(dims(T, d, config.positional === 'learned' ? 1 : 0), 'embed dims'),
      p.input(Float32Array.from(tokens), 'tokens'),
      E,
      P,
      r,
    ],
    [groups(T * d)],
  );

  const rowDims = p.uniform(dims(T, d), 'row dims');
  const layerNorm = (x: GPUBuffer, prefix: string) => {
    const out = p.scratch(T * d, `${prefix} out`);
    p.dispatch(
      { label: 'layerNorm', code: layerNormWgsl },
      [rowDims, x, weight(`${prefix}.weight`), weight(`${prefix}.bias`), out],
      [groups(T)],
    );
    return out;
  };
  const add = (a: GPUBuffer, b: GPUBuffer, label: string) => {
    const out = p.scratch(T * d, label);
    p.dispatch(
      { label: 'add', code: addWgsl },
      [p.uniform(dims(T * d), 'add dims'), a, b, out],
      [groups(T * d)],
    );
    return out;
  };

  const attentionOutputs: { buffer: GPUBuffer; floats: number }[] = [];
  config.layers.forEach((layer, i) => {
    const heads = (layer.mixer.heads as number | undefined) ?? 1;
    const dh = d / heads;
    const pre = `layers.${i}`;
    const x = layerNorm(r, `${pre}.norm1`);
    const qkv = p.scratch(T * 3 * d, `${pre} qkv`);
    p.dispatch(
      { label: 'linear', code: linearWgsl },
      [
        p.uniform(dims(T, d, 3 * d), 'qkv dims'),
        x,
        weight(`${pre}.mixer.W_qkv`),
        weight(`${pre}.mixer.b_qkv`),
        qkv,
      ],
      [groups(T * 3 * d)],
    );
    const [q, k, v] = [0, 1, 2].map((part) => {
      const out = p.scratch(T * d, `${pre} head part ${part}`);
      p.dispatch(
        { label: 'toHeads', code: toHeadsWgsl },
        [p.uniform(dims(T, d, heads, part), 'heads dims'), qkv, out],
        [groups(T * d)],
      );
      return out;
    });
    const attention = new ArrayBuffer(20);
    new Uint32Array(attention, 0, 3).set([T, heads, dh]);
    new Float32Array(attention, 12, 1)[0] = 1 / Math.sqrt(dh);
    // W + 1 for a sliding window, 0 for full causal attention (see causalAttention.wgsl.ts).
    new Uint32Array(attention, 16, 1)[0] =
      layer.mixer.kind === 'slidingWindow' ? (layer.mixer.window as number) + 1 : 0;
    const o = p.scratch(T * d, `${pre} attention out`);
    const w = p.scratch(heads * T * T, `${pre} attention weights`);
    p.dispatch(
      { label: 'causalAttention', code: causalAttentionWgsl },
      [p.uniform(attention, 'attention params'), q, k, v, o, w],
      [Math.ceil(T / CAUSAL_ATTENTION_WORKGROUP_SIZE), heads],
    );
    attentionOutputs.push({ buffer: w, floats: heads * T * T });
    const merged = p.scratch(T * d, `${pre} merged`);
    p.dispatch(
      { label: 'fromHeads', code: fromHeadsWgsl },
      [p.uniform(dims(T, d, heads), 'merge dims'), o, merged],
      [groups(T * d)],
    );
    const y = p.scratch(T * d, `${pre} mixer out`);
    p.dispatch(
      { label: 'linear', code: linearWgsl },
      [
        p.uniform(dims(T, d, d), 'out dims'),
        merged,
        weight(`${pre}.mixer.W_o`),
        weight(`${pre}.mixer.b_o`),
        y,
      ],
      [groups(T * d)],
    );
    r = add(r, y, `${pre} residual`);
    if (config.zoologyResidualQuirk) r = add(r, layerNorm(r, `${pre}.norm2`), `${pre} quirk`);
  });
  const h = layerNorm(r, 'norm_f');
  const logits = p.scratch(T * V, 'logits');
  p.dispatch(
    { label: 'tiedHead', code: tiedHeadWgsl },
    [p.uniform(dims(T, d, V), 'head dims'), h, E, logits],
    [groups(T * V)],
  );
  const [out, ...attention] = await p.run([{ buffer: logits, floats: T * V }, ...attentionOutputs]);
  return { logits: out, attention };
}
