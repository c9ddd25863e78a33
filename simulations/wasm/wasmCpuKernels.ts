/**
 * The WebAssembly SIMD float32 kernels behind the same signatures as their plain-TypeScript references
 * (which accumulate in float64 and stay the ground truth): each function copies its operands into the module's
 * memory, runs the kernel and copies the results out. Tested all-close against the references in
 * cpuKernels.suite.ts (Node and Chromium).
 */
import type { AttentionInputs, AttentionResult } from '../attention/causalSoftmaxAttention';
import { validateAttentionInputs } from '../attention/causalSoftmaxAttention';
import { featureRows, featureSize } from '../linearAttention/featureMaps';
import {
  LINEAR_ATTENTION_EPS,
  type LinearAttentionInputs,
  type LinearAttentionResult,
} from '../linearAttention/linearAttention';
import type { RgLruInputs } from '../recurrent/rgLru';
import type { SelectiveScanInputs } from '../ssm/selectiveScan';
import { WasmArena, type WasmKernels } from './wasmModule';

/**
 * Validates a product y = x·W + b and stages it in linear memory: x, W and b copied in, W packed into panels.
 * Returns the arena and the offsets `matmulPacked` takes (shared with kernelPool's threaded version).
 */
export function stageLinear(
  kernels: WasmKernels,
  x: Float32Array,
  T: number,
  dIn: number,
  W: Float32Array,
  dOut: number,
  b?: Float32Array,
): { arena: WasmArena; ox: number; opacked: number; ob: number; oy: number } {
  if (x.length !== T * dIn) throw new RangeError(`linear: x has ${x.length} values, expected ${T}×${dIn}`);
  if (W.length !== dIn * dOut)
    throw new RangeError(`linear: W has ${W.length} values, expected ${dIn}×${dOut}`);
  if (b && b.length !== dOut) throw new RangeError(`linear: b has ${b.length} values, expected ${dOut}`);
  const arena = new WasmArena(kernels);
  const packedFloats = Math.ceil(dOut / 8) * 8 * dIn;
  const [ox, ow, opacked, ob, oy] = arena.layout([T * dIn, dIn * dOut, packedFloats, dOut, T * dOut]);
  arena.write(ox, x);
  arena.write(ow, W);
  if (b) arena.write(ob, b);
  kernels.exports.packPanels(ow, opacked, dIn, dOut);
  return { arena, ox, opacked, ob, oy };
}

/** y = x·W + b, x [T, dIn], W [dIn, dOut] (simulations/ops/linear.ts). */
export function wasmLinear(
  kernels: WasmKernels,
  x: Float32Array,
  T: number,
  dIn: number,
  W: Float32Array,
  dOut: number,
  b?: Float32Array,
): Float32Array {
  const { arena, ox, opacked, ob, oy } = stageLinear(kernels, x, T, dIn, W, dOut, b);
  kernels.exports.matmulPacked(ox, opacked, ob, oy, dIn, dOut, b ? 1 : 0, 0, T);
  return arena.read(oy, T * dOut);
}

/** Causal softmax attention, optionally banded to the last `window` keys (window ≤ 0: full). */
export function wasmCausalAttention(
  kernels: WasmKernels,
  inputs: AttentionInputs,
  window = 0,
): AttentionResult {
  validateAttentionInputs(inputs);
  const { q, k, v, heads: H, seqLen: T, headDim: dh } = inputs;
  const n = H * T * dh;
  const arena = new WasmArena(kernels);
  const [oq, ok, ov, oout, ow] = arena.layout([n, n, n, n, H * T * T]);
  arena.write(oq, q);
  arena.write(ok, k);
  arena.write(ov, v);
  kernels.exports.causalAttention(oq, ok, ov, oout, ow, H, T, dh, window, 0, T);
  return { output: arena.read(oout, n), weights: arena.read(ow, H * T * T) };
}

/** Mamba's selective scan (simulations/ssm/selectiveScan.ts); with `trace`, every state h_t [T, D, N]. */
export function wasmSelectiveScan(
  kernels: WasmKernels,
  inputs: SelectiveScanInputs,
  { trace = false } = {},
): { y: Float32Array; states?: Float32Array } {
  const { x, delta, A, B, C, Dskip, seqLen: T, channels: D, stateSize: N } = inputs;
  const arena = new WasmArena(kernels);
  const sizes = [T * D, T * D, D * N, T * N, T * N, D, T * D, trace ? T * D * N : 0, N];
  const [ox, odelta, oA, oB, oC, oD, oy, ostates, oh] = arena.layout(sizes);
  [x, delta, A, B, C, Dskip].forEach((array, j) => {
    arena.write([ox, odelta, oA, oB, oC, oD][j], array);
  });
  kernels.exports.selectiveScan(ox, odelta, oA, oB, oC, oD, oy, trace ? ostates : 0, oh, T, D, N, 0, D);
  return { y: arena.read(oy, T * D), states: trace ? arena.read(ostates, T * D * N) : undefined };
}

/** The RG-LRU recurrence (simulations/recurrent/rgLru.ts): h [T, D] and the decays a [T, D]. */
export function wasmRgLru(kernels: WasmKernels, inputs: RgLruInputs): { h: Float32Array; a: Float32Array } {
  const { x, r, i, softplusLambda, seqLen: T, channels: D } = inputs;
  const arena = new WasmArena(kernels);
  const [ox, or, oi, ol, oh, oa] = arena.layout([T * D, T * D, T * D, D, T * D, T * D]);
  arena.write(ox, x);
  arena.write(or, r);
  arena.write(oi, i);
  arena.write(ol, softplusLambda);
  kernels.exports.rgLru(ox, or, oi, ol, oh, oa, T, D);
  return { h: arena.read(oh, T * D), a: arena.read(oa, T * D) };
}

/** Depthwise causal conv (simulations/ops/causalConv1d.ts). */
export function wasmCausalConv(
  kernels: WasmKernels,
  x: Float32Array,
  T: number,
  d: number,
  weight: Float32Array,
  kernelSize: number,
  bias?: Float32Array,
): Float32Array {
  if (weight.length !== d * kernelSize)
    throw new RangeError(`conv weight has ${weight.length} values, expected ${d}×${kernelSize}`);
  const arena = new WasmArena(kernels);
  const [ox, ow, ob, oy] = arena.layout([T * d, d * kernelSize, d, T * d]);
  arena.write(ox, x);
  arena.write(ow, weight);
  if (bias) arena.write(ob, bias);
  kernels.exports.causalConv(ox, ow, ob, oy, T, d, kernelSize, bias ? 1 : 0);
  return arena.read(oy, T * d);
}

/** Linear attention in its recurrent form, head by head; φ applied here, the state updates in Wasm. */
export function wasmLinearAttentionRecurrent(
  kernels: WasmKernels,
  inputs: LinearAttentionInputs,
  { trace = false } = {},
): LinearAttentionResult & {
  trace?: { states: Float32Array; normalisers: Float32Array; featureDim: number };
} {
  const { q, k, v, heads: H, seqLen: T, keyDim: f, valueDim: dv, featureMap } = inputs;
  const F = featureSize(featureMap, f);
  const output = new Float32Array(H * T * dv);
  const states = trace ? new Float32Array(H * T * F * dv) : undefined;
  const normalisers = trace ? new Float32Array(H * T * F) : undefined;
  const arena = new WasmArena(kernels);
  const [oq, ok, ov, oout, oS, oz, ostates, onorm] = arena.layout([
    T * F,
    T * F,
    T * dv,
    T * dv,
    F * dv,
    F,
    trace ? T * F * dv : 0,
    trace ? T * F : 0,
  ]);
  for (let h = 0; h < H; h++) {
    const rows = (x: Float32Array, width: number) => x.subarray(h * T * width, (h + 1) * T * width);
    arena.write(oq, Float32Array.from(featureRows(featureMap, rows(q, f), T, f)));
    arena.write(ok, Float32Array.from(featureRows(featureMap, rows(k, f), T, f)));
    arena.write(ov, rows(v, dv));
    kernels.exports.linearAttentionHead(
      oq,
      ok,
      ov,
      oout,
      oS,
      oz,
      trace ? ostates : 0,
      trace ? onorm : 0,
      T,
      F,
      dv,
      LINEAR_ATTENTION_EPS,
    );
    output.set(arena.f32(oout, T * dv), h * T * dv);
    states?.set(arena.f32(ostates, T * F * dv), h * T * F * dv);
    normalisers?.set(arena.f32(onorm, T * F), h * T * F);
  }
  return states && normalisers ? { output, trace: { states, normalisers, featureDim: F } } : { output };
}
