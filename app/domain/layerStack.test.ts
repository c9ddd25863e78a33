import { describe, expect, it } from 'vitest';
import { modelCost } from '../../simulations/cost';
import { editStack, hybridPreset, MAX_LAYERS, stackCost } from './layerStack';

describe('hybrid layer stack', () => {
  it('builds the essay’s hybrids from the cost models’ patterns', () => {
    expect(hybridPreset('griffin', 6)).toEqual([
      'rglru',
      'rglru',
      'slidingWindow',
      'rglru',
      'rglru',
      'slidingWindow',
    ]);
    expect(hybridPreset('jamba', 8).filter((m) => m === 'attention')).toHaveLength(1);
  });

  it('edits: set, add, remove, move; invalid edits change nothing', () => {
    let s = ['attention', 'mamba'];
    s = editStack(s, { kind: 'set', index: 0, mixer: 'rglru' });
    s = editStack(s, { kind: 'add', mixer: 'slidingWindow' });
    s = editStack(s, { kind: 'move', index: 2, by: -1 });
    expect(s).toEqual(['rglru', 'slidingWindow', 'mamba']);
    expect(editStack(s, { kind: 'set', index: 0, mixer: 'nope' })).toEqual(s);
    expect(editStack(s, { kind: 'move', index: 0, by: -1 })).toEqual(s);
    expect(editStack(['mamba'], { kind: 'remove', index: 0 })).toEqual(['mamba']);
    const full = Array.from({ length: MAX_LAYERS }, () => 'mamba');
    expect(editStack(full, { kind: 'add', mixer: 'mamba' })).toHaveLength(MAX_LAYERS);
  });

  it('costs equal the engine’s modelCost, and a hybrid holds far less state than all-attention at long N', () => {
    const stack = hybridPreset('jamba', 8);
    const c = stackCost(stack, { d: 1024, N: 65536 });
    const ref = modelCost(stack, { d: 1024, N: 65536, layers: 8 });
    expect(c.flops).toBeCloseTo(ref.flops, 0);
    expect(c.stateBytes).toBe(ref.stateBytes);
    expect(c.stateBytes).toBeLessThan(c.attentionStateBytes / 4);
    expect(c.perLayer.find((l) => l.mixer === 'attention')?.grows).toBe(true);
  });
});
