import { useEffect } from 'react';
import { useAppStore } from '../state/useAppStore';
import { CompareMatrices } from './CompareMatrices';
import { HybridDesigner } from './HybridDesigner';
import { InspectorPanel } from './InspectorPanel';
import { ModelPicker } from './ModelPicker';
import { PlaygroundBackendBadge } from './PlaygroundBackendBadge';
import { PlaySequenceEditor } from './PlaySequenceEditor';
import { PresetPicker } from './PresetPicker';
import { RecallTable } from './RecallTable';
import { SavedSequences } from './SavedSequences';
import { StressSweep } from './StressSweep';

/**
 * The recall playground: one sequence, any subset of the shipped models side by side, a readout per query,
 * an inspector per model and a stress sweep. Models run in a Web Worker on the CPU reference.
 */
export default function PlaygroundPage() {
  const labelsKey = useAppStore((s) => s.sequence.labels.join(' '));
  const presetId = useAppStore((s) => s.sequence.presetId);
  const modelsKey = useAppStore((s) => s.activeModels().join(','));
  const indexStatus = useAppStore((s) => s.modelIndex.status);
  const runPlayground = useAppStore((s) => s.runPlayground);
  // Re-run whenever what the models see changes (the keys are the dependencies, by value).
  // biome-ignore lint/correctness/useExhaustiveDependencies: the keys are deliberate re-run triggers
  useEffect(() => {
    if (indexStatus !== 'loading') runPlayground();
  }, [labelsKey, presetId, modelsKey, indexStatus, runPlayground]);

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
      <PlaygroundBackendBadge />
      <RecallTable />
      <InspectorPanel />
      <CompareMatrices />
      <StressSweep />
      <HybridDesigner />
    </article>
  );
}
