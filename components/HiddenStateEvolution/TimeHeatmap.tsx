import { type JSX, type PointerEvent, useEffect, useMemo, useRef } from 'react';
import { MASKED_FILL } from '../AttentionMatrix/colorScale';
import { NON_FINITE_COLOR } from '../shared/palette';
import { paletteAt, paletteLut } from '../shared/stateColor';

export interface TimeHeatmapProps {
  /** Steps along x (one bitmap column each). */
  steps: number;
  /** Rows along y (channels or probes). */
  rows: number;
  /** Palette position in [0, 1] of (step, row); NaN draws the non-finite grey, null the "nothing yet" fill. */
  positionAt: (step: number, row: number) => number | null;
  /** The palette, position → CSS colour. */
  palette?: (t: number) => string;
  /** CSS size of the plot. */
  width: number;
  height: number;
  /** The scrubbed step, outlined. */
  step: number;
  /** Accessible description is elsewhere; this is a test id for the canvas. */
  testId: string;
  /** Pointer over (step, row), or null when it leaves. */
  onHover: (cell: { step: number; row: number } | null) => void;
  /** Click on a step (scrubs to it). */
  onPick: (step: number) => void;
}

const rgbOf = (css: string): [number, number, number] => {
  const m = /^#(..)(..)(..)$/.exec(css);
  return m
    ? [Number.parseInt(m[1], 16), Number.parseInt(m[2], 16), Number.parseInt(m[3], 16)]
    : [128, 128, 128];
};

/** A steps × rows heatmap as one bitmap (fast for T = 1024 × hundreds of channels) with the scrubbed step outlined. */
export function TimeHeatmap({
  steps,
  rows,
  positionAt,
  palette = paletteAt,
  width,
  height,
  step,
  testId,
  onHover,
  onPick,
}: TimeHeatmapProps): JSX.Element {
  const ref = useRef<HTMLCanvasElement>(null);
  const lut = useMemo(() => paletteLut(palette), [palette]);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const image = ctx.createImageData(steps, rows);
    const px = image.data;
    const grey = rgbOf(NON_FINITE_COLOR);
    const empty = rgbOf(MASKED_FILL);
    for (let r = 0; r < rows; r++) {
      for (let s = 0; s < steps; s++) {
        const t = positionAt(s, r);
        const c =
          t === null ? empty : Number.isNaN(t) ? grey : lut[Math.max(0, Math.min(255, Math.round(t * 255)))];
        const o = (r * steps + s) * 4;
        px[o] = c[0];
        px[o + 1] = c[1];
        px[o + 2] = c[2];
        px[o + 3] = 255;
      }
    }
    ctx.putImageData(image, 0, 0);
  }, [steps, rows, positionAt, lut]);

  const cellAt = (event: PointerEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const s = Math.floor(((event.clientX - box.left) / box.width) * steps);
    const r = Math.floor(((event.clientY - box.top) / box.height) * rows);
    return s >= 0 && s < steps && r >= 0 && r < rows ? { step: s, row: r } : null;
  };
  const colW = width / steps;
  return (
    <div className="ba-state-evolution__heatmap" style={{ width, height }}>
      <canvas ref={ref} width={steps} height={rows} data-testid={testId} style={{ width, height }} />
      <svg width={width} height={height} aria-hidden="true">
        <rect
          x={step * colW}
          y={0}
          width={Math.max(colW, 2)}
          height={height}
          className="ba-state-evolution__step-halo"
        />
        <rect
          x={step * colW}
          y={0}
          width={Math.max(colW, 2)}
          height={height}
          className="ba-state-evolution__step"
        />
      </svg>
      {/* biome-ignore lint/a11y/noStaticElementInteractions lint/a11y/useKeyWithClickEvents: pointer twin of the keyboard scrubber (the range input) */}
      <div
        className="ba-state-evolution__hit"
        onPointerMove={(e) => onHover(cellAt(e))}
        onPointerLeave={() => onHover(null)}
        onClick={(e) => {
          const cell = cellAt(e as unknown as PointerEvent<HTMLDivElement>);
          if (cell) onPick(cell.step);
        }}
      />
    </div>
  );
}
