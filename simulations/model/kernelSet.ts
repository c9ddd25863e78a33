/**
 * The hot loops of a forward pass behind one interface, so the same model code runs on the plain-TypeScript
 * reference (float64 accumulation; the ground truth every other backend is tested against) or on the
 * WebAssembly SIMD kernels (simulations/wasm/wasmKernelSet.ts). `forward(model, tokens, { kernels })` picks one;
 * everything else (norms, activations, gathers, data-dependent masks, traces) stays in TypeScript.
 */
import {
  type AttentionInputs,
  type AttentionResult,
  causalSoftmaxAttention,
} from '../attention/causalSoftmaxAttention';
import { maskedSoftmaxAttention } from '../attention/maskedSoftmaxAttention';
import { buildMask } from '../attention/masks/buildMask';
import {
  type LinearAttentionInputs,
  type LinearAttentionResult,
  linearAttentionRecurrent,
} from '../linearAttention/linearAttention';
import { causalDepthwiseConv1d } from '../ops/causalConv1d';
import { linear } from '../ops/linear';
import { rgLru } from '../recurrent/rgLru';
import { selectiveScan } from '../ssm/selectiveScan';

export interface KernelSet {
  /** 'reference' or 'wasm-simd'; shown by the app's backend badge. */
  name: string;
  linear: typeof linear;
  causalConv: typeof causalDepthwiseConv1d;
  /** Causal softmax attention over the last `keys` keys (incl. the current token); keys ≤ 0: all of them. */
  causalAttention(inputs: AttentionInputs, keys: number): AttentionResult;
  selectiveScan: typeof selectiveScan;
  rgLru: typeof rgLru;
  /** Linear attention's output (the recurrent form; no implicit matrix). */
  linearAttention(inputs: LinearAttentionInputs): LinearAttentionResult;
}

export const REFERENCE_KERNELS: KernelSet = {
  name: 'reference',
  linear,
  causalConv: causalDepthwiseConv1d,
  causalAttention: (inputs, keys) =>
    keys > 0
      ? maskedSoftmaxAttention(inputs, buildMask({ kind: 'slidingWindow', window: keys - 1 }, inputs.seqLen))
      : causalSoftmaxAttention(inputs),
  selectiveScan,
  rgLru,
  linearAttention: (inputs) => linearAttentionRecurrent(inputs),
};
