/** A Node worker thread of the kernel pool: the shared-memory Wasm kernels, one task per message. */
import { parentPort, workerData } from 'node:worker_threads';
import {
  type KernelTaskMessage,
  type KernelTaskReply,
  runKernelTask,
} from '../../simulations/wasm/kernelPool';
import { sharedWasmKernels } from '../../simulations/wasm/wasmModule';

const kernels = sharedWasmKernels(workerData.memory as WebAssembly.Memory);
parentPort?.on('message', ({ id, task }: KernelTaskMessage) => {
  let reply: KernelTaskReply = { id };
  try {
    runKernelTask(kernels, task);
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
