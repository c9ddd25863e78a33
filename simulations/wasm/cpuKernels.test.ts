/** The Wasm CPU kernels against the TypeScript references, in Node (the same suite runs in Chromium). */
import { wasmKernelSuite } from './cpuKernels.suite';
import { loadWasmKernels } from './wasmModule';

wasmKernelSuite(loadWasmKernels);
