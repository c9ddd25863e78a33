import { useMemo } from 'react';
import { CostCharts } from '../../../components/CostCharts/CostCharts';
import { costSweep, powersOfTwo } from '../../../components/CostCharts/costSweep';

interface CostCurvesFigureProps {
  /** Cost-model ids to draw (simulations/cost). */
  ids?: string[];
  /** Model width d. */
  d?: number;
  /** Caption under the charts. */
  caption?: string;
}

/** FLOPs and inference state against sequence length, from our cost models, drawn by CostCharts. */
export function CostCurvesFigure({
  ids = ['attention', 'slidingWindow', 'linearAttention', 'mamba', 's4d'],
  d = 256,
  caption,
}: CostCurvesFigureProps) {
  const curves = useMemo(() => costSweep(powersOfTwo(6, 16), { d, layers: 1, heads: 4 }, ids), [ids, d]);
  return (
    <figure className="figure">
      <CostCharts
        curves={curves}
        setting={`one layer, d = ${d}, float32`}
        chartWidth={360}
        chartHeight={260}
      />
      {caption && <figcaption>{caption}</figcaption>}
    </figure>
  );
}
