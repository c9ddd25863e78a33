import { useAppStore } from '../state/useAppStore';

/**
 * Where the playground's models run and how long the forwards took: WebGPU (the inference worker's adapter)
 * or the CPU (WebAssembly SIMD kernels, or the TypeScript reference without them), with a visible notice saying why when WebGPU is not used or a model fell back.
 */
export function PlaygroundBackendBadge() {
  const runs = useAppStore((s) => s.runs);
  const status = useAppStore((s) => s.inferenceBackend);
  const done = Object.values(runs).flatMap((r) => (r.status === 'ok' ? [r.run] : []));
  const total = done.reduce((a, r) => a + r.milliseconds, 0);
  const onGpu = done.filter((r) => r.backend === 'webgpu').length;
  const cpuKernels = done.find((r) => r.backend === 'cpu')?.cpuKernels;
  const fallbacks = [...new Set(done.flatMap((r) => (r.fallbackReason ? [r.fallbackReason] : [])))];
  const timing =
    done.length > 0
      ? ` · ${total.toFixed(1)} ms for ${done.length} model${done.length === 1 ? '' : 's'}`
      : '';
  return (
    <div className="backend" data-testid="playground-backend" data-backend={status.backend}>
      {status.backend === 'starting' && <span className="badge">Starting…</span>}
      {status.backend === 'webgpu' && (
        <span className="badge badge-gpu">
          WebGPU · {status.adapter}
          {timing}
          {onGpu < done.length && ` (${onGpu} of ${done.length} on the GPU)`}
        </span>
      )}
      {status.backend === 'cpu' && (
        <>
          <span className="badge badge-cpu" data-cpu-kernels={cpuKernels}>
            CPU · {cpuKernels === 'wasm-simd' ? 'WebAssembly SIMD' : 'TypeScript reference'} · Web Worker
            {timing}
          </span>
          <p className="notice" role="status">
            Running on the CPU: {status.reason}
          </p>
        </>
      )}
      {fallbacks.map((f) => (
        <p key={f} className="notice" role="status">
          {f}
        </p>
      ))}
      <p className="hint">
        Inspector matrices and stress sweeps use the CPU reference’s traces; both backends are tested equal.
      </p>
    </div>
  );
}
