import { type ArchitectureReadout, RecallReadout } from '../../components/RecallReadout/RecallReadout';
import type { Query } from '../../simulations/tasks/groundTruth';
import { modelLabel } from '../domain/formatting';
import type { ModelRun } from '../inference/readout';
import type { ModelRunState } from '../state/slices/playgroundSlice';
import { useAppStore } from '../state/useAppStore';

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
    <RecallRunsView
      className="playground-readout"
      queries={queries}
      runs={runs}
      labels={labels}
      runsFor={runsFor}
      caption="Recall per query (✓ = the model’s top prediction is the expected token; “why?” opens its evidence in the inspector)"
      onExplain={explain}
      explainWith={(run) => explanationOf(run)?.what ?? 'inspector'}
      activeQuery={active >= 0 ? active : null}
    />
  );
}

interface RecallRunsViewProps {
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
  /** Class of the wrapper (the playground's and the figures' readouts lay out their headers alike). */
  className?: string;
  /** "why?" on a model's answer to a query; without it the readout has no "why?" buttons. */
  onExplain?: (model: string, queryIndex: number) => void;
  /** What "why?" shows for a model's finished run. */
  explainWith?: (run: ModelRun) => string;
  /** The query row to mark as explained. */
  activeQuery?: number | null;
}

/**
 * Model runs on one sequence in the library's RecallReadout: one row per query, one column per model (✓/✗,
 * the predicted token and its probability; a running model has no prediction yet), a failed model's message
 * below. Store-free: the playground, the chapters' live figures and talk mode pass their own runs.
 */
export function RecallRunsView({
  queries,
  runs,
  labels,
  caption = 'Recall per query (✓ = the model’s top prediction is the expected token)',
  runsFor,
  className = 'playground-readout',
  onExplain,
  explainWith,
  activeQuery = null,
}: RecallRunsViewProps) {
  const models = Object.keys(runs);
  const running = models.filter((m) => runs[m].status === 'running');
  const failed = models.flatMap((m) => {
    const r = runs[m];
    return r.status === 'error' ? [{ model: m, message: r.message }] : [];
  });
  const architectures: ArchitectureReadout[] = models.flatMap((m) => {
    const r = runs[m];
    if (r.status === 'error') return [];
    return [
      {
        id: m,
        name: modelLabel(m),
        predictions:
          r.status === 'ok'
            ? r.run.readout.map((q) => ({ label: q.predicted, probability: q.pPredicted }))
            : queries.map(() => null),
        explainWith: r.status === 'ok' && explainWith ? explainWith(r.run) : 'inspector',
      },
    ];
  });
  return (
    <div className={className} data-testid="recall-table" data-for={runsFor} data-pending={running.length}>
      {queries.length === 0 ? (
        <p className="hint">Nothing to recall yet: repeat a bound key later in the sequence to ask for it.</p>
      ) : (
        <RecallReadout
          caption={caption}
          queries={queries.map((q) => ({
            position: q.position,
            key: labels[q.position],
            expected: q.expected,
          }))}
          architectures={architectures}
          onExplain={onExplain}
          activeQuery={activeQuery}
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
