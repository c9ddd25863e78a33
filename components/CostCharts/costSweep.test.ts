import { describe, expect, it } from 'vitest';
import { modelCost } from '../../simulations/cost/costModels';
import { costSweep, powersOfTwo } from './costSweep';

const params = { d: 64, layers: 2 };

describe('costSweep', () => {
  it('lists powers of two', () => {
    expect(powersOfTwo(4, 7)).toEqual([16, 32, 64, 128]);
    expect(powersOfTwo(3, 2)).toEqual([]);
  });
  it('evaluates the engine cost model at every N, in ascending order', () => {
    const [attention] = costSweep([256, 16], params, ['attention']);
    expect(attention.points.map((p) => p.n)).toEqual([16, 256]);
    expect(attention.points[1]).toEqual({ n: 256, ...modelCost(['attention'], { ...params, N: 256 }) });
  });
  it('shows the essay’s contrast: the KV cache grows linearly, a recurrent state stays fixed', () => {
    const [attention, mamba] = costSweep([64, 128], params, ['attention', 'mamba']);
    expect(attention.stateGrowsWithN).toBe(true);
    expect(attention.points[1].stateBytes).toBe(2 * attention.points[0].stateBytes);
    expect(mamba.stateGrowsWithN).toBe(false);
    expect(mamba.points[1].stateBytes).toBe(mamba.points[0].stateBytes);
    // attention's FLOPs grow faster than linearly (the N² score matrix)
    expect(attention.points[1].flops / attention.points[0].flops).toBeGreaterThan(2);
  });
  it('names an unknown id', () => {
    expect(() => costSweep([1], params, ['nope'])).toThrow('nope');
  });
});
