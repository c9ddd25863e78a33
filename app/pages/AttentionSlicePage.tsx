import { useEffect, useId } from 'react';
import { AttentionMatrix } from '../../components/AttentionMatrix/AttentionMatrix';
import { HAND_BUILT_HEAD_NAMES } from '../../simulations/attention/handBuiltHeads';
import { BackendBadge } from '../layout/BackendBadge';
import { appStore, useAppStore } from '../state/useAppStore';
import { InductionReadout } from './InductionReadout';
import { SequenceInput } from './SequenceInput';

/** Edit a token sequence and watch two attention heads' weights update, computed on WebGPU or the CPU. */
export function AttentionSlicePage() {
  const headGroup = useId();
  const result = useAppStore((s) => s.result);
  const backendStatus = useAppStore((s) => s.backendStatus);
  const head = useAppStore((s) => s.head);
  const lockedRow = useAppStore((s) => s.lockedRow);
  const setHead = useAppStore((s) => s.setHead);
  const setLockedRow = useAppStore((s) => s.setLockedRow);

  useEffect(() => {
    void appStore.getState().recompute();
  }, []);

  const T = result?.tokens.length ?? 0;
  const weights = result ? result.weights.subarray(head * T * T, (head + 1) * T * T) : null;

  return (
    <article className="slice">
      <h2>Attention, live</h2>
      <p className="lede">
        Softmax attention lets every token look back at every earlier token. Below are two{' '}
        <strong>hand-built</strong> heads (constructed, not trained): an <em>induction head</em> that attends
        to whatever followed an earlier copy of the current word — associative recall in a single head — and a{' '}
        <em>copy-match head</em> that attends to earlier copies of the word itself. Edit the sequence and the
        matrix is recomputed.
      </p>
      <SequenceInput />
      <fieldset className="head-picker">
        <legend>Head</legend>
        {HAND_BUILT_HEAD_NAMES.map((name, h) => (
          <label key={name}>
            <input type="radio" name={headGroup} checked={head === h} onChange={() => setHead(h)} /> Head{' '}
            {h + 1}: {name}
          </label>
        ))}
      </fieldset>
      <BackendBadge status={backendStatus} runs={result ? [result] : []} testId="backend-badge" />
      {result && weights ? (
        <AttentionMatrix
          weights={weights}
          tokens={result.tokens}
          label={`Head ${head + 1} (${HAND_BUILT_HEAD_NAMES[head]}) attention weights`}
          lockedRow={lockedRow}
          onLockedRowChange={setLockedRow}
        />
      ) : (
        <p role="status">Computing…</p>
      )}
      <InductionReadout />
    </article>
  );
}
