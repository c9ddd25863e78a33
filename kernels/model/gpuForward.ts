/**
 * The tiny-model shell's forward pass on WebGPU, same config and weights as `simulations/model/forward.ts`,
 * in one command buffer with one readback: embeddings (+ learned positions), pre-LayerNorm attention blocks
 * (causal multi-head softmax attention), Zoology's residual quirk or none, final LayerNorm, tied LM head.
 * Returns the logits and each layer's attention weights (the trace the matrix view needs).
 * Supported for now: LayerNorm shells whose layers are causal `attention`, `slidingWindow` (no RoPE) or
 * `linearAttention` (elu+1, ReLU, identity), `rglru` (Hawk/Griffin's recurrent block) or `mamba` (d_state ≤ 64),
 * with no MLP, a GELU MLP or a SwiGLU.
 * Everything else throws `UnsupportedOnGpuError`, and callers fall back to the CPU reference.
 */

import type { MixerSpec } from '../../simulations/model/config';
import type { Model } from '../../simulations/model/forward';
import { CAUSAL_ATTENTION_WORKGROUP_SIZE, causalAttentionWgsl } from '../attention/causalAttention.wgsl';
import {
  FEATURE_MAP_CODES,
  LINEAR_ATTENTION_MAX_FEATURES,
  linearAttentionWgsl,
} from '../recurrent/linearAttention.wgsl';
import { rgLruWgsl } from '../recurrent/rgLru.wgsl';
import {
  SELECTIVE_SCAN_MAX_STATE,
  SELECTIVE_SCAN_WORKGROUP,
  selectiveScanWgsl,
} from '../recurrent/selectiveScan.wgsl';
import { GpuProgram } from '../runtime/gpuProgram';
import {
  addWgsl,
  depthwiseConvWgsl,
  embedWgsl,
  fromHeadsWgsl,
  geluWgsl,
  layerNormWgsl,
  linearWgsl,
  mulWgsl,
  splitHeadsWgsl,
  tiedHeadWgsl,
  UNARY_OPS,
  unaryWgsl,
} from './shellKernels.wgsl';

export class UnsupportedOnGpuError extends Error {
  override name = 'UnsupportedOnGpuError';
}

/** Why a model cannot run on the GPU path yet, or null when it can. */
export function gpuUnsupportedReason({ config }: Model): string | null {
  if (config.norm !== 'layernorm') return 'only LayerNorm shells run on the GPU so far';
  for (const [i, layer] of config.layers.entries()) {
    const { kind, mask, positional, featureMap, featureDim, heads } = layer.mixer as MixerSpec & {
      mask?: { kind: string };
    };
    const fullAttention = kind === 'attention' && (!mask || mask.kind === 'full');
    const linearAttention =
      kind === 'linearAttention' &&
      typeof featureMap === 'string' &&
      featureMap in FEATURE_MAP_CODES &&
      ((featureDim as number | undefined) ?? 16) <= LINEAR_ATTENTION_MAX_FEATURES &&
      config.dModel / ((heads as number | undefined) ?? 1) <= 64;
    const mamba =
      kind === 'mamba' && ((layer.mixer.dState as number | undefined) ?? 16) <= SELECTIVE_SCAN_MAX_STATE;
    if (
      !(fullAttention || kind === 'slidingWindow' || kind === 'rglru' || mamba || linearAttention) ||
      positional === 'rope'
    ) {
      return `layer ${i} (${kind}${kind === 'linearAttention' ? `, ${featureMap}` : ''}) has no GPU kernel yet`;
    }
    if (layer.mlp === 'monarch') return `layer ${i}: ${layer.mlp} MLPs have no GPU kernel yet`;
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

  const linear = (x: GPUBuffer, n: number, m: number, W: string, b: string | null, label: string) => {
    const out = p.scratch(T * m, label);
    const bias = b ? weight(b) : p.input(new Float32Array(m), 'zero bias');
    p.dispatch(
      { label: 'linear', code: linearWgsl },
      [p.uniform(dims(T, n, m), 'linear dims'), x, weight(W), bias, out],
      [groups(T * m)],
    );
    return out;
  };
  const splitHeads = (x: GPUBuffer, stride: number, offset: number, heads: number, w: number) => {
    const out = p.scratch(heads * T * w, 'heads');
    p.dispatch(
      { label: 'splitHeads', code: splitHeadsWgsl },
      [p.uniform(dims(T, stride, heads, w), 'split dims'), p.uniform(dims(offset), 'split offset'), x, out],
      [groups(heads * T * w)],
    );
    return out;
  };
  const mergeHeads = (x: GPUBuffer, heads: number) => {
    const out = p.scratch(T * d, 'merged');
    p.dispatch(
      { label: 'fromHeads', code: fromHeadsWgsl },
      [p.uniform(dims(T, d, heads), 'merge dims'), x, out],
      [groups(T * d)],
    );
    return out;
  };

  const traced: { buffer: GPUBuffer; floats: number }[] = [];
  /** Softmax attention (full or sliding window): returns the mixer output [T, d]. */
  const attentionMixer = (x: GPUBuffer, pre: string, spec: MixerSpec) => {
    const heads = (spec.heads as number | undefined) ?? 1;
    const dh = d / heads;
    const qkv = linear(x, d, 3 * d, `${pre}.mixer.W_qkv`, `${pre}.mixer.b_qkv`, `${pre} qkv`);
    const [q, k, v] = [0, 1, 2].map((part) => splitHeads(qkv, 3 * d, part * d, heads, dh));
    const attention = new ArrayBuffer(20);
    new Uint32Array(attention, 0, 3).set([T, heads, dh]);
    new Float32Array(attention, 12, 1)[0] = 1 / Math.sqrt(dh);
    // W + 1 for a sliding window, 0 for full causal attention (see causalAttention.wgsl.ts).
    new Uint32Array(attention, 16, 1)[0] = spec.kind === 'slidingWindow' ? (spec.window as number) + 1 : 0;
    const o = p.scratch(T * d, `${pre} attention out`);
    const w = p.scratch(heads * T * T, `${pre} attention weights`);
    p.dispatch(
      { label: 'causalAttention', code: causalAttentionWgsl },
      [p.uniform(attention, 'attention params'), q, k, v, o, w],
      [Math.ceil(T / CAUSAL_ATTENTION_WORKGROUP_SIZE), heads],
    );
    traced.push({ buffer: w, floats: heads * T * T });
    return linear(mergeHeads(o, heads), d, d, `${pre}.mixer.W_o`, `${pre}.mixer.b_o`, `${pre} mixer out`);
  };
  /** Linear attention (recurrent kernel; elu+1, ReLU or identity feature maps). */
  const linearAttentionMixer = (x: GPUBuffer, pre: string, spec: MixerSpec) => {
    const heads = (spec.heads as number | undefined) ?? 1;
    const f = (spec.featureDim as number | undefined) ?? 16;
    const map = spec.featureMap as keyof typeof FEATURE_MAP_CODES;
    const q = splitHeads(linear(x, d, heads * f, `${pre}.mixer.W_q`, null, 'q'), heads * f, 0, heads, f);
    const k = splitHeads(linear(x, d, heads * f, `${pre}.mixer.W_k`, null, 'k'), heads * f, 0, heads, f);
    const v = splitHeads(linear(x, d, d, `${pre}.mixer.W_v`, null, 'v'), d, 0, heads, d / heads);
    const o = p.scratch(T * d, `${pre} linear attention out`);
    p.dispatch(
      { label: 'linearAttention', code: linearAttentionWgsl },
      [p.uniform(dims(T, f, d / heads, FEATURE_MAP_CODES[map]), 'linear attention dims'), q, k, v, o],
      [heads],
    );
    return linear(mergeHeads(o, heads), d, d, `${pre}.mixer.W_o`, null, `${pre} mixer out`);
  };
  const unary = (x: GPUBuffer, n: number, op: keyof typeof UNARY_OPS) => {
    const out = p.scratch(n, op);
    p.dispatch(
      { label: 'unary', code: unaryWgsl },
      [p.uniform(dims(n, UNARY_OPS[op]), `${op} dims`), x, out],
      [groups(n)],
    );
    return out;
  };
  const gelu = (x: GPUBuffer, n: number) => {
    const out = p.scratch(n, 'gelu');
    p.dispatch({ label: 'gelu', code: geluWgsl }, [p.uniform(dims(n), 'gelu dims'), x, out], [groups(n)]);
    return out;
  };
  const mul = (a: GPUBuffer, b: GPUBuffer, n: number) => {
    const out = p.scratch(n, 'product');
    p.dispatch({ label: 'mul', code: mulWgsl }, [p.uniform(dims(n), 'mul dims'), a, b, out], [groups(n)]);
    return out;
  };
  /** Griffin's recurrent block: W_o((RG-LRU(conv₄(W_x x))) ⊙ GeLU(W_y x)). */
  const rgLruMixer = (x: GPUBuffer, pre: string) => {
    const n = T * d;
    const yBranch = gelu(linear(x, d, d, `${pre}.mixer.W_y`, `${pre}.mixer.b_y`, 'y branch'), n);
    const xBranch = linear(x, d, d, `${pre}.mixer.W_x`, `${pre}.mixer.b_x`, 'x branch');
    const conv = p.scratch(n, 'conv');
    p.dispatch(
      { label: 'depthwiseConv', code: depthwiseConvWgsl },
      [
        p.uniform(dims(T, d, 4), 'conv dims'),
        xBranch,
        weight(`${pre}.mixer.conv_weight`),
        weight(`${pre}.mixer.conv_bias`),
        conv,
      ],
      [groups(n)],
    );
    const r = unary(linear(conv, d, d, `${pre}.mixer.W_a`, `${pre}.mixer.b_a`, 'r'), n, 'sigmoid');
    const i = unary(linear(conv, d, d, `${pre}.mixer.W_i`, `${pre}.mixer.b_i`, 'i'), n, 'sigmoid');
    const lambda = unary(weight(`${pre}.mixer.Lambda`), d, 'softplus');
    const h = p.scratch(n, 'rglru h');
    const a = p.scratch(n, 'rglru a');
    p.dispatch(
      { label: 'rgLru', code: rgLruWgsl },
      [p.uniform(dims(T, d), 'rglru dims'), conv, r, i, lambda, h, a],
      [groups(d)],
    );
    return linear(mul(h, yBranch, n), d, d, `${pre}.mixer.W_o`, `${pre}.mixer.b_o`, `${pre} mixer out`);
  };
  /** Columns [offset, offset + w) of x [T, stride] as a contiguous [T, w] buffer. */
  const columns = (x: GPUBuffer, stride: number, offset: number, w: number) =>
    splitHeads(x, stride, offset, 1, w);
  /** Mamba (S6): in-projection, conv₄ + SiLU, Δ/B/C projections, selective scan, SiLU(z) gate, out-projection. */
  const mambaMixer = (x: GPUBuffer, pre: string, spec: MixerSpec) => {
    const N = (spec.dState as number | undefined) ?? 16;
    const di = 2 * d;
    const R = Math.ceil(d / 16);
    const xz = linear(x, d, 2 * di, `${pre}.mixer.W_in`, null, 'xz');
    const conv = p.scratch(T * di, 'conv');
    p.dispatch(
      { label: 'depthwiseConv', code: depthwiseConvWgsl },
      [
        p.uniform(dims(T, di, 4), 'conv dims'),
        columns(xz, 2 * di, 0, di),
        weight(`${pre}.mixer.conv_weight`),
        weight(`${pre}.mixer.conv_bias`),
        conv,
      ],
      [groups(T * di)],
    );
    const u = unary(conv, T * di, 'silu');
    const dbc = linear(u, di, R + 2 * N, `${pre}.mixer.W_x`, null, 'dbc');
    const delta = unary(
      linear(columns(dbc, R + 2 * N, 0, R), R, di, `${pre}.mixer.W_dt`, `${pre}.mixer.b_dt`, 'delta'),
      T * di,
      'softplus',
    );
    const A = unary(weight(`${pre}.mixer.A_log`), di * N, 'negExp');
    const y = p.scratch(T * di, 'scan');
    p.dispatch(
      { label: 'selectiveScan', code: selectiveScanWgsl },
      [
        p.uniform(dims(T, di, N), 'scan dims'),
        u,
        delta,
        A,
        columns(dbc, R + 2 * N, R, N),
        columns(dbc, R + 2 * N, R + N, N),
        weight(`${pre}.mixer.D`),
        y,
      ],
      [Math.ceil(di / SELECTIVE_SCAN_WORKGROUP)],
    );
    const gate = unary(columns(xz, 2 * di, di, di), T * di, 'silu');
    return linear(mul(y, gate, T * di), di, d, `${pre}.mixer.W_out`, null, `${pre} mixer out`);
  };
  /** GELU MLP, W_out·GELU(W_in·x + b_in) + b_out, or SwiGLU, W_out·(h₁ ⊙ SiLU(h₂)) + b_out with [h₁ | h₂] = W_in·x + b_in. */
  const mlp = (x: GPUBuffer, pre: string, kind: 'mlp' | 'glu') => {
    const e = (config.mlpExpansion ?? 4) * d;
    const width = kind === 'glu' ? 2 * e : e;
    const hidden = linear(x, d, width, `${pre}.mlp.W_in`, `${pre}.mlp.b_in`, `${pre} mlp hidden`);
    const act =
      kind === 'glu'
        ? mul(columns(hidden, 2 * e, 0, e), unary(columns(hidden, 2 * e, e, e), T * e, 'silu'), T * e)
        : gelu(hidden, T * e);
    return linear(act, e, d, `${pre}.mlp.W_out`, `${pre}.mlp.b_out`, `${pre} mlp out`);
  };

  config.layers.forEach((layer, i) => {
    const pre = `layers.${i}`;
    const x = layerNorm(r, `${pre}.norm1`);
    const kind = layer.mixer.kind;
    const y =
      kind === 'linearAttention'
        ? linearAttentionMixer(x, pre, layer.mixer)
        : kind === 'rglru'
          ? rgLruMixer(x, pre)
          : kind === 'mamba'
            ? mambaMixer(x, pre, layer.mixer)
            : attentionMixer(x, pre, layer.mixer);
    r = add(r, y, `${pre} residual`);
    if (layer.mlp === 'mlp' || layer.mlp === 'glu')
      r = add(r, mlp(layerNorm(r, `${pre}.norm2`), pre, layer.mlp), `${pre} mlp residual`);
    else if (config.zoologyResidualQuirk) r = add(r, layerNorm(r, `${pre}.norm2`), `${pre} quirk`);
  });
  const h = layerNorm(r, 'norm_f');
  const logits = p.scratch(T * V, 'logits');
  p.dispatch(
    { label: 'tiedHead', code: tiedHeadWgsl },
    [p.uniform(dims(T, d, V), 'head dims'), h, E, logits],
    [groups(T * V)],
  );
  const [out, ...attention] = await p.run([{ buffer: logits, floats: T * V }, ...traced]);
  return { logits: out, attention };
}
