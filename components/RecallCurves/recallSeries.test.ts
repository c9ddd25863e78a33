import { describe, expect, it } from 'vitest';
import { architectureOrder, type RecallResult, recallSeries } from './recallSeries';

const results: RecallResult[] = [
  {
    id: 'mamba-a',
    architecture: 'mamba',
    stateBytes: 4096,
    testAccuracy: 0.75,
    pairsSweep: [
      { numKvPairs: 4, accuracy: 0.3 },
      { numKvPairs: 1, accuracy: 1 },
    ],
  },
  { id: 'attention-b', architecture: 'attention', stateBytes: 16384, testAccuracy: 0.5 },
  {
    id: 'mamba-c',
    architecture: 'mamba',
    stateBytes: 1024,
    testAccuracy: 0.6,
    lengthSweep: [{ seqLen: 64, accuracy: 1 }],
  },
];

describe('recallSeries', () => {
  it('orders architectures alphabetically for stable palette slots', () => {
    expect(architectureOrder(results)).toEqual(['attention', 'mamba']);
  });
  it('makes one series per model with a pairs sweep, sorted by K', () => {
    const s = recallSeries(results, 'pairs');
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ id: 'mamba-a', styleIndex: 1 });
    expect(s[0].points).toEqual([
      { x: 1, y: 1 },
      { x: 4, y: 0.3 },
    ]);
    expect(recallSeries(results, 'length').map((x) => x.id)).toEqual(['mamba-c']);
  });
  it('groups models by architecture on the state axis, sorted by bytes', () => {
    const s = recallSeries(results, 'stateBytes');
    expect(s.map((x) => [x.id, x.styleIndex])).toEqual([
      ['attention', 0],
      ['mamba', 1],
    ]);
    expect(s[1].points).toEqual([
      { x: 1024, y: 0.6, label: 'mamba-c' },
      { x: 4096, y: 0.75, label: 'mamba-a' },
    ]);
  });
});
