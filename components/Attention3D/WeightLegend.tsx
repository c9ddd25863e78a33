import { useId } from 'react';
import { formatTick, legendPosition, legendStops, legendTicks } from '../AttentionMatrix/colorScale';
import { NON_FINITE_COLOR } from '../shared/palette';

export interface WeightLegendProps {
  /** The colour scale of the planes. */
  mode: 'linear' | 'log';
  /** Width of the colour bar in px. */
  width?: number;
  /** Also show the swatch for NaN/±Infinity cells. */
  showNonFinite?: boolean;
}

/** The colour bar of attention weights (the AttentionMatrix scale), as SVG. */
export function WeightLegend({ mode, width = 240, showNonFinite = false }: WeightLegendProps) {
  const gradientId = useId();
  const x = legendPosition(mode, width);
  return (
    <svg
      width={width + 120}
      height={40}
      role="img"
      aria-label={`Colour scale: attention weight, ${mode}, dark purple 0 to yellow 1`}
    >
      <defs>
        <linearGradient id={gradientId}>
          {legendStops(mode).map((s) => (
            <stop key={s.offset} offset={`${s.offset * 100}%`} stopColor={s.color} />
          ))}
        </linearGradient>
      </defs>
      <g transform="translate(6, 4)">
        <rect width={width} height={10} fill={`url(#${gradientId})`} stroke="#6b7280" strokeWidth={0.5} />
        {legendTicks(mode).map((t) => (
          <g key={t} transform={`translate(${x(t)}, 10)`}>
            <line y2={4} stroke="currentColor" />
            <text y={16} textAnchor="middle" fontSize={11} fill="currentColor">
              {formatTick(mode, t)}
            </text>
          </g>
        ))}
        {showNonFinite && (
          <g transform={`translate(${width + 16}, 0)`}>
            <rect width={10} height={10} fill={NON_FINITE_COLOR} />
            <text x={14} y={9} fontSize={11} fill="currentColor">
              NaN / ±∞
            </text>
          </g>
        )}
      </g>
    </svg>
  );
}
