import type { JSX } from 'react';
import type { LshRound } from '../../simulations/attention/masks/lshBuckets';

export interface LshBucketsProps {
  /** One LSH hash round of the engine (buckets, sorted order, chunks). */
  round: LshRound;
  /** CSS width of a strip. */
  width: number;
}

/** Okabe–Ito, colour-blind safe; buckets beyond 8 reuse colours but keep their number as text. */
export const BUCKET_COLORS = [
  '#e69f00',
  '#56b4e9',
  '#009e73',
  '#f0e442',
  '#0072b2',
  '#d55e00',
  '#cc79a7',
  '#999999',
];

const ROW = 22;
const LEFT = 92;

/** Reformer's LSH: positions coloured by bucket in sequence order, then sorted by (bucket, position) into chunks. */
export function LshBuckets({ round, width }: LshBucketsProps): JSX.Element {
  const T = round.buckets.length;
  const cell = width / T;
  const numbered = cell >= 14;
  const strip = (order: ArrayLike<number>, y: number, chunks: boolean) => (
    <g transform={`translate(${LEFT}, ${y})`}>
      {Array.from(order, (pos, k) => (
        <g key={pos}>
          <rect
            x={k * cell}
            width={Math.max(cell, 1)}
            height={ROW}
            fill={BUCKET_COLORS[round.buckets[pos] % BUCKET_COLORS.length]}
            data-position={pos}
            data-bucket={round.buckets[pos]}
          />
          {numbered && (
            <text
              x={(k + 0.5) * cell}
              y={ROW / 2}
              dy="0.35em"
              textAnchor="middle"
              className="ba-mask-gallery__bucket-label"
            >
              {pos}
            </text>
          )}
          {chunks && k > 0 && round.chunkOf[pos] !== round.chunkOf[order[k - 1]] && (
            <line x1={k * cell} x2={k * cell} y1={-4} y2={ROW + 4} className="ba-mask-gallery__chunk" />
          )}
        </g>
      ))}
    </g>
  );
  return (
    <figure className="ba-mask-gallery__lsh">
      <svg width={LEFT + width + 4} height={2 * ROW + 40} aria-hidden="true">
        <text x={LEFT - 6} y={6 + ROW / 2} dy="0.35em" textAnchor="end" className="ba-mask-gallery__tick">
          sequence order
        </text>
        {strip(
          Array.from({ length: T }, (_, i) => i),
          6,
          false,
        )}
        <text
          x={LEFT - 6}
          y={ROW + 26 + ROW / 2}
          dy="0.35em"
          textAnchor="end"
          className="ba-mask-gallery__tick"
        >
          sorted, chunked
        </text>
        {strip(round.sortedOrder, ROW + 26, true)}
      </svg>
      <figcaption>
        {T} positions in {new Set(round.buckets).size} buckets (colour; the number is the position
        {numbered ? '' : ', shown when there is room'}); after sorting by (bucket, position), black bars cut
        the chunks a query attends within (its own and the previous). Bucket sizes:{' '}
        {Array.from(new Set(round.buckets))
          .sort((a, b) => a - b)
          .map((b) => `${b}: ${round.buckets.filter((x) => x === b).length}`)
          .join(', ')}
        .
      </figcaption>
    </figure>
  );
}
