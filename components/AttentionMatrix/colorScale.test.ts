import { describe, expect, it } from 'vitest';
import { parseRgb, textColorOn, weightColorScale } from './colorScale';

describe('weightColorScale', () => {
  it('maps 0 and 1 to the ends of viridis and is monotone in brightness', () => {
    const c = weightColorScale('linear');
    expect(parseRgb(c(0))).toEqual([68, 1, 84]);
    expect(parseRgb(c(1))).toEqual([253, 231, 37]);
    const lum = (w: number) => parseRgb(c(w)).reduce((a, b) => a + b);
    expect(lum(0.2)).toBeLessThan(lum(0.6));
  });
  it('log mode separates small weights that linear mode merges', () => {
    const lin = weightColorScale('linear');
    const log = weightColorScale('log');
    expect(lin(0.001)).toBe(lin(0.002));
    expect(log(0.001)).not.toBe(log(0.01));
    expect(log(0)).toBe(log(1e-9));
  });
  it('picks readable text colours', () => {
    expect(textColorOn('rgb(68, 1, 84)')).toBe('#ffffff');
    expect(textColorOn('rgb(253, 231, 37)')).toBe('#000000');
  });
});
