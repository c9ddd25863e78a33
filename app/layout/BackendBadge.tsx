import type { ReactNode } from 'react';
import type { RunInfo, RunnerStatus } from '../../kernels/runtime/gpuRunner';

const KERNELS: Record<string, string> = {
  'wasm-simd': 'WebAssembly SIMD',
  reference: 'TypeScript reference',
};

interface BackendBadgeProps {
  /** The runner's status (kernels/runtime/gpuRunner.ts): starting, WebGPU with its adapter, or the CPU and why. */
  status: RunnerStatus;
  /** The results on screen: where each ran, how long it took, and why it fell back. */
  runs: readonly (RunInfo & { cpuKernels?: string })[];
  testId: string;
  /** Where the runner lives, e.g. "Web Worker". */
  where?: string;
  /** One unit of work ("model"): the timing reads "12.3 ms for 3 models"; without it, just the time. */
  unit?: string;
  children?: ReactNode;
}

/**
 * Where the work ran and how long it took — WebGPU (the adapter) or the CPU (which kernels), with a visible
 * notice saying why when WebGPU is not used or a run fell back. One badge for every runner in the app.
 */
export function BackendBadge({ status, runs, testId, where, unit, children }: BackendBadgeProps) {
  const total = runs.reduce((a, r) => a + r.milliseconds, 0);
  const onGpu = runs.filter((r) => r.backend === 'webgpu').length;
  const cpuKernels = runs.find((r) => r.backend === 'cpu')?.cpuKernels;
  const fallbacks = [...new Set(runs.flatMap((r) => (r.fallbackReason ? [r.fallbackReason] : [])))];
  const timing =
    runs.length === 0
      ? ''
      : ` · ${total.toFixed(1)} ms${unit ? ` for ${runs.length} ${unit}${runs.length === 1 ? '' : 's'}` : ''}`;
  return (
    <div className="backend" data-testid={testId} data-backend={status.backend}>
      {status.backend === 'starting' && <span className="badge">Starting…</span>}
      {status.backend === 'webgpu' && (
        <span className="badge badge-gpu">
          WebGPU · {status.adapter}
          {timing}
          {onGpu < runs.length && ` (${onGpu} of ${runs.length} on the GPU)`}
        </span>
      )}
      {status.backend === 'cpu' && (
        <>
          <span className="badge badge-cpu" data-cpu-kernels={cpuKernels}>
            CPU{cpuKernels ? ` · ${KERNELS[cpuKernels] ?? cpuKernels}` : ''}
            {where ? ` · ${where}` : ''}
            {timing}
          </span>
          <p className="notice" role="status">
            Running on the CPU{cpuKernels === 'reference' ? ' reference' : ''}: {status.reason}
          </p>
        </>
      )}
      {fallbacks.map((f) => (
        <p key={f} className="notice" role="status">
          {f}
        </p>
      ))}
      {children}
    </div>
  );
}
