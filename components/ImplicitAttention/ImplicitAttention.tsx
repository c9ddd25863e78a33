import { type JSX, useMemo, useState } from 'react';
import { AttentionMatrix } from '../AttentionMatrix/AttentionMatrix';
import { topKeys } from '../AttentionMatrix/topKeys';
import { formatValue } from '../shared/format';
import { absoluteShares, type MatrixSummary, summariseMatrix } from './implicitShares';
import './ImplicitAttention.css';

export interface ImplicitAttentionPanel {
  /** Panel title, e.g. "Softmax attention" or "Mamba-2 (SSD)". */
  title: string;
  /** The matrix [T (query) × T (key)], row-major, as the engine returns it (softmax weights or an implicit M). */
  weights: Float32Array | Float64Array | readonly number[];
  /** The formula of the matrix, shown under the title, e.g. "M_ts = (C_t·B_s)·e^{A(Λ_t−Λ_s)}·Δ_s". */
  equation?: string;
}

export interface ImplicitAttentionProps {
  /** The matrices to compare, all over the same tokens; typically softmax first. */
  panels: readonly ImplicitAttentionPanel[];
  /** Token labels, length T (shared axes). */
  tokens: readonly string[];
  /** Accessible name of the comparison. */
  label: string;
  /** Shared colour scale of the shares: 'log' separates small ones. @default 'linear' */
  colorScale?: 'linear' | 'log';
  /** Side of each matrix in CSS px. @default 300 */
  size?: number;
  /** Largest T drawn as SVG cells; above it, canvas. @default 64 */
  svgMaxTokens?: number;
  /** Controlled locked query row shared by every panel (null = none). Leave undefined to let the component keep it. */
  lockedRow?: number | null;
  /** Called when the user locks or unlocks a query row in any panel. */
  onLockedRowChange?: (row: number | null) => void;
}

const pct = (x: number) => `${(100 * x).toFixed(x > 0 && x < 0.01 ? 1 : 0)}%`;

function panelNote(s: MatrixSummary): string {
  const sums =
    Math.abs(s.rowSumMax - 1) < 1e-3 && Math.abs(s.rowSumMin - 1) < 1e-3
      ? 'rows sum to 1'
      : `raw row sums ${formatValue(s.rowSumMin)} … ${formatValue(s.rowSumMax)}`;
  return `${sums}; ${s.negativeShare > 0 ? `${pct(s.negativeShare)} of |weight| is negative` : 'no negative weights'}`;
}

/**
 * Softmax attention next to the implicit attention matrices of linear attention, Mamba-2 (SSD) and RetNet/GLA:
 * the same token axes, the same colour scale (each key's share of the query's total |weight|), and one locked
 * query row across every panel with its top keys compared in a table.
 */
export function ImplicitAttention({
  panels,
  tokens,
  label,
  colorScale = 'linear',
  size = 300,
  svgMaxTokens = 64,
  lockedRow,
  onLockedRowChange,
}: ImplicitAttentionProps): JSX.Element {
  const T = tokens.length;
  const [ownRow, setOwnRow] = useState<number | null>(null);
  const row = lockedRow === undefined ? ownRow : lockedRow;
  const prepared = useMemo(
    () =>
      panels.map((p) => {
        const ok = p.weights.length === T * T;
        const summary = ok ? summariseMatrix(p.weights, T) : null;
        const shares = ok && summary?.nonFinite === 0 ? absoluteShares(p.weights, T) : null;
        return { ...p, ok, summary, shares };
      }),
    [panels, T],
  );
  const lock = (r: number | null) => {
    if (lockedRow === undefined) setOwnRow(r);
    onLockedRowChange?.(r);
  };

  if (T === 0 || panels.length === 0) {
    return (
      <div className="ba-implicit-attention" data-testid="implicit-attention" role="alert">
        Cannot draw “{label}”: {T === 0 ? 'there are no tokens' : 'there are no matrices to compare'}.
      </div>
    );
  }

  return (
    <div className="ba-implicit-attention" data-testid="implicit-attention" data-locked-row={row ?? ''}>
      <p className="ba-implicit-attention__intro">
        Every panel shows key s’s share of query t’s total |weight|, |M<sub>ts</sub>| / Σ<sub>s′</sub> |M
        <sub>ts′</sub>|, on one {colorScale} colour scale (softmax rows already are shares). Lock a query row
        in any panel to compare it everywhere.
      </p>
      <div className="ba-implicit-attention__panels">
        {prepared.map((p) => (
          <section
            key={p.title}
            className="ba-implicit-attention__panel"
            aria-label={p.title}
            // one matrix wide (labels and legend included), so panels sit side by side
            style={{ width: size + 120 }}
          >
            <h4>{p.title}</h4>
            {p.equation && <p className="ba-implicit-attention__equation">{p.equation}</p>}
            {p.summary && p.shares && <p className="ba-implicit-attention__note">{panelNote(p.summary)}</p>}
            {!p.ok ? (
              <p role="alert" className="ba-implicit-attention__problem">
                {T} tokens need {T} × {T} = {T * T} values, got {p.weights.length}.
              </p>
            ) : !p.shares ? (
              <p role="alert" className="ba-implicit-attention__problem">
                {p.summary?.nonFinite} values of this matrix are not finite (NaN or ±∞), so it cannot be put
                on the shared scale.
              </p>
            ) : (
              <AttentionMatrix
                weights={p.shares}
                tokens={tokens}
                label={`${p.title}, ${label}`}
                causal
                colorScale={colorScale}
                size={size}
                svgMaxTokens={svgMaxTokens}
                lockedRow={row}
                onLockedRowChange={lock}
              />
            )}
          </section>
        ))}
      </div>
      <table className="ba-implicit-attention__compare">
        <caption>
          {row === null
            ? 'Lock a query row (click or Enter) to compare its top keys across the panels.'
            : `Query ${row} “${tokens[row]}”: its 3 largest shares in each panel`}
        </caption>
        <thead>
          <tr>
            <th scope="col">panel</th>
            <th scope="col">top keys (share)</th>
          </tr>
        </thead>
        <tbody>
          {prepared.map((p) => (
            <tr key={p.title}>
              <th scope="row">{p.title}</th>
              <td>
                {row === null
                  ? '—'
                  : p.shares
                    ? topKeys(p.shares, T, row, 3)
                        .map((k) => `${k.key} “${tokens[k.key]}” ${k.weight.toFixed(2)}`)
                        .join(', ')
                    : 'not drawn'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
