import type { GateView } from '../inference/readout';

interface GateTableProps {
  /** Gate signals, each [T] (mean over channels). */
  gates: GateView[];
  /** Token labels, length T. */
  labels: readonly string[];
}

const NAMES: Record<string, string> = {
  delta: 'step size Δ',
  a: 'decay a',
  r: 'recurrence gate r',
  i: 'input gate i',
};

/** Gate and step-size signals per token as a table with inline bars (scaled per row to its maximum). */
export function GateTable({ gates, labels }: GateTableProps) {
  return (
    <div className="table-scroll">
      <table className="readout gate-table">
        <caption>Gates per token (mean over channels)</caption>
        <thead>
          <tr>
            <th scope="col">Signal</th>
            {labels.map((l, t) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: positions are the identity
              <th scope="col" key={t}>
                {l}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {gates.map((g) => {
            const max = Math.max(...g.values, 1e-9);
            return (
              <tr key={`${g.layer}-${g.name}`}>
                <th scope="row">
                  L{g.layer + 1} {NAMES[g.name] ?? g.name}
                </th>
                {Array.from(g.values, (v, t) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: positions are the identity
                  <td key={t} title={v.toFixed(3)}>
                    <span className="gate-bar" style={{ height: `${Math.max(2, (22 * v) / max)}px` }} />
                    <span className="visually-hidden">{v.toFixed(3)}</span>
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
