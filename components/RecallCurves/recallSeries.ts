/**
 * Turns trained-model results (the fields of `train-log.json` and `public/models/index.json`) into chart
 * series: accuracy vs number of key–value pairs or vs test length (one line per model), or held-out accuracy
 * vs inference-state bytes (one point per model, grouped into a series per architecture).
 */
import type { ChartSeries } from '../shared/chartScales';

/** What the recall charts need from one trained model's log. */
export interface RecallResult {
  /** Model id, e.g. "mamba-mqar-l16-k2-d32-s1". */
  id: string;
  /** Architecture preset, e.g. "mamba". */
  architecture: string;
  /** Bytes of inference state (the KV cache or the fixed recurrent state). */
  stateBytes: number;
  /** Held-out test accuracy. */
  testAccuracy: number;
  /** Accuracy at each number of key–value pairs (MQAR). */
  pairsSweep?: readonly { numKvPairs: number; accuracy: number }[];
  /** Accuracy at each test length (induction heads). */
  lengthSweep?: readonly { seqLen: number; accuracy: number }[];
}

/** The x quantity of a recall chart. */
export type RecallAxis = 'pairs' | 'length' | 'stateBytes';

/** Architectures in a fixed order, so each keeps its palette slot across charts. */
export function architectureOrder(results: readonly RecallResult[]): string[] {
  return [...new Set(results.map((r) => r.architecture))].sort();
}

/**
 * Series for one axis. 'pairs' / 'length': one series per model that has that sweep, points sorted by x.
 * 'stateBytes': one series per architecture, a point per model (labelled with the model id), sorted by bytes.
 * `styleIndex` is the architecture's position in `order`, so colours and markers match between charts.
 */
export function recallSeries(
  results: readonly RecallResult[],
  axis: RecallAxis,
  order: readonly string[] = architectureOrder(results),
): ChartSeries[] {
  const slot = (arch: string) => {
    const i = order.indexOf(arch);
    return i >= 0 ? i : order.length;
  };
  if (axis === 'stateBytes') {
    return order
      .filter((arch) => results.some((r) => r.architecture === arch))
      .map((arch) => ({
        id: arch,
        name: arch,
        styleIndex: slot(arch),
        points: results
          .filter((r) => r.architecture === arch)
          .map((r) => ({ x: r.stateBytes, y: r.testAccuracy, label: r.id }))
          .sort((a, b) => a.x - b.x),
      }));
  }
  return results
    .filter((r) => (axis === 'pairs' ? r.pairsSweep : r.lengthSweep)?.length)
    .map((r) => ({
      id: r.id,
      name: r.id,
      styleIndex: slot(r.architecture),
      points: (axis === 'pairs'
        ? (r.pairsSweep ?? []).map((p) => ({ x: p.numKvPairs, y: p.accuracy }))
        : (r.lengthSweep ?? []).map((p) => ({ x: p.seqLen, y: p.accuracy }))
      ).sort((a, b) => a.x - b.x),
    }));
}
