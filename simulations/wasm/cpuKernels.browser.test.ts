/** The Wasm CPU kernels against the TypeScript references, in Chromium (the same suite runs in Node). */
import { wasmKernelSuite } from './cpuKernels.suite';
import { loadWasmKernels } from './wasmModule';

wasmKernelSuite(loadWasmKernels);
