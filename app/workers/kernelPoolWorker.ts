/** A Web Worker of the browser kernel pool: the shared-memory Wasm kernels, one task per message. */
import {
  type KernelTaskMessage,
  type KernelTaskReply,
  runKernelTask,
} from '../../simulations/wasm/kernelPool';
import { sharedWasmKernels, type WasmKernels } from '../../simulations/wasm/wasmModule';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<{ memory: WebAssembly.Memory } | KernelTaskMessage>) => void) | null;
  postMessage(message: KernelTaskReply | { ready: true }): void;
};

let kernels: WasmKernels | null = null;
scope.onmessage = ({ data }) => {
  if ('memory' in data) {
    // Workers may compile synchronously at any size.
    kernels = sharedWasmKernels(data.memory);
    scope.postMessage({ ready: true });
    return;
  }
  const { id, task } = data;
  try {
    if (!kernels) throw new Error('kernel worker used before it received its memory');
    runKernelTask(kernels, task);
    scope.postMessage({ id });
  } catch (error) {
    scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
