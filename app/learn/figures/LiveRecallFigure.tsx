import { useModelRuns } from '../../inference/useModelRuns';
import type { GroundTruthRule } from '../../playground/presets';
import { RecallTableView } from '../../playground/RecallTable';

interface LiveRecallFigureProps {
  /** The sequence as labels separated by spaces (keys as words, values as numbers, filler _). */
  text: string;
  /** Shipped model ids to run, in column order. */
  models: string[];
  /** Vocabulary the ground truth is read in. */
  vocabSize?: number;
  /** Ground-truth rule. */
  rule?: GroundTruthRule;
  /** Caption under the table. */
  caption?: string;
  /** Change to re-run. */
  runKey?: number;
}

/** Trained models run live (in the worker) on one fixed sequence, with their per-query recall. */
export function LiveRecallFigure({
  text,
  models,
  vocabSize = 32,
  rule = 'bindings',
  caption,
  runKey,
}: LiveRecallFigureProps) {
  const labels = text.split(' ');
  const { queries, runs } = useModelRuns({ labels, vocabSize, rule, models, runKey });
  return (
    <figure className="figure" data-testid="live-recall">
      <p className="sequence-line">
        <code>{text}</code>
      </p>
      <RecallTableView
        queries={queries}
        runs={runs}
        labels={labels}
        caption="Live: each trained model’s answer per query"
      />
      {caption && <figcaption>{caption}</figcaption>}
      <p className="hint">
        <a
          href={`#/playground?v=1&p=free&seed=1&s=${encodeURIComponent(text).replace(/%20/g, '+')}&m=${models.join(',')}`}
        >
          Open this in the playground
        </a>
      </p>
    </figure>
  );
}
