import { topKeys } from './topKeys';

export interface AttentionTableProps {
  /** Weights [T × T], row-major. */
  weights: Float32Array | readonly number[];
  /** Token labels, length T. */
  tokens: readonly string[];
  /** The matrix's accessible name, reused in the caption. */
  label: string;
  /** Leave masked (future) cells empty. */
  causal: boolean;
  /** Largest T shown as a full table; above it, the top keys per query. */
  fullTableMaxTokens?: number;
  /** Rows listed in the top-keys table for large T. */
  maxRows?: number;
}

/** The text alternative of the attention matrix: every weight (small T) or each query's top keys (large T). */
export function AttentionTable({
  weights,
  tokens,
  label,
  causal,
  fullTableMaxTokens = 64,
  maxRows = 64,
}: AttentionTableProps) {
  const T = tokens.length;
  const full = T <= fullTableMaxTokens;
  return (
    <details className="ba-attention-table">
      <summary>Show weights as a table</summary>
      {full ? (
        <div className="ba-attention-table__scroll">
          <table>
            <caption>{label}: row = query, column = key</caption>
            <thead>
              <tr>
                <th scope="col">query \ key</th>
                {tokens.map((t, j) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns are positions
                  <th key={j} scope="col">
                    {j} {t}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {tokens.map((t, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions
                <tr key={i}>
                  <th scope="row">
                    {i} {t}
                  </th>
                  {tokens.map((_, j) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: cells are positions
                    <td key={j}>{causal && j > i ? '' : weights[i * T + j].toFixed(2)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <table>
          <caption>
            {label}: the 3 largest weights of each query
            {T > maxRows ? ` (first ${maxRows} of ${T} queries)` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">query</th>
              <th scope="col">top keys (weight)</th>
            </tr>
          </thead>
          <tbody>
            {tokens.slice(0, maxRows).map((t, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions
              <tr key={i}>
                <th scope="row">
                  {i} {t}
                </th>
                <td>
                  {topKeys(weights, T, i, 3)
                    .map((k) => `${k.key} ${tokens[k.key]} (${k.weight.toFixed(2)})`)
                    .join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
