/**
 * One model API, two backends, and a runtime that never loses the user's work: the model forward on the
 * runner core of gpuRunner.ts (WebGPU when it works, the CPU otherwise; a model the GPU path cannot run
 * (UnsupportedOnGpuError) is answered by the CPU with the GPU staying on; a lost device is rebuilt once and the
 * forward repeated; when that fails the runner stays on the CPU and says why). Every `forward` returns the
 * logits (and the attention weights) from whichever backend answered and, with `{ trace: true }`, each layer's
 * mixer trace from the SAME forward — so a caller that needs logits and a trace pays for one forward.
 * The tokens are copied when `forward` is called, so nothing the caller holds is touched, and a forward in
 * flight when the device goes away still resolves with a result. Buffers come from a pool (bufferPool.ts):
 * one command buffer and one readback per forward, no growth in live buffers across thousands of forwards.
 */
import { forward as cpuForward, type Model } from '../../simulations/model/forward';
import { type KernelSet, REFERENCE_KERNELS } from '../../simulations/model/kernelSet';
import type { MixerTrace } from '../../simulations/model/mixerRegistry';
import { wasmKernelSet } from '../../simulations/wasm/wasmKernelSet';
import { loadWasmKernels } from '../../simulations/wasm/wasmModule';
import { forwardOnGpu, UnsupportedOnGpuError } from '../model/gpuForward';
import { createGpuRunner, type GpuRunner, type GpuRunnerOptions } from './gpuRunner';

export type { RunnerStatus } from './gpuRunner';

export interface RunnerResult {
  /** [T, vocabSize] */
  logits: Float32Array;
  /** Softmax-attention weights per attention layer ([heads, T, T]); the CPU path fills them from its trace. */
  attention: Float32Array[];
  backend: 'webgpu' | 'cpu';
  /** On the CPU: which kernels ran ('wasm-simd', or 'reference' where WebAssembly SIMD is missing). */
  cpuKernels?: string;
  /** Why the CPU answered this forward when the runner is on WebGPU (unsupported model, device lost, …). */
  fallbackReason?: string;
  /**
   * With `{ trace: true }`: each layer's mixer trace. On WebGPU every field of the CPU trace, same names and
   * layouts (gpuForward.ts `layers`: gates, steps, states, retention, kernels — computed on the GPU, configuration
   * filled in on the host); on the CPU the full CPU trace.
   */
  layers?: MixerTrace[];
  milliseconds: number;
}

export interface RunnerForwardOptions {
  /** Return each layer's mixer trace (`RunnerResult.layers`), read back with the logits. */
  trace?: boolean;
}

export interface ModelRunner extends GpuRunner {
  forward(model: Model, tokens: ArrayLike<number>, options?: RunnerForwardOptions): Promise<RunnerResult>;
}

export interface ModelRunnerOptions extends Omit<GpuRunnerOptions, 'before' | 'label'> {
  /** The CPU path's kernels (default: WebAssembly SIMD once loaded, else the TypeScript reference). */
  cpuKernels?: KernelSet;
}

/**
 * The CPU path's kernels: WebAssembly SIMD (simulations/wasm) once loaded, the TypeScript reference until then
 * or where WebAssembly SIMD is missing. Both give the same logits within float32 tolerance (tested).
 */
let cpuKernels: KernelSet = REFERENCE_KERNELS;
const cpuKernelsReady = loadWasmKernels().then((wasm) => {
  if (wasm) cpuKernels = wasmKernelSet(wasm);
  return cpuKernels;
});

/** The forward on the CPU, with the trace when asked (the attention weights always come from it). */
function cpuResult(
  model: Model,
  tokens: number[],
  kernels: KernelSet,
  wantTrace: boolean,
): Omit<RunnerResult, 'backend' | 'milliseconds' | 'fallbackReason'> {
  const { logits, trace } = cpuForward(model, tokens, { trace: true, kernels });
  const attention = (trace?.layers ?? [])
    .filter((l) => l.mixer.kind === 'attention')
    .map((l) => l.mixer.weights as Float32Array);
  return {
    logits,
    attention,
    cpuKernels: kernels.name,
    ...(wantTrace ? { layers: (trace?.layers ?? []).map((l) => l.mixer) } : {}),
  };
}

export function createModelRunner(gpu: GPU | undefined, options: ModelRunnerOptions = {}): ModelRunner {
  const runner = createGpuRunner(gpu, {
    ...options,
    label: 'beyond-attention model',
    before: cpuKernelsReady,
  });
  return {
    ...runner,
    async forward(model, input, { trace = false } = {}) {
      const tokens = Array.from(input);
      const { value, ...info } = await runner.run({
        gpu: async (device, pool) => {
          const r = await forwardOnGpu(device, model, tokens, { pool, trace });
          return { logits: r.logits, attention: r.attention, ...(r.layers ? { layers: r.layers } : {}) };
        },
        cpu: () => cpuResult(model, tokens, options.cpuKernels ?? cpuKernels, trace),
        unsupported: (e) => (e instanceof UnsupportedOnGpuError ? e.message : undefined),
      });
      return { ...value, ...info };
    },
  };
}
