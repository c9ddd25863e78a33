import type { JSX } from 'react';

export interface ReachStripsProps {
  /** reach[ℓ][j] = 1 when position j can influence the query after ℓ layers (ℓ = 0 … L). */
  reach: readonly Uint8Array[];
  /** The query whose receptive field is shown. */
  query: number;
  /** Layers revealed so far (the animation's frame); rows beyond it are empty. */
  shown: number;
  /** CSS width of a strip. */
  width: number;
}

const ROW = 16;
const LEFT = 64;

/** The receptive field of one query, one strip per layer: orange = reached at this layer, blue = reached before. */
export function ReachStrips({ reach, query, shown, width }: ReachStripsProps): JSX.Element {
  const T = reach[0].length;
  const L = reach.length - 1;
  const cell = width / T;
  return (
    <svg
      width={LEFT + width + 4}
      height={(L + 1) * ROW + 18}
      viewBox={`0 0 ${LEFT + width + 4} ${(L + 1) * ROW + 18}`}
      aria-hidden="true"
      className="ba-mask-gallery__reach"
    >
      {reach.map((set, l) => {
        const visible = l <= shown;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are layers
          <g key={l} transform={`translate(0, ${l * ROW})`} data-layer={l} data-visible={visible}>
            <text x={LEFT - 6} y={ROW / 2} dy="0.35em" textAnchor="end" className="ba-mask-gallery__tick">
              {l === 0 ? 'itself' : `${l} layer${l === 1 ? '' : 's'}`}
            </text>
            <rect x={LEFT} y={1} width={width} height={ROW - 2} className="ba-mask-gallery__strip" />
            {visible &&
              Array.from(set, (v, j) =>
                v ? (
                  <rect
                    // biome-ignore lint/suspicious/noArrayIndexKey: cells are positions
                    key={j}
                    x={LEFT + j * cell}
                    y={1}
                    width={Math.max(cell, 1)}
                    height={ROW - 2}
                    className={
                      j === query
                        ? 'ba-mask-gallery__reach-query'
                        : l > 0 && !reach[l - 1][j]
                          ? 'ba-mask-gallery__reach-new'
                          : 'ba-mask-gallery__reach-old'
                    }
                  />
                ) : null,
              )}
          </g>
        );
      })}
      <text x={LEFT} y={(L + 1) * ROW + 12} className="ba-mask-gallery__tick">
        position 0
      </text>
      <text x={LEFT + width} y={(L + 1) * ROW + 12} textAnchor="end" className="ba-mask-gallery__tick">
        {T - 1}
      </text>
    </svg>
  );
}
