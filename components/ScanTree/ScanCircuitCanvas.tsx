import { type JSX, type PointerEvent, useEffect, useRef } from 'react';
import type { ScanCircuitGeometry } from './ScanCircuitSvg';
import type { ScanNode } from './scanNodes';

export interface ScanCircuitCanvasProps {
  /** The drawable nodes of the network. */
  nodes: readonly ScanNode[];
  /** Slots (wires) of the network. */
  paddedSize: number;
  /** Real elements (wires ≥ n are padding). */
  n: number;
  /** Levels of the network. */
  depth: number;
  /** Levels executed so far. */
  level: number;
  geometry: ScanCircuitGeometry;
  /** Pointer over the circuit: the (level row, wire) under it, or null when it leaves. */
  onInspect: (node: { level: number; slot: number } | null) => void;
}

// Okabe–Ito blue (executed), vermillion-orange (the last step), neutral grey (to come): distinct for CVD.
const DONE = '#0072b2';
const CURRENT = '#d55e00';
const FUTURE = 'rgba(128, 134, 146, 0.45)';
const WIRE = 'rgba(128, 134, 146, 0.35)';

/** The circuit of a large network (hundreds of wires) on one canvas: wires, edges and node dots by level. */
export function ScanCircuitCanvas({
  nodes,
  paddedSize,
  n,
  depth,
  level,
  geometry: { gutter, colW, headerH, rowH },
  onInspect,
}: ScanCircuitCanvasProps): JSX.Element {
  const ref = useRef<HTMLCanvasElement>(null);
  const width = gutter + paddedSize * colW + 8;
  const height = headerH + depth * rowH + 16;
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = Math.min(2, window.devicePixelRatio || 1);
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const x = (slot: number) => gutter + (slot + 0.5) * colW;
    const y = (row: number) => headerH + row * rowH;
    ctx.lineWidth = Math.min(1, colW / 2);
    ctx.strokeStyle = WIRE;
    ctx.beginPath();
    for (let s = 0; s < paddedSize; s++) {
      ctx.moveTo(x(s), y(0));
      ctx.lineTo(x(s), y(depth) + 10);
    }
    ctx.stroke();
    // The executed band is shaded so progress reads at a glance even when rows are sub-pixel.
    if (level > 0) {
      ctx.fillStyle = 'rgba(0, 114, 178, 0.08)';
      ctx.fillRect(gutter, y(0), paddedSize * colW, level * rowH + rowH / 2);
    }
    const dot = Math.max(1, Math.min(3, colW / 2.5, rowH / 2.5));
    for (const status of ['future', 'done', 'current'] as const) {
      const color = status === 'done' ? DONE : status === 'current' ? CURRENT : FUTURE;
      ctx.strokeStyle = color;
      ctx.fillStyle = color;
      ctx.beginPath();
      for (const node of nodes) {
        const s = node.level < level ? 'done' : node.level === level ? 'current' : 'future';
        if (s !== status || node.source === null) continue;
        ctx.moveTo(x(node.source), y(node.level) - rowH * 0.72);
        ctx.lineTo(x(node.target), y(node.level));
      }
      ctx.stroke();
      for (const node of nodes) {
        const s = node.level < level ? 'done' : node.level === level ? 'current' : 'future';
        if (s !== status) continue;
        ctx.fillRect(x(node.target) - dot / 2, y(node.level) - dot / 2, dot, dot);
      }
    }
    // Padding wires (Blelloch's power of two) are marked at the top.
    ctx.fillStyle = FUTURE;
    for (let s = n; s < paddedSize; s++) ctx.fillRect(x(s) - colW / 2, y(0) - 8, colW, 4);
  }, [nodes, paddedSize, n, depth, level, gutter, colW, headerH, rowH, width, height]);

  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const px = event.clientX - box.left;
    const py = event.clientY - box.top;
    const slot = Math.floor((px - gutter) / colW);
    const row = Math.round((py - headerH) / rowH);
    if (slot < 0 || slot >= paddedSize || row < 0 || row > depth) onInspect(null);
    else onInspect({ level: row, slot });
  };

  return (
    <canvas
      ref={ref}
      className="ba-scan-tree__canvas"
      style={{ width, height }}
      onPointerMove={onPointerMove}
      onPointerLeave={() => onInspect(null)}
    />
  );
}
