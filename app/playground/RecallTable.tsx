import { ScrollRegion } from '../layout/ScrollRegion';
import type { ModelRunState } from '../state/slices/playgroundSlice';
import { useAppStore } from '../state/useAppStore';
import { modelLabel, percent } from './formatting';
import type { Query } from './groundTruth';

/** The playground's readout: the store's runs on the store's sequence. */
export function RecallTable() {
  const truth = useAppStore((s) => s.truth);
  const runs = useAppStore((s) => s.runs);
  const labels = useAppStore((s) => s.sequence.labels);
  const runsFor = useAppStore((s) => s.runsFor);
  if (!truth || Object.keys(runs).length === 0)
    return <p className="hint">Select at least one model to see its recall.</p>;
  if (!truth.ok) return null;
  return <RecallTableView queries={truth.queries} runs={runs} labels={labels} runsFor={runsFor} />;
}

interface RecallTableViewProps {
  /** Query positions and expected labels. */
  queries: readonly Query[];
  /** Each model's run state, in column order. */
  runs: Record<string, ModelRunState>;
  /** The sequence's labels. */
  labels: readonly string[];
  /** Table caption. */
  caption?: string;
  /** The sequence the runs belong to (exposed as data-for, so tests can wait for a fresh readout). */
  runsFor?: string;
}

/** One row per query, one column per model: ✓/✗, the predicted token and its probability. */
export function RecallTableView({
  queries,
  runs,
  labels,
  caption = 'Recall per query (✓ = the model’s top prediction is the expected token)',
  runsFor,
}: RecallTableViewProps) {
  const models = Object.keys(runs);
  if (queries.length === 0)
    return (
      <p className="hint">Nothing to recall yet: repeat a bound key later in the sequence to ask for it.</p>
    );
  return (
    <ScrollRegion label="Recall per query">
      <table className="readout recall-table" data-testid="recall-table" data-for={runsFor}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Position</th>
            <th scope="col">Query</th>
            <th scope="col">Expected</th>
            {models.map((m) => (
              <th scope="col" key={m} data-model={m}>
                {modelLabel(m)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {queries.map((q, qi) => (
            <tr key={q.position}>
              <td>{q.position}</td>
              <td>{labels[q.position]}</td>
              <td>{q.expected}</td>
              {models.map((m) => {
                const run = runs[m];
                if (run.status === 'running')
                  return (
                    <td key={m} className="hint">
                      running…
                    </td>
                  );
                if (run.status === 'error')
                  return qi === 0 ? (
                    <td
                      key={m}
                      rowSpan={queries.length}
                      className="fail model-error"
                      data-testid="model-error"
                    >
                      {run.message}
                    </td>
                  ) : null;
                const r = run.run.readout[qi];
                return (
                  <td key={m} className={r.correct ? 'ok' : 'fail'} data-model={m} data-correct={r.correct}>
                    {r.correct ? '✓' : '✗'} {r.predicted}{' '}
                    <span className="prob">
                      ({percent(r.pPredicted)}
                      {!r.correct && `; ${q.expected}: ${percent(r.pExpected)}`})
                    </span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              Recalled
            </th>
            {models.map((m) => {
              const run = runs[m];
              const n = run.status === 'ok' ? run.run.readout.filter((r) => r.correct).length : null;
              return (
                <td key={m} data-testid="recall-total" data-model={m}>
                  {n === null ? '–' : `${n} / ${queries.length}`}
                </td>
              );
            })}
          </tr>
        </tfoot>
      </table>
    </ScrollRegion>
  );
}
