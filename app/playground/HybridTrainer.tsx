import { useId, useState } from 'react';
import { useReducedMotion } from '../../components/shared/useReducedMotion';
import { modelLabel, percent } from '../domain/formatting';
import { stackTrainProblems, TINY_SETTING, TRAIN_STEP_CHOICES } from '../domain/hybridTraining';
import { MIXER_CHOICES } from '../domain/layerStack';
import { useAppStore } from '../state/useAppStore';
import { TrainingCurves } from './TrainingCurves';

const nameOf = (id: string) => MIXER_CHOICES.find((m) => m.id === id)?.name ?? id;

interface HybridTrainerProps {
  /** The designer's stack (cost-model mixer ids), bottom layer first. */
  stack: readonly string[];
}

/**
 * "Train this stack": the stack as a tiny model in the shipped tiny models' MQAR setting, trained by the
 * project's trainer in a Web Worker, with a progress bar (step, loss, validation accuracy), live loss and validation-accuracy curves and Cancel. The
 * trained model joins the model list as "your hybrid" and runs on the playground's sequence.
 */
export function HybridTrainer({ stack }: HybridTrainerProps) {
  const id = useId();
  const [steps, setSteps] = useState<number>(TINY_SETTING.steps);
  const training = useAppStore((s) => s.hybridTraining);
  const trainStack = useAppStore((s) => s.trainStack);
  const cancel = useAppStore((s) => s.cancelTraining);
  const trained = useAppStore((s) => s.trainedModels);
  const history = useAppStore((s) => s.hybridHistory);
  const reducedMotion = useReducedMotion();
  const problems = stackTrainProblems(stack, nameOf);
  const busy = training.status === 'training' || training.status === 'registering';
  return (
    <section className="hybrid-train" data-testid="hybrid-train" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Train this stack</h3>
      <p className="hint">
        As a tiny model in the setting of the shipped tiny models: MQAR with {TINY_SETTING.numKvPairs} pairs
        in {TINY_SETTING.seqLen} tokens, vocabulary {TINY_SETTING.vocabSize}, d_model {TINY_SETTING.dModel},
        no MLPs, batch {TINY_SETTING.batchSize}, learning rate {TINY_SETTING.learningRate}, seed 1. It trains
        in a Web Worker on one CPU core (about a minute for 600 steps; Mamba layers are slower) while the page
        stays usable, and stays in this tab only.
      </p>
      {problems.length > 0 && (
        <p className="hint" data-testid="train-problems">
          To train it: {problems.join('; ')}.
        </p>
      )}
      <p>
        <label htmlFor={`${id}-steps`}>Steps</label>{' '}
        <select
          id={`${id}-steps`}
          data-testid="train-steps"
          value={steps}
          disabled={busy}
          onChange={(e) => setSteps(Number(e.target.value))}
        >
          {TRAIN_STEP_CHOICES.map((n) => (
            <option key={n} value={n}>
              {n}
              {n === TINY_SETTING.steps ? ' (as the shipped models)' : ''}
            </option>
          ))}
        </select>{' '}
        <button
          type="button"
          data-testid="train-start"
          disabled={busy || problems.length > 0}
          onClick={() => trainStack(stack, steps)}
        >
          Train this stack
        </button>{' '}
        {training.status === 'training' && (
          <button type="button" data-testid="train-cancel" onClick={cancel}>
            Cancel training
          </button>
        )}
      </p>
      {training.status === 'training' && (
        <div className="train-progress" data-testid="train-progress" data-step={training.step}>
          <progress
            max={training.totalSteps}
            value={training.step}
            aria-label={`Training ${training.stack.map(nameOf).join(' + ')}`}
          />{' '}
          <span>
            Step {training.step} / {training.totalSteps}
            {training.loss !== null && ` · loss ${training.loss.toFixed(3)}`}
            {training.validation &&
              ` · validation accuracy ${percent(training.validation.accuracy)} (step ${training.validation.step})`}
          </span>
        </div>
      )}
      {training.status !== 'idle' && history.loss.points.length > 0 && (
        <TrainingCurves
          history={history}
          totalSteps={'totalSteps' in training ? training.totalSteps : undefined}
          live={training.status === 'training'}
          reducedMotion={reducedMotion}
        />
      )}
      <div role="status" data-testid="train-status">
        {training.status === 'registering' && 'Trained; handing the model to the inference worker…'}
        {training.status === 'done' && (
          <>
            Trained: <strong>{modelLabel(training.modelId)}</strong> joined the model list and runs on the
            sequence above
            {(() => {
              const m = trained.find((t) => t.id === training.modelId);
              return m
                ? ` (held-out test accuracy ${percent(m.testAccuracy)} after ${m.stepsRun} steps, ${m.wallSeconds.toFixed(0)} s).`
                : '.';
            })()}
          </>
        )}
        {training.status === 'cancelled' && `Cancelled at step ${training.step} of ${training.totalSteps}.`}
      </div>
      {training.status === 'error' && (
        <p className="notice" role="alert" data-testid="train-error">
          {training.message}
        </p>
      )}
    </section>
  );
}
