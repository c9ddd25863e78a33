import type { JSX } from 'react';
import { formatValue } from '../shared/format';
import { SCAN_NAMES } from './scanNodes';
import type { ScanRun } from './scanRun';

export interface ScanTableProps {
  run: ScanRun;
  /** Most positions listed as columns. */
  maxColumns?: number;
  /** Most levels listed as rows. */
  maxRows?: number;
}

/** The text alternative of the circuit: every slot's (a, b) after each level (truncated for large networks). */
export function ScanTable({ run, maxColumns = 16, maxRows = 40 }: ScanTableProps): JSX.Element {
  const { network, slots, reference } = run;
  const cols = Math.min(network.paddedSize, maxColumns);
  const rows = Math.min(network.depth + 1, maxRows);
  const truncated = cols < network.paddedSize || rows < network.depth + 1;
  return (
    <details className="ba-scan-tree__table">
      <summary>Show the slot values as a table</summary>
      <div className="ba-scan-tree__table-scroll">
        <table>
          <caption>
            {SCAN_NAMES[network.kind]} scan of {network.n} elements: slot values (a, b) after each level
            {truncated
              ? ` (first ${rows} rows of ${network.depth + 1}, first ${cols} slots of ${network.paddedSize})`
              : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">level</th>
              {Array.from({ length: cols }, (_, s) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: columns are slots
                <th key={s} scope="col">
                  {s < network.n ? `t${s}` : `pad ${s}`}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {slots.slice(0, rows).map((level, k) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are levels
              <tr key={k}>
                <th scope="row">{k === 0 ? 'inputs' : `${k}: ${network.levels[k - 1].phase}`}</th>
                {Array.from({ length: cols }, (_, s) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells are slots
                  <td key={s}>
                    ({formatValue(level.a[s])}, {formatValue(level.b[s])})
                  </td>
                ))}
              </tr>
            ))}
            <tr>
              <th scope="row">sequential h_t</th>
              {Array.from({ length: cols }, (_, s) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: cells are slots
                <td key={s}>{s < network.n ? formatValue(reference[s]) : ''}</td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
    </details>
  );
}
