import { type ArchitectureReadout, RecallReadout } from '../../components/RecallReadout/RecallReadout';
import type { ModelRun } from '../inference/readout';
import { ScrollRegion } from '../layout/ScrollRegion';
import type { ModelRunState } from '../state/slices/playgroundSlice';
import { useAppStore } from '../state/useAppStore';
import { modelLabel, percent } from './formatting';
import type { Query } from './groundTruth';

/** What "why?" opens in the inspector for a model: the matrix of its last layer, or its state over time. */
function explanationOf(run: ModelRun): { what: string; view: number } | null {
  const last = run.views.length - 1;
  if (last >= 0) {
    const what = run.views[last].what;
    return { what: what === 'retention' ? 'retention row' : `${what} row`, view: last };
  }
  if (run.states.length > 0) return { what: 'state at that step', view: 0 };
  if (run.gates.length > 0) return { what: 'gates at that step', view: 0 };
  return null;
}

/**
 * The playground's readout: the store's runs on the store's sequence, in the library's RecallReadout (✓/✗, the
 * predicted label and its probability per query and model). "why?" focuses the inspector on that model and
 * query: its attention (or implicit attention, or retention) row, or its state at the query's step.
 */
export function RecallTable() {
  const truth = useAppStore((s) => s.truth);
  const runs = useAppStore((s) => s.runs);
  const labels = useAppStore((s) => s.sequence.labels);
  const runsFor = useAppStore((s) => s.runsFor);
  const inspector = useAppStore((s) => s.inspector);
  const setInspector = useAppStore((s) => s.setInspector);
  if (!truth || Object.keys(runs).length === 0)
    return <p className="hint">Select at least one model to see its recall.</p>;
  if (!truth.ok) return null;
  const queries = truth.queries;
  const models = Object.keys(runs);
  const running = models.filter((m) => runs[m].status === 'running');
  const failed = models.flatMap((m) => {
    const r = runs[m];
    return r.status === 'error' ? [{ model: m, message: r.message }] : [];
  });
  const architectures: ArchitectureReadout[] = models.flatMap((m) => {
    const r = runs[m];
    if (r.status === 'error') return [];
    const explain = r.status === 'ok' ? explanationOf(r.run) : null;
    return [
      {
        id: m,
        name: modelLabel(m),
        predictions:
          r.status === 'ok'
            ? r.run.readout.map((q) => ({ label: q.predicted, probability: q.pPredicted }))
            : queries.map(() => null),
        explainWith: explain?.what ?? 'inspector',
      },
    ];
  });
  const explain = (model: string, qi: number) => {
    const r = runs[model];
    if (r?.status !== 'ok') return;
    setInspector({ model });
    setInspector({ layer: explanationOf(r.run)?.view ?? 0, head: 0, row: queries[qi].position });
    const panel = document.querySelector<HTMLElement>('[data-testid="inspector"]');
    panel?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    panel?.querySelector<HTMLElement>('h2')?.focus({ preventScroll: true });
  };
  const active = queries.findIndex((q) => q.position === inspector.row);
  return (
    <div
      className="playground-readout"
      data-testid="recall-table"
      data-for={runsFor}
      data-pending={running.length}
    >
      {queries.length === 0 ? (
        <p className="hint">Nothing to recall yet: repeat a bound key later in the sequence to ask for it.</p>
      ) : (
        <RecallReadout
          caption="Recall per query (✓ = the model’s top prediction is the expected token; “why?” opens its evidence in the inspector)"
          queries={queries.map((q) => ({
            position: q.position,
            key: labels[q.position],
            expected: q.expected,
          }))}
          architectures={architectures}
          onExplain={explain}
          activeQuery={active >= 0 ? active : null}
        />
      )}
      {running.length > 0 && (
        <p className="hint" role="status">
          Running {running.map((m) => modelLabel(m)).join(', ')}…
        </p>
      )}
      {failed.map(({ model, message }) => (
        <p key={model} className="fail model-error" data-testid="model-error" role="alert">
          {modelLabel(model)}: {message}
        </p>
      ))}
    </div>
  );
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
