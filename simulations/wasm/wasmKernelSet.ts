/** The forward pass's hot loops on the WebAssembly SIMD kernels (float32), as a KernelSet for `forward`. */
import type { KernelSet } from '../model/kernelSet';
import {
  wasmCausalAttention,
  wasmCausalConv,
  wasmLinear,
  wasmLinearAttentionRecurrent,
  wasmRgLru,
  wasmSelectiveScan,
} from './wasmCpuKernels';
import type { WasmKernels } from './wasmModule';

export function wasmKernelSet(kernels: WasmKernels): KernelSet {
  return {
    name: 'wasm-simd',
    linear: (x, T, dIn, W, dOut, b) => wasmLinear(kernels, x, T, dIn, W, dOut, b),
    causalConv: (x, T, d, w, K, b) => wasmCausalConv(kernels, x, T, d, w, K, b),
    causalAttention: (inputs, keys) => wasmCausalAttention(kernels, inputs, keys),
    selectiveScan: (inputs, options) => wasmSelectiveScan(kernels, inputs, options),
    rgLru: (inputs) => wasmRgLru(kernels, inputs),
    linearAttention: (inputs) => wasmLinearAttentionRecurrent(kernels, inputs),
  };
}
