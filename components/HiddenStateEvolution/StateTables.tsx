import type { JSX } from 'react';
import { formatValue } from '../shared/format';
import type { StateProbe } from './stateSeries';

export interface StateTablesProps {
  /** The state at the scrubbed step [rows × cols]. */
  matrix: ArrayLike<number>;
  rows: number;
  cols: number;
  /** The scrubbed step and its token. */
  step: number;
  token: string;
  /** ‖S_t‖ per step. */
  norms: ArrayLike<number>;
  tokens: readonly string[];
  /** Probes and their cosines [probes, T]. */
  probes: readonly StateProbe[];
  cosines: Float64Array;
  /** The component's accessible name, reused in captions. */
  label: string;
  /** Largest matrix side listed in full. */
  maxSide?: number;
  /** Most steps listed. */
  maxSteps?: number;
}

/** Text alternatives: the state at the scrubbed step, the norm per step, and the recall cosine per probe. */
export function StateTables({
  matrix,
  rows,
  cols,
  step,
  token,
  norms,
  tokens,
  probes,
  cosines,
  label,
  maxSide = 32,
  maxSteps = 64,
}: StateTablesProps): JSX.Element {
  const R = Math.min(rows, maxSide);
  const C = Math.min(cols, maxSide);
  const T = tokens.length;
  const S = Math.min(T, maxSteps);
  return (
    <details className="ba-state-evolution__tables">
      <summary>Show the state as tables</summary>
      <div className="ba-state-evolution__table-scroll">
        <table>
          <caption>
            {label}: the state at step {step} (“{token}”), row × column
            {R < rows || C < cols ? ` (first ${R} of ${rows} rows, ${C} of ${cols} columns)` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">row \ col</th>
              {Array.from({ length: C }, (_, c) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: columns are indices
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: R }, (_, r) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are indices
              <tr key={r}>
                <th scope="row">{r}</th>
                {Array.from({ length: C }, (_, c) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells are indices
                  <td key={c}>{formatValue(matrix[r * cols + c])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <table>
          <caption>
            {label}: the state's norm per step{S < T ? ` (first ${S} of ${T} steps)` : ''}
            {probes.length > 0
              ? ', and how well each stored pair is recalled (cosine of the read-out with the stored value)'
              : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">step</th>
              <th scope="col">‖S‖</th>
              {probes.map((p) => (
                <th key={p.label} scope="col">
                  {p.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: S }, (_, t) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are steps
              <tr key={t}>
                <th scope="row">
                  {t} {tokens[t]}
                </th>
                <td>{formatValue(norms[t])}</td>
                {probes.map((p, i) => (
                  <td key={p.label}>{t < p.position ? '—' : formatValue(cosines[i * T + t])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
