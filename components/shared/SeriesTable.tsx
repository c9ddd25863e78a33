import type { JSX } from 'react';
import type { ChartSeries } from './chartScales';

export interface SeriesTableProps {
  /** The chart's title, reused in the caption. */
  title: string;
  /** The series, every point listed. */
  series: readonly ChartSeries[];
  /** X column header. */
  xLabel: string;
  /** Y column header. */
  yLabel: string;
  /** Formats an x value. */
  formatX: (x: number) => string;
  /** Formats a y value. */
  formatY: (y: number) => string;
  /** Most rows listed per series (long series are cut, with a note). @default 64 */
  maxRowsPerSeries?: number;
}

/** The text alternative of a chart: one row per point, grouped by series. */
export function SeriesTable({
  title,
  series,
  xLabel,
  yLabel,
  formatX,
  formatY,
  maxRowsPerSeries = 64,
}: SeriesTableProps): JSX.Element {
  return (
    <details className="ba-series-table">
      <summary>Show the data as a table</summary>
      <table>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">series</th>
            <th scope="col">{xLabel}</th>
            <th scope="col">{yLabel}</th>
          </tr>
        </thead>
        <tbody>
          {series.flatMap((s) => {
            const rows = s.points.slice(0, maxRowsPerSeries).map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: points are identified by position
              <tr key={`${s.id}-${i}`}>
                <th scope="row">{s.name}</th>
                <td>{formatX(p.x)}</td>
                <td>
                  {formatY(p.y)}
                  {p.label ? ` (${p.label})` : ''}
                </td>
              </tr>
            ));
            if (s.points.length > maxRowsPerSeries)
              rows.push(
                <tr key={`${s.id}-more`}>
                  <th scope="row">{s.name}</th>
                  <td colSpan={2}>… {s.points.length - maxRowsPerSeries} more points not listed</td>
                </tr>,
              );
            return rows;
          })}
        </tbody>
      </table>
    </details>
  );
}
