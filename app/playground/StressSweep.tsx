import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { modelLabel, percent } from '../domain/formatting';
import { ScrollRegion } from '../layout/ScrollRegion';
import { useAppStore } from '../state/useAppStore';

const LENGTHS = [16, 32, 64];

/** Accuracy vs number of key–value pairs over a batch per point, computed in the worker with progress. */
export function StressSweep() {
  const id = useId();
  const [seqLen, setSeqLen] = useState(16);
  const sweep = useAppStore((s) => s.sweep);
  const start = useAppStore((s) => s.startSweep);
  const cancel = useAppStore((s) => s.cancelSweep);
  const active = useAppStore(useShallow((s) => s.activeModels()));
  const models = Object.keys(sweep.series);
  const ks = [...new Set(Object.values(sweep.series).flatMap((ps) => ps.map((p) => p.pairs)))].sort(
    (a, b) => a - b,
  );
  const running = sweep.status === 'running';
  return (
    <section className="sweep" aria-labelledby={`${id}-title`} data-testid="sweep">
      <h2 id={`${id}-title`}>Stress sweep</h2>
      <p className="hint">
        MQAR accuracy as the number of pairs K grows, on 64 fresh examples per point (fixed seed), each model
        in its own vocabulary, all at the same length L.
      </p>
      <label htmlFor={`${id}-len`}>Length L</label>{' '}
      <select
        id={`${id}-len`}
        value={seqLen}
        onChange={(e) => setSeqLen(Number(e.target.value))}
        disabled={running}
      >
        {LENGTHS.map((l) => (
          <option key={l} value={l}>
            {l}
          </option>
        ))}
      </select>{' '}
      <button
        type="button"
        onClick={() => start(seqLen)}
        disabled={running || active.length === 0}
        data-testid="sweep-run"
      >
        Run sweep
      </button>{' '}
      {running && (
        <button type="button" onClick={cancel}>
          Cancel
        </button>
      )}
      {(running || sweep.total > 0) && (
        <p>
          <label htmlFor={`${id}-progress`}>Progress</label>{' '}
          <progress
            id={`${id}-progress`}
            max={Math.max(1, sweep.total)}
            value={sweep.done}
            data-testid="sweep-progress"
          />{' '}
          {sweep.done} / {sweep.total} points {sweep.status === 'cancelled' && '(cancelled)'}
        </p>
      )}
      {Object.entries(sweep.errors).map(([m, message]) => (
        <p key={m} className="notice">
          {modelLabel(m)}: {message}
        </p>
      ))}
      {models.length > 0 && (
        <ScrollRegion label="Stress sweep results">
          <table className="readout sweep-table" data-testid="sweep-table">
            <caption>Accuracy at L = {sweep.seqLen}</caption>
            <thead>
              <tr>
                <th scope="col">Pairs K</th>
                {models.map((m) => (
                  <th scope="col" key={m}>
                    {modelLabel(m)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {ks.map((k) => (
                <tr key={k}>
                  <th scope="row">{k}</th>
                  {models.map((m) => {
                    const p = sweep.series[m].find((x) => x.pairs === k);
                    return (
                      <td key={m}>
                        {p ? (
                          <>
                            <span
                              className="bar"
                              style={{ width: `${Math.round(60 * p.accuracy)}px` }}
                              aria-hidden="true"
                            />{' '}
                            {percent(p.accuracy)}
                          </>
                        ) : (
                          '–'
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
