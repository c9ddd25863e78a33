/**
 * The building blocks of a GPU forward pass, recorded into one `GpuProgram` (one command buffer, one readback):
 * weights uploaded once per run, and a method per shell kernel (linear, norms, elementwise, head split/merge,
 * short and long convolutions). Mixers (./mixers) compose these; every method returns the output buffer.
 */
import type { ModelConfig } from '../../simulations/model/config';
import type { Model } from '../../simulations/model/forward';
import { LONG_CONV_WORKGROUP, longConvWgsl } from '../longConv/longConv.wgsl';
import { BLOCKED_MATMUL_TILE, blockedMatmulWgsl } from '../matmul/blockedMatmul.wgsl';
import type { GpuProgram } from '../runtime/gpuProgram';
import type { ComputeShaderSpec } from '../runtime/pipelineCache';
import {
  addWgsl,
  depthwiseConvWgsl,
  fromHeadsWgsl,
  geluWgsl,
  l2NormalizeWgsl,
  layerNormWgsl,
  mulWgsl,
  rmsNormWgsl,
  splitHeadsWgsl,
  UNARY_OPS,
  unaryWgsl,
} from './shellKernels.wgsl';
import { TOEPLITZ_REVERSED, toeplitzRetentionWgsl } from './traceKernels.wgsl';

/** A trace field's metadata value: sizes, names, shapes, or a configuration object (an attention layer's mask spec). */
export type TraceInfoValue = number | string | number[] | Readonly<Record<string, unknown>>;

/** A 16-byte (or larger) uniform block of u32 words; floats go through `f32Bits`. */
export const words = (...values: number[]) =>
  new Uint32Array([...values, 0, 0, 0, 0].slice(0, Math.max(4, Math.ceil(values.length / 4) * 4))).buffer;
/** The bit pattern of an f32, to pass a float in a u32 uniform word (bitcast<f32> in WGSL). */
export const f32Bits = (value: number) => new Uint32Array(Float32Array.of(value).buffer)[0];

export interface LayerTraceField {
  layer: number;
  name: string;
  buffer: GPUBuffer;
  floats: number;
  post?: (x: Float32Array) => Float32Array;
}

export class GpuOps {
  readonly config: ModelConfig;
  readonly d: number;
  /** Buffers read back at the end besides the logits (attention weights for the matrix view). */
  readonly traced: { buffer: GPUBuffer; floats: number }[] = [];
  readonly chunked: boolean;
  readonly tracing: boolean;
  /** The layer being recorded (set by the forward), for `trace`. */
  layer = 0;
  /** Per-layer trace fields read back at the end when `tracing` (gpuTraces.ts assembles them). */
  readonly layerTraces: LayerTraceField[] = [];
  /** Per-layer trace metadata (sizes, shapes), when tracing. */
  readonly layerMeta = new Map<number, Record<string, TraceInfoValue>>();
  private readonly weights = new Map<string, GPUBuffer>();

  constructor(
    readonly p: GpuProgram,
    readonly model: Model,
    /** Sequence length of this run. */
    readonly T: number,
    {
      chunked = false,
      trace = false,
    }: {
      /** Run the scan-like mixers in chunkwise form (mixers/chunking.ts). */
      chunked?: boolean;
      /** Read back the mixers' traces (gates, steps, states) with the logits. */
      trace?: boolean;
    } = {},
  ) {
    this.chunked = chunked;
    this.tracing = trace;
    this.config = model.config;
    this.d = model.config.dModel;
  }

  /** A parameter by full name, uploaded at most once per run. */
  weight(name: string): GPUBuffer {
    let buffer = this.weights.get(name);
    if (!buffer) {
      const value = this.model.params.get(name);
      if (!value) throw new Error(`Parameter ${name} is missing`);
      buffer = this.p.input(value, name);
      this.weights.set(name, buffer);
    }
    return buffer;
  }

  /** A small host-computed constant (a table of the config, never of the data). */
  constant(data: Float32Array, label: string): GPUBuffer {
    return this.p.input(data, label);
  }

  /** Records `code` over `threads` invocations in x (workgroups of 64) and `y` in y. */
  run(label: string, code: string, buffers: GPUBuffer[], threads: number, y = 1, workgroup = 64): void {
    const spec: ComputeShaderSpec = { label, code };
    this.p.dispatch(spec, buffers, [Math.max(1, Math.ceil(threads / workgroup)), y]);
  }

  /** Reads `buffer` back as the current layer's trace field `name` (host `post` applied), when tracing. */
  trace(name: string, buffer: GPUBuffer, floats: number, post?: (x: Float32Array) => Float32Array): void {
    if (this.tracing) this.layerTraces.push({ layer: this.layer, name, buffer, floats, post });
  }

  /** Adds metadata (heads, sizes, shapes) to the current layer's trace, when tracing. */
  traceInfo(fields: Record<string, TraceInfoValue>): void {
    if (this.tracing) this.layerMeta.set(this.layer, { ...this.layerMeta.get(this.layer), ...fields });
  }

  /**
   * When tracing, the current layer's `retention` [T, T] of a time-invariant filter bank h [channels, stride]
   * (taps lags, PyTorch tap order when `reversed`): R[i, j] = mean_c |h_c(i − j)|, the CPU's
   * `toeplitzRetention(meanAbsKernelByLag(…))` (traceKernels.wgsl.ts).
   */
  traceToeplitzRetention(
    h: GPUBuffer,
    channels: number,
    stride: number,
    taps: number,
    reversed = false,
  ): void {
    if (!this.tracing) return;
    const T = this.T;
    const R = this.out(T * T, 'retention');
    this.run(
      'toeplitzRetention',
      toeplitzRetentionWgsl,
      [
        this.uniform(words(T, channels, stride, taps + (reversed ? TOEPLITZ_REVERSED : 0)), 'retention dims'),
        h,
        R,
      ],
      T * T,
    );
    this.trace('retention', R, T * T);
  }

  /** A fresh output of n floats. */
  out(n: number, label: string): GPUBuffer {
    return this.p.scratch(n, label);
  }

  uniform(bytes: ArrayBuffer, label: string): GPUBuffer {
    return this.p.uniform(bytes, label);
  }

  /** y [rows, m] = x [rows, n]·W + b (b optional), by the register-blocked matmul (4 × 4 outputs per thread). */
  linear(x: GPUBuffer, n: number, m: number, W: string, b: string | null, label: string, rows = this.T) {
    const out = this.out(rows * m, label);
    const bias = b ? this.weight(b) : this.p.input(new Float32Array(m), 'zero bias');
    this.run(
      'blockedMatmul',
      blockedMatmulWgsl,
      [this.uniform(words(rows, n, m), 'matmul dims'), x, this.weight(W), bias, out],
      m,
      Math.ceil(rows / BLOCKED_MATMUL_TILE),
      BLOCKED_MATMUL_TILE,
    );
    return out;
  }

  /** a + b over n values; b repeats with period `period` (a per-column bias when period = width). */
  add(a: GPUBuffer, b: GPUBuffer, n: number, label = 'sum', period = n) {
    const out = this.out(n, label);
    this.run('add', addWgsl, [this.uniform(words(n, period), 'add dims'), a, b, out], n);
    return out;
  }

  mul(a: GPUBuffer, b: GPUBuffer, n: number, label = 'product') {
    const out = this.out(n, label);
    this.run('mul', mulWgsl, [this.uniform(words(n), 'mul dims'), a, b, out], n);
    return out;
  }

  unary(x: GPUBuffer, n: number, op: keyof typeof UNARY_OPS, scale = 1) {
    const out = this.out(n, op);
    this.run(
      'unary',
      unaryWgsl,
      [this.uniform(words(n, UNARY_OPS[op], f32Bits(scale)), `${op} dims`), x, out],
      n,
    );
    return out;
  }

  gelu(x: GPUBuffer, n: number) {
    const out = this.out(n, 'gelu');
    this.run('gelu', geluWgsl, [this.uniform(words(n), 'gelu dims'), x, out], n);
    return out;
  }

  layerNorm(x: GPUBuffer, prefix: string) {
    const out = this.out(this.T * this.d, `${prefix} out`);
    this.run(
      'layerNorm',
      layerNormWgsl,
      [
        this.uniform(words(this.T, this.d), 'row dims'),
        x,
        this.weight(`${prefix}.weight`),
        this.weight(`${prefix}.bias`),
        out,
      ],
      this.T,
    );
    return out;
  }

  /** RMSNorm over groups of w values (γ from `weightName`, or none). */
  rmsNorm(x: GPUBuffer, rows: number, w: number, weightName: string | null, eps: number) {
    const out = this.out(rows * w, 'rmsNorm');
    const gamma = weightName ? this.weight(weightName) : this.p.input(new Float32Array(1), 'no weight');
    this.run(
      'rmsNorm',
      rmsNormWgsl,
      [this.uniform(words(rows, w, weightName ? 1 : 0, f32Bits(eps)), 'rmsNorm dims'), x, gamma, out],
      rows,
    );
    return out;
  }

  /** The shell's norm (`config.norm`) over rows of width d. */
  norm(x: GPUBuffer, prefix: string) {
    return this.config.norm === 'layernorm'
      ? this.layerNorm(x, prefix)
      : this.rmsNorm(x, this.T, this.d, `${prefix}.weight`, 1e-6);
  }

  /** Rows of width w scaled to unit length (zero rows unchanged). */
  l2Normalize(x: GPUBuffer, rows: number, w: number) {
    const out = this.out(rows * w, 'unit rows');
    this.run('l2Normalize', l2NormalizeWgsl, [this.uniform(words(rows, w), 'l2 dims'), x, out], rows);
    return out;
  }

  /** Columns [offset, offset + H·w) of x [T, stride] → head-major [H, T, w]. */
  splitHeads(x: GPUBuffer, stride: number, offset: number, heads: number, w: number) {
    const out = this.out(heads * this.T * w, 'heads');
    this.run(
      'splitHeads',
      splitHeadsWgsl,
      [
        this.uniform(words(this.T, stride, heads, w), 'split dims'),
        this.uniform(words(offset), 'split offset'),
        x,
        out,
      ],
      heads * this.T * w,
    );
    return out;
  }

  /** Head-major [H, T, width/H] → token-major [T, width]. */
  mergeHeads(x: GPUBuffer, heads: number, width = this.d) {
    const out = this.out(this.T * width, 'merged');
    this.run(
      'fromHeads',
      fromHeadsWgsl,
      [this.uniform(words(this.T, width, heads), 'merge dims'), x, out],
      this.T * width,
    );
    return out;
  }

  /** Columns [offset, offset + w) of x [T, stride] as a contiguous [T, w] buffer. */
  columns(x: GPUBuffer, stride: number, offset: number, w: number) {
    return this.splitHeads(x, stride, offset, 1, w);
  }

  /** Depthwise causal conv with K taps (weights [channels, K], PyTorch order) and a bias. */
  shortConv(x: GPUBuffer, channels: number, K: number, weightName: string, biasName: string) {
    const out = this.out(this.T * channels, 'short conv');
    this.run(
      'depthwiseConv',
      depthwiseConvWgsl,
      [
        this.uniform(words(this.T, channels, K), 'conv dims'),
        x,
        this.weight(weightName),
        this.weight(biasName),
        out,
      ],
      this.T * channels,
    );
    return out;
  }

  /** y = h ∗ x + skip ⊙ x per channel, h [channels, stride] with `taps` lags used (longConv.wgsl.ts). */
  longConv(x: GPUBuffer, channels: number, h: GPUBuffer, taps: number, stride: number, skip: GPUBuffer) {
    const out = this.out(this.T * channels, 'long conv');
    this.run(
      'longConv',
      longConvWgsl,
      [this.uniform(words(this.T, channels, taps, stride), 'long conv dims'), x, h, skip, out],
      this.T * channels,
      1,
      LONG_CONV_WORKGROUP,
    );
    return out;
  }
}
