import { describe, expect, it } from 'vitest';
import { channelMeans, finiteExtent, rowHeight, stripColor, tokenAt, tokenForKey } from './stripLayout';

describe('strip layout', () => {
  it('takes the extent of finite values only', () => {
    expect(finiteExtent([0.2, Number.NaN, -1, Number.POSITIVE_INFINITY, 3])).toEqual([-1, 3]);
    expect(finiteExtent([Number.NaN])).toBeNull();
  });
  it('colours the ends of the range with viridis’ ends, clamping outside', () => {
    expect(stripColor(0, [0, 1])).toBe(stripColor(-5, [0, 1]));
    expect(stripColor(1, [0, 1])).not.toBe(stripColor(0, [0, 1]));
    expect(stripColor(3, [3, 3])).toBe(stripColor(0.5, [0, 1]));
  });
  it('maps x to a token and keys to a new selection', () => {
    expect(tokenAt(0, 100, 10)).toBe(0);
    expect(tokenAt(55, 100, 10)).toBe(5);
    expect(tokenAt(150, 100, 10)).toBe(9);
    expect(tokenForKey('ArrowRight', 9, 10)).toBe(9);
    expect(tokenForKey('ArrowLeft', 3, 10)).toBe(2);
    expect(tokenForKey('PageUp', 3, 10)).toBe(9);
    expect(tokenForKey('End', 0, 10)).toBe(9);
    expect(tokenForKey('a', 0, 10)).toBeNull();
  });
  it('sizes rows and averages channels, skipping NaN', () => {
    expect(rowHeight(1)).toBe(14);
    expect(rowHeight(1000)).toBe(2);
    expect([...channelMeans([1, 3, Number.NaN, 4, Number.NaN, Number.NaN], 3, 2)]).toEqual([
      2,
      4,
      Number.NaN,
    ]);
  });
});
