import { useMemo } from 'react';
import { readOutWords } from '../../simulations/attention/handBuiltHeads';
import { inductionTargets } from '../../simulations/tasks/inductionTargets';
import { ScrollRegion } from '../layout/ScrollRegion';
import { useAppStore } from '../state/useAppStore';

const AMBIGUOUS_MARGIN = 0.05;

/** For every repeated word: what the induction head recalled vs what the sequence says it should (✓/✗). */
export function InductionReadout() {
  const result = useAppStore((s) => s.result);
  const setLockedRow = useAppStore((s) => s.setLockedRow);
  const setHead = useAppStore((s) => s.setHead);
  const rows = useMemo(() => {
    if (!result) return [];
    const recalled = readOutWords(result.tokens, result.output, 0);
    return inductionTargets(result.tokens).map((t) => ({ ...t, readout: recalled[t.position] }));
  }, [result]);
  if (!result) return null;
  if (rows.length === 0) {
    return (
      <p className="hint">
        No word repeats yet, so there is nothing to recall. Repeat a word to test recall.
      </p>
    );
  }
  return (
    <ScrollRegion label="Recall by the induction head (scrolls sideways on narrow screens)">
      <table className="readout" data-testid="recall-readout">
        <caption>Recall by the induction head (head 1)</caption>
        <thead>
          <tr>
            <th scope="col">Position</th>
            <th scope="col">Query</th>
            <th scope="col">Expected</th>
            <th scope="col">Recalled</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            // Below this margin the head mixed two words almost evenly: no honest single answer.
            const ambiguous = r.readout.margin < AMBIGUOUS_MARGIN;
            const ok = !ambiguous && r.readout.word === r.expected;
            const verdict = ok
              ? '✓ recalled'
              : ambiguous
                ? `✗ ambiguous (${r.readout.word} or ${r.readout.runnerUp})`
                : '✗ wrong';
            return (
              <tr key={r.position}>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      setHead(0);
                      setLockedRow(r.position);
                    }}
                  >
                    {r.position} (show row)
                  </button>
                </td>
                <td>{result.tokens[r.position]}</td>
                <td>{r.expected}</td>
                <td>{ambiguous ? `${r.readout.word} / ${r.readout.runnerUp}` : r.readout.word}</td>
                <td className={ok ? 'ok' : 'fail'}>{verdict}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
