import { type CSSProperties, useEffect, useRef } from 'react';
import { LOG_FLOOR, parseRgb, weightColorScale } from './colorScale';

export interface AttentionMatrixCanvasProps {
  /** Weights [size × size], row-major. */
  weights: Float32Array | readonly number[];
  /** T: one canvas pixel per cell. */
  size: number;
  /** Paint the upper triangle as masked. */
  causal: boolean;
  /** Colour scale mode, as in AttentionMatrix. */
  mode: 'linear' | 'log';
  /** Placement and CSS size (the browser scales the T×T bitmap without smoothing). */
  style: CSSProperties;
}

const MASKED: [number, number, number] = [0xde, 0xe1, 0xe7];
const LUT_SIZE = 256;

/** Draws a large matrix as one T×T ImageData (one pixel per cell): fast enough for T = 1024 on every change. */
export function AttentionMatrixCanvas({ weights, size, causal, mode, style }: AttentionMatrixCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    // A colour lookup table keeps d3 out of the per-pixel loop.
    const color = weightColorScale(mode);
    const logMin = Math.log10(LOG_FLOOR);
    // Entry k covers weight k/255 (linear) or 10^(logMin·(1 − k/255)) (log).
    const lut = Array.from({ length: LUT_SIZE }, (_, k) => {
      const t = k / (LUT_SIZE - 1);
      return parseRgb(color(mode === 'log' ? 10 ** (logMin * (1 - t)) : t));
    });
    const index = (w: number) => {
      const t = mode === 'log' ? 1 - Math.log10(Math.max(w, LOG_FLOOR)) / logMin : w;
      return Math.min(LUT_SIZE - 1, Math.max(0, Math.round(t * (LUT_SIZE - 1))));
    };
    const image = context.createImageData(size, size);
    const px = image.data;
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        const w = weights[i * size + j];
        const rgb = causal && j > i ? MASKED : lut[index(w)];
        const o = (i * size + j) * 4;
        px[o] = rgb[0];
        px[o + 1] = rgb[1];
        px[o + 2] = rgb[2];
        px[o + 3] = 255;
      }
    }
    context.putImageData(image, 0, 0);
  }, [weights, size, causal, mode]);
  return (
    <canvas ref={ref} width={size} height={size} className="ba-attention-matrix__canvas" style={style} />
  );
}
