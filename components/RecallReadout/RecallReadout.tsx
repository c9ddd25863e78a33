import type { JSX } from 'react';
import { formatProbability } from '../shared/format';
import { grade, type RecallPrediction, type RecallQuery, score } from './grading';
import './RecallReadout.css';

/** One architecture's answers, aligned with the queries. */
export interface ArchitectureReadout {
  /** Stable identity, e.g. "mamba". */
  id: string;
  /** Column header, e.g. "Mamba". */
  name: string;
  /** One prediction per query (null: this architecture gave none, e.g. not run yet). */
  predictions: readonly (RecallPrediction | null)[];
  /** What "why" opens for this architecture, e.g. "attention row" or "retention curve". @default 'explanation' */
  explainWith?: string;
}

export interface RecallReadoutProps {
  /** Caption of the table; also its accessible name. */
  caption: string;
  /** The queries of the sequence, in order. */
  queries: readonly RecallQuery[];
  /** The architectures compared, one column each. */
  architectures: readonly ArchitectureReadout[];
  /** Called when the user asks why an architecture answered a query as it did. */
  onExplain?: (architectureId: string, queryIndex: number) => void;
  /** Called when the pointer or focus enters a query row (null when it leaves), to highlight it elsewhere. */
  onHighlightQuery?: (queryIndex: number | null) => void;
  /** Mark this query row as the one currently explained or highlighted. */
  activeQuery?: number | null;
}

const MARK = { correct: '✓', wrong: '✗', missing: '·' } as const;
const WORD = { correct: 'correct', wrong: 'wrong', missing: 'no prediction' } as const;

/**
 * The per-query recall readout: for each query (rows) and architecture (columns) the predicted label, its
 * probability and ✓/✗ — as a mark, a word for screen readers, and a border style, never colour alone — with a
 * "why?" button that asks the page to show the evidence (the attention row, the retention curve).
 */
export function RecallReadout({
  caption,
  queries,
  architectures,
  onExplain,
  onHighlightQuery,
  activeQuery = null,
}: RecallReadoutProps): JSX.Element {
  if (queries.length === 0 || architectures.length === 0) {
    return (
      <div className="ba-recall-readout ba-recall-readout--empty" data-testid="recall-readout" role="status">
        {queries.length === 0
          ? 'No queries: repeat a key after its value to ask the models to recall it.'
          : 'No architectures to compare.'}
      </div>
    );
  }
  const scores = architectures.map((a) => score(queries, a.predictions));
  return (
    <div className="ba-recall-readout" data-testid="recall-readout">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">query</th>
            <th scope="col">expected</th>
            {architectures.map((a) => (
              <th key={a.id} scope="col">
                {a.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {queries.map((q, qi) => (
            <tr
              // biome-ignore lint/suspicious/noArrayIndexKey: queries are identified by position in the list
              key={qi}
              data-query={qi}
              data-active={activeQuery === qi}
              onPointerEnter={() => onHighlightQuery?.(qi)}
              onPointerLeave={() => onHighlightQuery?.(null)}
              onFocus={() => onHighlightQuery?.(qi)}
              onBlur={() => onHighlightQuery?.(null)}
            >
              <th scope="row">
                <span className="ba-recall-readout__key">{q.key}</span>{' '}
                <span className="ba-recall-readout__pos">t = {q.position}</span>
              </th>
              <td className="ba-recall-readout__expected">{q.expected}</td>
              {architectures.map((a) => {
                const p = a.predictions[qi] ?? null;
                const g = grade(q, p);
                return (
                  <td key={a.id} className="ba-recall-readout__cell" data-grade={g} data-arch={a.id}>
                    <span className="ba-recall-readout__mark" aria-hidden="true">
                      {MARK[g]}
                    </span>
                    <span className="ba-visually-hidden">{WORD[g]}: </span>
                    {p ? (
                      <>
                        <span className="ba-recall-readout__label">{p.label}</span>{' '}
                        <span
                          className="ba-recall-readout__prob"
                          title={Number.isFinite(p.probability) ? undefined : 'probability unavailable'}
                        >
                          {formatProbability(p.probability)}
                        </span>
                      </>
                    ) : (
                      <span className="ba-recall-readout__none">no prediction</span>
                    )}
                    {p && onExplain && (
                      <button
                        type="button"
                        className="ba-recall-readout__why"
                        onClick={() => onExplain(a.id, qi)}
                        aria-label={`Why did ${a.name} answer ${p.label} for “${q.key}” at t = ${q.position}? Show the ${a.explainWith ?? 'explanation'}.`}
                      >
                        why?
                      </button>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              recalled
            </th>
            {architectures.map((a, i) => (
              <td key={a.id} data-testid={`score-${a.id}`}>
                {scores[i].correct} / {scores[i].answered}
                {scores[i].answered < queries.length
                  ? ` (${queries.length - scores[i].answered} unanswered)`
                  : ''}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
