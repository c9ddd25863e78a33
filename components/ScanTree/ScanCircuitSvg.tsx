import type { JSX } from 'react';
import { formatValue } from '../shared/format';
import type { ScanNode } from './scanNodes';
import type { ScanRun } from './scanRun';

export interface ScanCircuitGeometry {
  /** Left gutter for the level labels. */
  gutter: number;
  /** Width of one wire's column. */
  colW: number;
  /** Height of the header (input values). */
  headerH: number;
  /** Height of one level row. */
  rowH: number;
}

export interface ScanCircuitSvgProps {
  run: ScanRun;
  nodes: readonly ScanNode[];
  /** Levels executed so far. */
  level: number;
  geometry: ScanCircuitGeometry;
  /** Write (a, b) under every executed node. */
  showValues: boolean;
  /** The node or wire the readout describes (outlined). */
  inspected: { level: number; slot: number } | null;
  /** Pointer over a node (level, slot) or null when it leaves. */
  onInspect: (node: { level: number; slot: number } | null) => void;
}

const R = 6;

/** A node's status against the playback: executed, executed by the last step, or still to come. */
const status = (nodeLevel: number, level: number) =>
  nodeLevel < level ? 'done' : nodeLevel === level ? 'current' : 'future';

function NodeShape({ type, x, y }: { type: ScanNode['type']; x: number; y: number }): JSX.Element {
  switch (type) {
    case 'copy':
      return <rect x={x - R + 1} y={y - R + 1} width={2 * R - 2} height={2 * R - 2} />;
    case 'identity':
      return <path d={`M${x},${y - R - 1}L${x + R + 1},${y}L${x},${y + R + 1}L${x - R - 1},${y}Z`} />;
    case 'combineInput':
      return (
        <>
          <circle cx={x} cy={y} r={R} />
          <circle cx={x} cy={y} r={2} className="ba-scan-tree__node-dot" />
        </>
      );
    default:
      return <circle cx={x} cy={y} r={R} />;
  }
}

/** The circuit as SVG: one vertical wire per slot, one row per level, one node per op, values at executed nodes. */
export function ScanCircuitSvg({
  run,
  nodes,
  level,
  geometry: { gutter, colW, headerH, rowH },
  showValues,
  inspected,
  onInspect,
}: ScanCircuitSvgProps): JSX.Element {
  const { network, slots, reference } = run;
  const { paddedSize, n, depth } = network;
  const x = (slot: number) => gutter + (slot + 0.5) * colW;
  const y = (row: number) => headerH + row * rowH;
  // Executed nodes carry two lines of values under them; edges start below those of the row above.
  const valueBlock = showValues ? 34 : rowH * 0.28;
  const bottom = y(depth) + (showValues ? valueBlock + 8 : 16);
  const footer = 44;
  const width = gutter + paddedSize * colW + 8;
  const height = bottom + footer;
  const now = slots[level];
  const labelEvery = Math.max(1, Math.ceil(28 / colW));
  const rowLabelEvery = Math.max(1, Math.ceil(12 / rowH));

  return (
    <svg width={width} height={height} aria-hidden="true" className="ba-scan-tree__svg">
      {/* wires and their input values */}
      {Array.from({ length: paddedSize }, (_, s) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: wires are positions
        <g key={s} className={s < n ? 'ba-scan-tree__wire' : 'ba-scan-tree__wire ba-scan-tree__wire--pad'}>
          <line x1={x(s)} x2={x(s)} y1={y(0)} y2={bottom - 6} />
          {s % labelEvery === 0 && (
            <text x={x(s)} y={showValues ? 12 : 12} textAnchor="middle" className="ba-scan-tree__index">
              {s < n ? `t${s}` : 'pad'}
            </text>
          )}
          {showValues && (
            <text x={x(s)} y={26} textAnchor="middle" className="ba-scan-tree__value">
              <tspan x={x(s)}>a {formatValue(slots[0].a[s])}</tspan>
              <tspan x={x(s)} dy="1.15em">
                b {formatValue(slots[0].b[s])}
              </tspan>
            </text>
          )}
        </g>
      ))}
      {/* level rows */}
      {network.levels.map((l, k) =>
        (k + 1) % rowLabelEvery === 0 || k === 0 ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: levels are positions
          <g key={k} data-row-status={status(k + 1, level)}>
            <rect
              x={0}
              y={y(k + 1) - rowH / 2}
              width={width}
              height={rowH}
              className={k + 1 === level ? 'ba-scan-tree__row--current' : 'ba-scan-tree__row'}
            />
            <text x={4} y={y(k + 1)} dy="0.35em" className="ba-scan-tree__level-label">
              {`${k + 1}`}
              {rowH >= 14 && <tspan className="ba-scan-tree__phase">{` ${l.phase}`}</tspan>}
            </text>
          </g>
        ) : null,
      )}
      {/* edges first, nodes on top */}
      <g>
        {nodes.map((node) =>
          node.source === null ? null : (
            <line
              key={`e${node.level}-${node.target}-${node.type}`}
              className={`ba-scan-tree__edge ba-scan-tree__edge--${status(node.level, level)}`}
              x1={x(node.source)}
              y1={y(node.level - 1) + (node.level === 1 && showValues ? 6 : valueBlock)}
              x2={x(node.target)}
              y2={y(node.level)}
            />
          ),
        )}
      </g>
      <g>
        {nodes.map((node) => {
          const st = status(node.level, level);
          const isInspected = inspected?.level === node.level && inspected.slot === node.target;
          const after = slots[node.level];
          return (
            <g
              key={`n${node.level}-${node.target}-${node.type}`}
              data-level={node.level}
              data-slot={node.target}
              data-op={node.type}
              data-status={st}
              className={`ba-scan-tree__node ba-scan-tree__node--${st}${isInspected ? ' ba-scan-tree__node--inspected' : ''}`}
              onPointerEnter={() => onInspect({ level: node.level, slot: node.target })}
              onPointerLeave={() => onInspect(null)}
            >
              <NodeShape type={node.type} x={x(node.target)} y={y(node.level)} />
              {/* a larger transparent target, so the small shapes are easy to hover */}
              <circle cx={x(node.target)} cy={y(node.level)} r={R + 7} className="ba-scan-tree__hit" />
              {showValues && st !== 'future' && (
                <text
                  x={x(node.target)}
                  y={y(node.level) + R + 10}
                  textAnchor="middle"
                  className="ba-scan-tree__value"
                >
                  <tspan x={x(node.target)}>a {formatValue(after.a[node.target])}</tspan>
                  <tspan x={x(node.target)} dy="1.1em">
                    b {formatValue(after.b[node.target])}
                  </tspan>
                </text>
              )}
            </g>
          );
        })}
      </g>
      {/* results after the executed levels against the sequential reference */}
      <g transform={`translate(0, ${bottom})`}>
        <text x={4} y={10} className="ba-scan-tree__level-label">
          h now
        </text>
        <text x={4} y={30} className="ba-scan-tree__level-label">
          sequential
        </text>
        {Array.from({ length: n }, (_, t) =>
          t % labelEvery === 0 ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: results are positions
            <g key={t} data-result={t}>
              <text
                x={x(t)}
                y={10}
                textAnchor="middle"
                className={
                  now.b[t] === reference[t] ||
                  Math.abs(now.b[t] - reference[t]) <= 1e-9 * Math.max(1, Math.abs(reference[t]))
                    ? 'ba-scan-tree__result ba-scan-tree__result--done'
                    : 'ba-scan-tree__result'
                }
              >
                {formatValue(now.b[t])}
              </text>
              <text x={x(t)} y={30} textAnchor="middle" className="ba-scan-tree__result">
                {formatValue(reference[t])}
              </text>
            </g>
          ) : null,
        )}
      </g>
    </svg>
  );
}
