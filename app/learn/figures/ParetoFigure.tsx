import { scaleLinear, scaleLog } from 'd3';
import { useMemo } from 'react';
import { bytes, percent } from '../../domain/formatting';
import type { ModelIndexEntry } from '../../domain/modelIndex';
import { useAppStore } from '../../state/useAppStore';

interface ParetoFigureProps {
  /** Which training setting to plot (MQAR sequence length). */
  seqLen?: number;
  /** Plot width in px. */
  width?: number;
  /** Plot height in px. */
  height?: number;
}

/** The points on the upper-left frontier: no other model has less state AND more accuracy. */
export function paretoFrontier(models: readonly ModelIndexEntry[]): ModelIndexEntry[] {
  const sorted = [...models].sort((a, b) => a.stateBytes - b.stateBytes || b.testAccuracy - a.testAccuracy);
  const frontier: ModelIndexEntry[] = [];
  for (const m of sorted)
    if (frontier.length === 0 || m.testAccuracy > frontier[frontier.length - 1].testAccuracy)
      frontier.push(m);
  return frontier;
}

/** Held-out MQAR accuracy against inference state size for our shipped models of one setting (index.json). */
export function ParetoFigure({ seqLen = 16, width = 640, height = 380 }: ParetoFigureProps) {
  const index = useAppStore((s) => s.modelIndex);
  const models = useMemo(
    () =>
      index.status === 'ready'
        ? index.models.filter((m) => m.task.kind === 'mqar' && m.task.seqLen === seqLen)
        : [],
    [index, seqLen],
  );
  if (index.status === 'loading') return <p role="status">Loading our models’ results…</p>;
  if (index.status === 'error') return <p className="notice">{index.message}</p>;
  if (models.length === 0) return <p className="hint">No shipped MQAR models at L = {seqLen}.</p>;
  const margin = { top: 16, right: 24, bottom: 48, left: 56 };
  const x = scaleLog()
    .domain([
      Math.min(...models.map((m) => m.stateBytes)) / 1.5,
      Math.max(...models.map((m) => m.stateBytes)) * 1.5,
    ])
    .range([margin.left, width - margin.right]);
  const y = scaleLinear()
    .domain([0, 1])
    .range([height - margin.bottom, margin.top]);
  const frontier = paretoFrontier(models);
  const onFrontier = new Set(frontier.map((m) => m.id));
  // Byte ticks at powers of two, at most about six of them across the domain.
  const [lo, hi] = x.domain().map((v) => Math.log2(v));
  const step = Math.max(1, Math.ceil((Math.floor(hi) - Math.ceil(lo)) / 5));
  const ticks: number[] = [];
  for (let e = Math.ceil(lo); e <= hi; e += step) ticks.push(2 ** e);
  const t = models[0].task;
  return (
    <figure className="figure" data-testid="pareto">
      <svg width="100%" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="pareto-title">
        <title id="pareto-title">
          Held-out MQAR accuracy against inference state size, {models.length} models trained at L = {seqLen},
          K = {t.numKvPairs}
        </title>
        {[0, 0.25, 0.5, 0.75, 1].map((v) => (
          <g key={v}>
            <line x1={margin.left} x2={width - margin.right} y1={y(v)} y2={y(v)} stroke="var(--ba-border)" />
            <text x={margin.left - 8} y={y(v) + 4} textAnchor="end" fontSize="12" fill="currentColor">
              {percent(v)}
            </text>
          </g>
        ))}
        {ticks.map((v) => (
          <text
            key={v}
            x={x(v)}
            y={height - margin.bottom + 18}
            textAnchor="middle"
            fontSize="12"
            fill="currentColor"
          >
            {bytes(v)}
          </text>
        ))}
        <text
          x={(margin.left + width - margin.right) / 2}
          y={height - 8}
          textAnchor="middle"
          fontSize="13"
          fill="currentColor"
        >
          inference state at the trained length (log scale)
        </text>
        <polyline
          points={frontier.map((m) => `${x(m.stateBytes)},${y(m.testAccuracy)}`).join(' ')}
          fill="none"
          stroke="var(--ba-accent)"
          strokeWidth="2"
          strokeDasharray="5 4"
        />
        {models.map((m) => (
          <g key={m.id}>
            <circle
              cx={x(m.stateBytes)}
              cy={y(m.testAccuracy)}
              r={onFrontier.has(m.id) ? 6 : 4}
              fill={onFrontier.has(m.id) ? 'var(--ba-accent)' : 'var(--ba-muted)'}
            />
            <title>{`${m.architecture}: ${bytes(m.stateBytes)}, ${percent(m.testAccuracy)}`}</title>
            {onFrontier.has(m.id) && (
              <text x={x(m.stateBytes) + 9} y={y(m.testAccuracy) + 16} fontSize="13" fill="currentColor">
                {m.architecture}
              </text>
            )}
          </g>
        ))}
      </svg>
      {/* Wrapped: a table ignores the 1 px box of .visually-hidden and would stretch the page below it. */}
      <div className="visually-hidden">
        <table>
          <caption>Models, state size and held-out accuracy</caption>
          <tbody>
            {models.map((m) => (
              <tr key={m.id}>
                <th scope="row">{m.architecture}</th>
                <td>{bytes(m.stateBytes)}</td>
                <td>{percent(m.testAccuracy)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <figcaption>
        Each point is one of our trained models (MQAR, L = {seqLen}, K = {t.numKvPairs}, V = {t.vocabSize});
        the dashed line joins the frontier — models no other beats on both axes:{' '}
        {frontier
          .map((m) => `${m.architecture} (${bytes(m.stateBytes)}, ${percent(m.testAccuracy)})`)
          .join(', ')}
        .
      </figcaption>
    </figure>
  );
}
