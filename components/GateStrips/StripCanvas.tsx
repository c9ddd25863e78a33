import { type JSX, useLayoutEffect, useRef } from 'react';
import { stripColor } from './stripLayout';

export interface StripCanvasProps {
  /** Values [T, C], row-major (token-major, as the engine's traces). */
  values: ArrayLike<number>;
  /** Tokens T (columns). */
  tokens: number;
  /** Channels C (rows). */
  channels: number;
  /** Colour domain [lo, hi]. */
  domain: [number, number];
  /** CSS width in px. */
  width: number;
  /** CSS height of one channel row in px. */
  rowPx: number;
}

const NAN_FILL = '#d5d8de';
const NAN_STROKE = '#6b7280';

/** One gate as a channels × tokens heatmap on a canvas (fast at T = 1024); NaN/±∞ cells hatched grey. */
export function StripCanvas({
  values,
  tokens: T,
  channels: C,
  domain,
  width,
  rowPx,
}: StripCanvasProps): JSX.Element {
  const ref = useRef<HTMLCanvasElement>(null);
  const height = C * rowPx;
  useLayoutEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = Math.max(1, Math.min(2, globalThis.devicePixelRatio || 1));
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const cw = width / T;
    for (let t = 0; t < T; t++) {
      const x0 = Math.floor(t * cw);
      const x1 = Math.floor((t + 1) * cw);
      for (let c = 0; c < C; c++) {
        const v = values[t * C + c];
        const y0 = c * rowPx;
        if (Number.isFinite(v)) {
          ctx.fillStyle = stripColor(v, domain);
          ctx.fillRect(x0, y0, Math.max(1, x1 - x0), rowPx);
        } else {
          ctx.fillStyle = NAN_FILL;
          ctx.fillRect(x0, y0, Math.max(1, x1 - x0), rowPx);
          ctx.strokeStyle = NAN_STROKE;
          ctx.lineWidth = 1;
          ctx.beginPath();
          ctx.moveTo(x0, y0 + rowPx);
          ctx.lineTo(Math.max(x0 + 1, x1), y0);
          ctx.stroke();
        }
      }
    }
  }, [values, T, C, domain, width, height, rowPx]);
  return <canvas ref={ref} className="ba-gate-strips__canvas" style={{ width, height }} />;
}
