/**
 * The forward pass of the tiny-model shell (Zoology `model.py`, architectures.md §1.2):
 *   r₀ = E[tokens] (+ P[positions])
 *   per layer: r ← r + mixer(norm₁(r));  then r ← r + mlp(norm₂(r))  or, with no MLP and Zoology's quirk,
 *              r ← r + norm₂(r)
 *   logits = norm_f(r) · Eᵀ   (tied embeddings)
 * Dropout is omitted (inference). With `trace`, every layer's input, mixer output and mixer trace is returned.
 */
import { gelu, map, silu } from '../ops/activations';
import { add, embed } from '../ops/linear';
import { layerNorm, rmsNorm } from '../ops/norms';
import { MONARCH_MLP_BLOCKS, type ModelConfig } from './config';
import { type KernelSet, REFERENCE_KERNELS } from './kernelSet';
import { getMixer, type MixerTrace } from './mixerRegistry';
import type { Params } from './params';
import { parameterSpecs } from './params';
import { assertValidConfig } from './validateConfig';
import './builtinMixers';

export interface Model {
  config: ModelConfig;
  params: Params;
}

export interface LayerTrace {
  input: Float32Array;
  mixerOutput: Float32Array;
  mixer: MixerTrace;
  output: Float32Array;
}

export interface ForwardTrace {
  embeddings: Float32Array;
  layers: LayerTrace[];
  finalHidden: Float32Array;
}

export interface ForwardResult {
  /** [T, vocabSize] */
  logits: Float32Array;
  trace?: ForwardTrace;
}

/** Checks the config and that every parameter exists with the right size; returns the model. */
export function createModel(config: ModelConfig, params: Params): Model {
  assertValidConfig(config);
  for (const [name, { shape }] of parameterSpecs(config)) {
    const value = params.get(name);
    const n = shape.reduce((a, b) => a * b, 1);
    if (!value) throw new Error(`Parameter ${name} is missing`);
    if (value.length !== n)
      throw new Error(`Parameter ${name} has ${value.length} values; shape [${shape.join(', ')}] needs ${n}`);
  }
  return { config, params };
}

function norm(config: ModelConfig, params: Params, prefix: string, x: Float32Array, T: number): Float32Array {
  const d = config.dModel;
  const w = params.get(`${prefix}.weight`) as Float32Array;
  return config.norm === 'layernorm'
    ? layerNorm(x, T, d, w, params.get(`${prefix}.bias`) as Float32Array)
    : rmsNorm(x, T, d, w);
}

function mlp(
  config: ModelConfig,
  params: Params,
  prefix: string,
  kind: 'mlp' | 'glu' | 'monarch',
  x: Float32Array,
  T: number,
  kernels: KernelSet,
): Float32Array {
  const d = config.dModel;
  const e = (config.mlpExpansion ?? 4) * d;
  const get = (n: string) => params.get(`${prefix}.${n}`) as Float32Array;
  if (kind === 'monarch') return monarchMlp(x, T, d, e, get);
  const hidden = kernels.linear(x, T, d, get('W_in'), kind === 'glu' ? 2 * e : e, get('b_in'));
  let act: Float32Array;
  if (kind === 'mlp') act = map(hidden, gelu);
  else {
    // GLU with a SiLU gate (SwiGLU): first half gated by SiLU of the second half.
    act = new Float32Array(T * e);
    for (let t = 0; t < T; t++)
      for (let c = 0; c < e; c++) act[t * e + c] = hidden[t * 2 * e + c] * silu(hidden[t * 2 * e + e + c]);
  }
  return kernels.linear(act, T, e, get('W_out'), d, get('b_out'));
}

/**
 * M2's block-diagonal MLP: b blocks map d/b → e/b channels, GELU, the hidden [b × e/b] is transposed so each
 * output block sees every input block, then b blocks map e/b → d/b. Cost O(d·e/b) instead of O(d·e).
 */
function monarchMlp(
  x: Float32Array,
  T: number,
  d: number,
  e: number,
  get: (n: string) => Float32Array,
): Float32Array {
  const b = MONARCH_MLP_BLOCKS;
  const [di, ei] = [d / b, e / b];
  const W_in = get('W_in');
  const W_out = get('W_out');
  const b_in = get('b_in');
  const b_out = get('b_out');
  const y = new Float32Array(T * d);
  const hidden = new Float64Array(e);
  const mixed = new Float64Array(e);
  for (let t = 0; t < T; t++) {
    for (let g = 0; g < b; g++) {
      for (let o = 0; o < ei; o++) {
        let s = b_in[g * ei + o];
        for (let i = 0; i < di; i++) s += x[t * d + g * di + i] * W_in[(g * di + i) * ei + o];
        hidden[g * ei + o] = gelu(s);
      }
    }
    // Block transpose: view hidden as [b, e/b] → [e/b, b] flattened.
    for (let g = 0; g < b; g++) for (let o = 0; o < ei; o++) mixed[o * b + g] = hidden[g * ei + o];
    for (let g = 0; g < b; g++) {
      for (let o = 0; o < di; o++) {
        let s = b_out[g * di + o];
        for (let i = 0; i < ei; i++) s += mixed[g * ei + i] * W_out[(g * ei + i) * di + o];
        y[t * d + g * di + o] = s;
      }
    }
  }
  return y;
}

export function forward(
  model: Model,
  tokens: ArrayLike<number>,
  {
    trace = false,
    kernels = REFERENCE_KERNELS,
  }: {
    trace?: boolean;
    /** Where the hot loops run: the TypeScript reference (default) or e.g. the Wasm SIMD kernels. */
    kernels?: KernelSet;
  } = {},
): ForwardResult {
  const { config, params } = model;
  const T = tokens.length;
  const d = config.dModel;
  if (T < 1) throw new RangeError('forward needs at least one token');
  if (T > config.maxSeqLen)
    throw new RangeError(`Sequence of ${T} tokens exceeds the model's maxSeqLen ${config.maxSeqLen}`);
  const E = params.get('embed.weight') as Float32Array;
  let r = embed(tokens, E, config.vocabSize, d);
  if (config.positional === 'learned')
    r = add(r, (params.get('pos.weight') as Float32Array).subarray(0, T * d));
  const embeddings = r;
  const layers: LayerTrace[] = [];
  config.layers.forEach((layer, i) => {
    const p = `layers.${i}`;
    const input = r;
    const mixerParams: Record<string, Float32Array> = {};
    for (const [name, value] of params)
      if (name.startsWith(`${p}.mixer.`)) mixerParams[name.slice(p.length + 7)] = value;
    const { y, trace: mixerTrace } = getMixer(layer.mixer.kind).forward(
      mixerParams,
      norm(config, params, `${p}.norm1`, r, T),
      T,
      layer.mixer,
      config,
      { trace, kernels },
    );
    r = add(r, y);
    if (layer.mlp !== 'none')
      r = add(
        r,
        mlp(config, params, `${p}.mlp`, layer.mlp, norm(config, params, `${p}.norm2`, r, T), T, kernels),
      );
    else if (config.zoologyResidualQuirk) r = add(r, norm(config, params, `${p}.norm2`, r, T));
    if (trace) layers.push({ input, mixerOutput: y, mixer: mixerTrace, output: r });
  });
  const finalHidden = norm(config, params, 'norm_f', r, T);
  // Tied LM head: logits[t, v] = h_t · E_v, i.e. finalHidden · Eᵀ.
  const logits = kernels.linear(finalHidden, T, d, transpose(E, config.vocabSize, d), config.vocabSize);
  return trace ? { logits, trace: { embeddings, layers, finalHidden } } : { logits };
}

/** Aᵀ of a row-major [rows, cols] matrix. */
function transpose(A: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = A[r * cols + c];
  return out;
}

/** argmax over the vocabulary at each position. */
export function predictTokens(logits: Float32Array, vocabSize: number): Int32Array {
  const T = logits.length / vocabSize;
  return Int32Array.from({ length: T }, (_, t) => {
    let best = 0;
    for (let v = 1; v < vocabSize; v++)
      if (logits[t * vocabSize + v] > logits[t * vocabSize + best]) best = v;
    return best;
  });
}
