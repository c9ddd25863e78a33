import { useAppStore } from '../state/useAppStore';

/** Which backend computed the matrix, and how long it took; a visible notice when WebGPU is unavailable. */
export function BackendBadge() {
  const status = useAppStore((s) => s.backendStatus);
  const result = useAppStore((s) => s.result);
  const timing = result ? ` · ${result.milliseconds.toFixed(1)} ms` : '';
  return (
    <div className="backend" data-testid="backend-badge" data-backend={result?.backend ?? status.kind}>
      {status.kind === 'starting' && <span className="badge">Starting…</span>}
      {status.kind === 'webgpu' && (
        <span className="badge badge-gpu">
          WebGPU · {status.adapter}
          {result?.backend === 'webgpu' ? timing : ''}
        </span>
      )}
      {status.kind === 'cpu' && (
        <>
          <span className="badge badge-cpu">CPU{result?.backend === 'cpu' ? timing : ''}</span>
          <p className="notice" role="status">
            Running on the CPU reference: {status.reason}
          </p>
        </>
      )}
      {result?.fallbackReason && (
        <p className="notice" role="status">
          {result.fallbackReason}
        </p>
      )}
    </div>
  );
}
