import { describe, expect, it } from 'vitest';
import { axisTicks, countUndrawable, drawable, extentOf, formatTick, paddedDomain } from './chartScales';
import { formatBytes, formatNumber } from './format';

const series = [
  {
    id: 'a',
    name: 'a',
    points: [
      { x: 1, y: 0.5 },
      { x: Number.NaN, y: 1 },
      { x: 8, y: 0.25 },
    ],
  },
  {
    id: 'b',
    name: 'b',
    points: [
      { x: 0, y: 0.75 },
      { x: 4, y: Number.POSITIVE_INFINITY },
    ],
  },
];

describe('drawable points', () => {
  it('drops NaN and ±Inf, and non-positive values on a log axis', () => {
    expect(drawable({ x: 0, y: 1 }, 'linear', 'linear')).toBe(true);
    expect(drawable({ x: 0, y: 1 }, 'log2', 'linear')).toBe(false);
    expect(drawable({ x: 1, y: -1 }, 'linear', 'log10')).toBe(false);
    expect(countUndrawable(series, 'linear', 'linear')).toBe(2);
    expect(countUndrawable(series, 'log2', 'linear')).toBe(3);
  });
  it('takes the extent over drawable points only', () => {
    expect(extentOf(series, 'x', 'linear', 'linear')).toEqual([0, 8]);
    expect(extentOf(series, 'x', 'log2', 'linear')).toEqual([1, 8]);
    expect(extentOf(series, 'y', 'log2', 'linear')).toEqual([0.25, 0.5]);
    expect(extentOf([], 'x', 'linear', 'linear')).toBeNull();
  });
});

describe('domains and ticks', () => {
  it('widens log domains to whole powers and a single value to a window', () => {
    expect(paddedDomain([3, 100], 'log2')).toEqual([2, 128]);
    expect(paddedDomain([8, 8], 'log2')).toEqual([8, 16]);
    expect(paddedDomain([1e3, 1e9], 'log10')).toEqual([1e3, 1e9]);
    expect(paddedDomain([0.13, 0.87], 'linear')).toEqual([0.1, 0.9]);
    expect(paddedDomain([5, 5], 'linear')).toEqual([0, 10]);
    expect(paddedDomain([0, 0], 'linear')).toEqual([-1, 1]);
  });
  it('puts log ticks on powers of the base, thinned to the maximum', () => {
    expect(axisTicks('log2', [1, 16])).toEqual([1, 2, 4, 8, 16]);
    expect(axisTicks('log10', [1e2, 1e12], 4)).toEqual([1e2, 1e5, 1e8, 1e11]);
    expect(axisTicks('linear', [0, 1])).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });
});

describe('labels', () => {
  it('formats numbers, ticks and bytes compactly', () => {
    expect(formatNumber(Number.NaN)).toBe('NaN');
    expect(formatNumber(Number.NEGATIVE_INFINITY)).toBe('−∞');
    expect(formatNumber(0.123456)).toBe('0.123');
    expect(formatNumber(2.5e9)).toBe('2.5×10⁹');
    expect(formatNumber(-4e-7)).toBe('-4×10⁻⁷');
    expect(formatTick('log2', 1024)).toBe('1024');
    expect(formatTick('log2', 2 ** 20)).toBe('2²⁰');
    expect(formatTick('log10', 1e6)).toBe('10⁶');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(20452)).toBe('20 KiB');
    expect(formatBytes(1.5 * 1024 ** 2)).toBe('1.5 MiB');
  });
});
