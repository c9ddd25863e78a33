import { useAppStore } from '../state/useAppStore';

/**
 * Where the playground's models run and how long each forward took. Whole trained models run on the CPU
 * reference in a Web Worker; the WebGPU line reports what the browser offers (used by the attention demo).
 */
export function PlaygroundBackendBadge() {
  const runs = useAppStore((s) => s.runs);
  const status = useAppStore((s) => s.backendStatus);
  const times = Object.values(runs).flatMap((r) => (r.status === 'ok' ? [r.run.milliseconds] : []));
  const total = times.reduce((a, b) => a + b, 0);
  return (
    <div className="backend" data-testid="playground-backend" data-backend="cpu-worker">
      <span className="badge badge-cpu">
        CPU reference · Web Worker
        {times.length > 0 &&
          ` · ${total.toFixed(1)} ms for ${times.length} model${times.length === 1 ? '' : 's'}`}
      </span>{' '}
      <span className="hint">
        {status.kind === 'webgpu' &&
          `WebGPU available (${status.adapter}); trained models run on the CPU reference here.`}
        {status.kind === 'cpu' && `No WebGPU: ${status.reason}`}
        {status.kind === 'starting' && 'Checking for WebGPU…'}
      </span>
    </div>
  );
}
