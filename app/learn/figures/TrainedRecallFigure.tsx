import { useEffect, useMemo, useState } from 'react';
import { RecallCurves } from '../../../components/RecallCurves/RecallCurves';
import { type RecallResult, recallSeries } from '../../../components/RecallCurves/recallSeries';
import { siteBaseUrl, useAppStore } from '../../state/useAppStore';

interface TrainedRecallFigureProps {
  /** MQAR training length of the models to plot. */
  seqLen?: number;
}

/**
 * Our trained models' recall as the number of key–value pairs grows: the accuracy-vs-pairs sweep each
 * train-log.json records (held-out data), fetched from the site's own origin.
 */
export function TrainedRecallFigure({ seqLen = 16 }: TrainedRecallFigureProps) {
  const index = useAppStore((s) => s.modelIndex);
  const [results, setResults] = useState<RecallResult[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const models = useMemo(
    () =>
      index.status === 'ready'
        ? index.models.filter((m) => m.task.kind === 'mqar' && m.task.seqLen === seqLen)
        : [],
    [index, seqLen],
  );
  useEffect(() => {
    if (models.length === 0) return;
    let cancelled = false;
    Promise.all(
      models.map(async (m) => {
        const path = `models/${m.id}/train-log.json`;
        const response = await fetch(new URL(path, siteBaseUrl).href);
        if (!response.ok) throw new Error(`Could not load ${path}: HTTP ${response.status}`);
        const log = (await response.json()) as { pairsSweep?: { numKvPairs: number; accuracy: number }[] };
        return { ...m, pairsSweep: log.pairsSweep } satisfies RecallResult;
      }),
    ).then(
      (r) => !cancelled && setResults(r),
      (e: Error) => !cancelled && setError(e.message),
    );
    return () => {
      cancelled = true;
    };
  }, [models]);
  if (error) return <p className="notice">{error}</p>;
  if (!results) return <p role="status">Loading our models’ training logs…</p>;
  return (
    <figure className="figure">
      <RecallCurves
        title={`Held-out MQAR accuracy vs number of pairs (trained at L = ${seqLen})`}
        series={recallSeries(results, 'pairs')}
        xAxis="pairs"
        width={600}
      />
      <figcaption>
        From each model’s train-log.json: accuracy on fresh examples with K pairs, after training at K ={' '}
        {models[0]?.task.numKvPairs}.
      </figcaption>
    </figure>
  );
}
