/**
 * Loading the float32 TRAINING kernels (assembly/trainKernels.ts, inlined as base64 by scripts/build-wasm.mjs):
 * a private-memory build for one thread and a shared-memory build for a team of threads (trainTeam.ts).
 */
import { trainKernelsWasmBase64 } from './trainKernels.generated';
import { trainKernelsSharedWasmBase64 } from './trainKernelsShared.generated';
import type { KernelExports } from './trainTeam';
import { decodeBase64, SHARED_MAX_PAGES } from './wasmModule';

export interface TrainModule {
  memory: WebAssembly.Memory;
  exports: KernelExports & { heapBase(): number };
  /** The compiled module (workers instantiate it again over the same shared memory). */
  module: WebAssembly.Module;
}

const compiled: { private?: WebAssembly.Module; shared?: WebAssembly.Module } = {};

function compile(shared: boolean): WebAssembly.Module {
  const key = shared ? 'shared' : 'private';
  compiled[key] ??= new WebAssembly.Module(
    decodeBase64(shared ? trainKernelsSharedWasmBase64 : trainKernelsWasmBase64),
  );
  return compiled[key];
}

/** Compiles ahead of time (a browser's main thread must compile modules over 4 KB asynchronously). */
export async function compileTrainKernels(shared: boolean): Promise<void> {
  const key = shared ? 'shared' : 'private';
  compiled[key] ??= await WebAssembly.compile(
    decodeBase64(shared ? trainKernelsSharedWasmBase64 : trainKernelsWasmBase64),
  );
}

export function instantiateTrainKernels(module: WebAssembly.Module, memory: WebAssembly.Memory): TrainModule {
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  return { memory, module, exports: instance.exports as TrainModule['exports'] };
}

/** A fresh instance with its own memory: private (one thread) or shared (a team of threads). */
export function loadTrainKernels(shared: boolean): TrainModule {
  const memory = shared
    ? new WebAssembly.Memory({ initial: 256, maximum: SHARED_MAX_PAGES, shared: true })
    : new WebAssembly.Memory({ initial: 256 });
  return instantiateTrainKernels(compile(shared), memory);
}

/** The names of the module's functions, in a fixed order (the team's kernel ids). */
export const kernelNames = (exports: KernelExports): string[] =>
  Object.keys(exports)
    .filter((name) => typeof exports[name] === 'function')
    .sort();
