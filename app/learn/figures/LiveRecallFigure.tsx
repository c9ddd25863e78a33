import type { GroundTruthRule } from '../../../simulations/tasks/groundTruth';
import { ScrollRegion } from '../../layout/ScrollRegion';
import { RecallRunsView } from '../../playground/RecallTable';
import { useModelRuns } from '../../state/useModelRuns';

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

/** Trained models run live (in the worker) on one fixed sequence, with their per-query recall (RecallReadout). */
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
      {/* The readout scrolls in a focusable region (no "why?" buttons here to reach it by keyboard). */}
      <ScrollRegion label="Live recall per query">
        <RecallRunsView
          className="live-recall-readout"
          queries={queries}
          runs={runs}
          labels={labels}
          runsFor={text}
          caption="Live: each trained model’s answer per query"
        />
      </ScrollRegion>
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
