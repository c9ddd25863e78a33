import { describe, expect, it } from 'vitest';
import {
  ARCHITECTURE_COSTS,
  architectureCost,
  HYBRID_PATTERNS,
  modelCost,
  taylorFeatureSize,
} from './costModels';

describe('cost models', () => {
  it('state sizes match the Based paper definitions (hand-computed)', () => {
    const p = { d: 64, N: 256, layers: 1, heads: 1, window: 32, featureDim: 16, dState: 16, kernelSize: 3 };
    expect(architectureCost('attention').perLayer(p).stateBytes).toBe(4 * 2 * 64 * 256);
    expect(architectureCost('slidingWindow').perLayer(p).stateBytes).toBe(4 * 2 * 64 * 32);
    expect(taylorFeatureSize(16)).toBe(153);
    expect(architectureCost('based').perLayer(p).stateBytes).toBe(4 * (64 * 153 + 153));
    expect(architectureCost('mamba').perLayer(p).stateBytes).toBe(4 * 2 * 64 * 16);
    expect(architectureCost('h3').perLayer(p).stateBytes).toBe(4 * 64 * 16);
    expect(architectureCost('hyena').perLayer(p).stateBytes).toBe(4 * 64 * 256);
  });

  it('attention FLOPs by hand at d = 2, N = 3', () => {
    // projections 2·3·2·8 = 96; pairs 6 → 4·2·6 = 48
    expect(
      architectureCost('attention').perLayer({
        d: 2,
        N: 3,
        layers: 1,
        heads: 1,
        window: 1,
        featureDim: 1,
        dState: 1,
        kernelSize: 3,
      }).flops,
    ).toBe(144);
  });

  it('attention memory grows linearly in N; recurrent state is constant', () => {
    for (const a of ARCHITECTURE_COSTS) {
      const at = (N: number) => modelCost([a.id], { d: 64, N, layers: 2 }).stateBytes;
      if (a.stateGrowsWithN) expect(at(2048)).toBe(2 * at(1024));
      else expect(at(4096)).toBe(at(1024));
    }
  });

  it('attention FLOPs grow quadratically, recurrent ones linearly', () => {
    const ratio = (id: string) =>
      modelCost([id], { d: 64, N: 8192, layers: 1 }).flops /
      modelCost([id], { d: 64, N: 4096, layers: 1 }).flops;
    expect(ratio('attention')).toBeGreaterThan(3);
    for (const id of ['mamba', 'rglru', 'based', 'slidingWindow', 'linearAttention'])
      expect(ratio(id)).toBeCloseTo(2, 1);
  });

  it('hybrids sum their layers', () => {
    const g = modelCost(HYBRID_PATTERNS.griffin, { d: 64, N: 128, layers: 3, window: 16 });
    const parts = ['rglru', 'rglru', 'slidingWindow'].map((id) =>
      modelCost([id], { d: 64, N: 128, layers: 1, window: 16 }),
    );
    expect(g.stateBytes).toBe(parts.reduce((s, c) => s + c.stateBytes, 0));
    expect(() => architectureCost('transformer-xl')).toThrow(/No cost model/);
  });
});
