import { GateStrips } from '../../components/GateStrips/GateStrips';
import type { GateView } from '../inference/readout';

interface GatePanelProps {
  /** Gate signals of one model, each [T, channels]. */
  gates: GateView[];
  /** Token labels, length T. */
  labels: readonly string[];
}

const NAMES: Record<string, string> = {
  delta: 'step size Δ',
  a: 'decay a (RG-LRU)',
  r: 'recurrence gate r',
  i: 'input gate i',
};

/** A model's gates and step sizes per token and channel; RG-LRU's decays also give a retention curve. */
export function GatePanel({ gates, labels }: GatePanelProps) {
  const decay = gates.find((g) => g.mixer === 'rglru' && g.name === 'a');
  return (
    <div className="gates" data-testid="gate-panel">
      <h3>Gates</h3>
      <GateStrips
        tokens={labels}
        strips={gates.map((g) => ({
          id: `${g.layer}-${g.name}`,
          label: `Layer ${g.layer + 1}: ${NAMES[g.name] ?? g.name}`,
          values: g.values,
          channels: g.channels,
        }))}
        decays={
          decay && {
            label: `Layer ${decay.layer + 1} RG-LRU a_t`,
            values: decay.values,
            channels: decay.channels,
          }
        }
        width={Math.min(640, 160 + 28 * labels.length)}
      />
    </div>
  );
}
