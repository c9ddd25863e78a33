import { type CSSProperties, type JSX, type PointerEvent, useEffect, useRef } from 'react';
import type { Mask } from '../../simulations/attention/masks/maskSpec';

export interface MaskBitmapProps {
  /** The dense causal mask. */
  mask: Mask;
  /** CSS side of the square. */
  size: number;
  /** Pointer over (query, key), or null when it leaves; omit for a static thumbnail. */
  onHover?: (cell: { row: number; col: number } | null) => void;
  /** Extra style (placement). */
  style?: CSSProperties;
}

// Okabe–Ito blue for computed pairs; light greys for skipped (causal) and future pairs.
export const ALLOWED = [0x00, 0x72, 0xb2] as const;
export const SKIPPED = [0xee, 0xf0, 0xf3] as const;
export const FUTURE = [0xd4, 0xd8, 0xdf] as const;

/** A mask as one T × T bitmap (one pixel per (query, key) pair), scaled without smoothing. */
export function MaskBitmap({ mask, size, onHover, style }: MaskBitmapProps): JSX.Element {
  const ref = useRef<HTMLCanvasElement>(null);
  const T = mask.seqLen;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const image = ctx.createImageData(T, T);
    for (let i = 0; i < T; i++)
      for (let j = 0; j < T; j++) {
        const c = j > i ? FUTURE : mask.allowed[i * T + j] ? ALLOWED : SKIPPED;
        image.data.set([c[0], c[1], c[2], 255], (i * T + j) * 4);
      }
    ctx.putImageData(image, 0, 0);
  }, [mask, T]);
  const move = (e: PointerEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const col = Math.floor(((e.clientX - box.left) / box.width) * T);
    const row = Math.floor(((e.clientY - box.top) / box.height) * T);
    onHover?.(row >= 0 && row < T && col >= 0 && col < T ? { row, col } : null);
  };
  return (
    <canvas
      ref={ref}
      width={T}
      height={T}
      className="ba-mask-gallery__bitmap"
      style={{ width: size, height: size, ...style }}
      onPointerMove={onHover ? move : undefined}
      onPointerLeave={onHover ? () => onHover(null) : undefined}
    />
  );
}
