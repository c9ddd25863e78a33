import './figure.css';
import { useId } from 'react';

export interface StepControlsProps {
  /** Current step, 0 … last. */
  step: number;
  /** The last step. */
  last: number;
  /** What the slider is called, e.g. "Schedule step". */
  name: string;
  /** Called with the requested step (already clamped). */
  onChange: (step: number) => void;
  /** Added to the step numbers shown (1 for algorithms whose steps are counted from 1). @default 0 */
  displayOffset?: number;
}

/** First / previous / next / last buttons and a slider over the steps of an algorithm. */
export function StepControls({ step, last, name, onChange, displayOffset = 0 }: StepControlsProps) {
  const id = useId();
  const go = (s: number) => onChange(Math.min(last, Math.max(0, s)));
  return (
    <div className="ba-step-controls">
      <button type="button" onClick={() => go(0)} disabled={step === 0}>
        « First
      </button>
      <button type="button" onClick={() => go(step - 1)} disabled={step === 0}>
        ‹ Previous
      </button>
      <button type="button" onClick={() => go(step + 1)} disabled={step === last}>
        Next ›
      </button>
      <button type="button" onClick={() => go(last)} disabled={step === last}>
        Last »
      </button>
      <label htmlFor={id}>
        {name} {step + displayOffset} of {last + displayOffset}
      </label>
      <input
        id={id}
        type="range"
        min={0}
        max={last}
        value={step}
        disabled={last === 0}
        onChange={(e) => go(Number(e.target.value))}
      />
    </div>
  );
}
