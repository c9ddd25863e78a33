import { useMemo } from 'react';
import { architectureCost, type CostParams } from '../../../simulations/cost';
import { bytes } from '../../domain/formatting';
import { ScrollRegion } from '../../layout/ScrollRegion';

const ROWS = [
  { id: 'attention', label: 'Softmax attention (KV cache)' },
  { id: 'slidingWindow', label: 'Sliding window, W = 64' },
  { id: 'linearAttention', label: 'Linear attention, f = 16' },
  { id: 'mamba', label: 'Mamba, state 16' },
  { id: 'rglru', label: 'RG-LRU (Hawk)' },
];
const LENGTHS = [1_024, 16_384, 262_144, 1_048_576];

interface CostFigureProps {
  /** Model width d. */
  d?: number;
}

/** Inference memory per layer as the sequence grows: a KV cache grows with N, a recurrent state does not. */
export function CostFigure({ d = 1024 }: CostFigureProps) {
  const rows = useMemo(
    () =>
      ROWS.map((r) => {
        const a = architectureCost(r.id);
        return {
          ...r,
          grows: a.stateGrowsWithN,
          sizes: LENGTHS.map((N) => {
            const p: Required<CostParams> = {
              d,
              N,
              layers: 1,
              heads: 8,
              window: 64,
              featureDim: 16,
              dState: 16,
              kernelSize: 3,
            };
            return a.perLayer(p).stateBytes;
          }),
        };
      }),
    [d],
  );
  return (
    <figure className="figure">
      <ScrollRegion label="Inference memory by context length">
        <table className="readout">
          <caption>Inference memory of one layer (d = {d}, float32), by context length N</caption>
          <thead>
            <tr>
              <th scope="col">Mixer</th>
              {LENGTHS.map((N) => (
                <th scope="col" key={N}>
                  N = {N.toLocaleString('en')}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.label}</th>
                {r.sizes.map((s, i) => (
                  <td key={LENGTHS[i]} className={r.grows ? 'fail' : undefined}>
                    {bytes(s)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <figcaption>
        Computed by our cost models (simulations/cost). Red: memory that grows with the context. The KV cache
        of one attention layer passes a gigabyte-scale budget long before a million tokens; the recurrent
        states stay put.
      </figcaption>
    </figure>
  );
}
