import { interpolateRdBu } from 'd3';
import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../AttentionMatrix/colorScale';
import { NON_FINITE_COLOR } from './palette';
import {
  colorPosition,
  maxAbsFinite,
  paletteAt,
  paletteLut,
  stateColor,
  stateLegendTicks,
} from './stateColor';

describe('stateColor', () => {
  it('puts 0 at the white middle and ±maxAbs at the ends, clamping beyond', () => {
    expect(colorPosition(0, 5, 'linear')).toBe(0.5);
    expect(colorPosition(5, 5, 'linear')).toBe(1);
    expect(colorPosition(-5, 5, 'linear')).toBe(0);
    expect(colorPosition(50, 5, 'linear')).toBe(1);
    expect(colorPosition(1, 0, 'linear')).toBe(0.5);
  });
  it('symlog lifts small values off the middle much more than linear, keeping sign and ends', () => {
    const lin = colorPosition(0.01, 1, 'linear');
    const sym = colorPosition(0.01, 1, 'symlog');
    expect(sym - 0.5).toBeGreaterThan(20 * (lin - 0.5));
    expect(colorPosition(-0.01, 1, 'symlog')).toBeCloseTo(1 - sym);
    expect(colorPosition(1, 1, 'symlog')).toBeCloseTo(1);
  });
  it('draws non-finite values in the neutral grey', () => {
    expect(Number.isNaN(colorPosition(Number.NaN, 1, 'linear'))).toBe(true);
    expect(stateColor(1, 'linear')(Number.POSITIVE_INFINITY)).toBe(NON_FINITE_COLOR);
  });
  it('negative is blue and positive is red, and grey stands apart from the palette ends', () => {
    const [r0, , b0] = paletteLut()[0];
    const [r1, , b1] = paletteLut()[255];
    expect(b0).toBeGreaterThan(r0);
    expect(r1).toBeGreaterThan(b1);
    expect(contrastRatio(NON_FINITE_COLOR, paletteAt(0.5))).toBeGreaterThan(3);
  });
  it('ticks span the symmetric domain', () => {
    expect(stateLegendTicks(2)).toEqual([-2, -1, 0, 1, 2]);
    expect(stateLegendTicks(0)).toEqual([0]);
  });
  it('3D and 2D share it: linear, symmetric, clamped; the domain ignores non-finite values', () => {
    const color = stateColor(2, 'linear');
    expect(color(0)).toBe(interpolateRdBu(0.5));
    expect(color(-2)).toBe(interpolateRdBu(1)); // dark blue
    expect(color(2)).toBe(interpolateRdBu(0)); // dark red
    expect(color(5)).toBe(color(2));
    expect(stateColor(0, 'linear')(0)).toBe(interpolateRdBu(0.5)); // all-zero states do not divide by 0
    expect(maxAbsFinite([1, -3, Number.NaN, Number.POSITIVE_INFINITY])).toBe(3);
  });
});
