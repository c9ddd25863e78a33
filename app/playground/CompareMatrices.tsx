import { useId } from 'react';
import { ImplicitAttention } from '../../components/ImplicitAttention/ImplicitAttention';
import { modelLabel } from '../domain/formatting';
import type { InspectorView } from '../inference/readout';
import { useAppStore } from '../state/useAppStore';

const PREFERENCE: InspectorView['what'][] = ['attention', 'implicit attention', 'retention'];

/** The most attention-like matrix of a model's last layer that has one (head 1). */
export function lastLayerMatrix(views: readonly InspectorView[]): InspectorView | undefined {
  const last = Math.max(-1, ...views.map((v) => v.layer));
  const candidates = views.filter((v) => v.layer === last);
  return PREFERENCE.map((w) => candidates.find((v) => v.what === w)).find(Boolean);
}

/**
 * Every selected model's token-to-token matrix on the same axes: softmax attention next to the implicit
 * attention of linear models and the retention of recurrent ones, with one shared locked query row.
 */
export function CompareMatrices() {
  const id = useId();
  const runs = useAppStore((s) => s.runs);
  const labels = useAppStore((s) => s.sequence.labels);
  const row = useAppStore((s) => s.inspector.row);
  const setInspector = useAppStore((s) => s.setInspector);
  const T = labels.length;
  const panels = Object.entries(runs).flatMap(([model, r]) => {
    if (r.status !== 'ok') return [];
    const v = lastLayerMatrix(r.run.views);
    if (!v || v.weights.length !== v.heads * T * T) return [];
    return [
      {
        title: modelLabel(model),
        weights: v.weights.subarray(0, T * T),
        equation: `layer ${v.layer + 1}: ${v.what}`,
      },
    ];
  });
  if (panels.length < 2) return null;
  return (
    <section className="compare" aria-labelledby={`${id}-title`} data-testid="compare-matrices">
      <h2 id={`${id}-title`}>Side by side: who looks where</h2>
      <ImplicitAttention
        panels={panels}
        tokens={labels}
        label="Each selected model's last-layer matrix on this sequence"
        size={Math.min(260, 80 + 14 * T)}
        lockedRow={row !== null && row < T ? row : null}
        onLockedRowChange={(r) => setInspector({ row: r })}
      />
    </section>
  );
}
