import { useEffect } from 'react';
import { BackendBadge } from '../layout/BackendBadge';
import { appStore, useAppStore } from '../state/useAppStore';
import { CompareMatrices } from './CompareMatrices';
import { HybridDesigner } from './HybridDesigner';
import { InspectorPanel } from './InspectorPanel';
import { ModelPicker } from './ModelPicker';
import { PlaySequenceEditor } from './PlaySequenceEditor';
import { PresetPicker } from './PresetPicker';
import { RecallTable } from './RecallTable';
import { SavedSequences } from './SavedSequences';
import { StressSweep } from './StressSweep';

/** Where the playground's forwards ran (the inference worker's runner) and how long they took. */
function PlaygroundBackend() {
  const runs = useAppStore((s) => s.runs);
  const status = useAppStore((s) => s.inferenceBackend);
  const done = Object.values(runs).flatMap((r) => (r.status === 'ok' ? [r.run] : []));
  return (
    <BackendBadge status={status} runs={done} testId="playground-backend" where="Web Worker" unit="model">
      <p className="hint">
        One forward per model and edit: the readout and the inspector’s matrices, gates and states come from
        the same forward (on the GPU when it answered); stress sweeps run on the CPU.
      </p>
    </BackendBadge>
  );
}

/**
 * The recall playground: one sequence, any subset of the shipped models side by side, a readout per query,
 * an inspector per model and a stress sweep. Models run in a Web Worker; the store re-runs them on every edit
 * while this page watches.
 */
export default function PlaygroundPage() {
  useEffect(() => appStore.getState().watchPlayground(), []);

  return (
    <article className="page playground" data-testid="playground">
      <h1>Recall playground</h1>
      <p className="lede">
        Every model below was trained by us, at tiny scale, on the task named next to it (accuracies are their
        held-out test scores). Edit the sequence and every model re-reads it: a ✓ means its most likely next
        token after the query is the value the sequence last bound to that key.
      </p>
      <PresetPicker />
      <PlaySequenceEditor />
      <SavedSequences />
      <ModelPicker />
      <PlaygroundBackend />
      <RecallTable />
      <InspectorPanel />
      <CompareMatrices />
      <StressSweep />
      <HybridDesigner />
    </article>
  );
}
