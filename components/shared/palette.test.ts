import { describe, expect, it } from 'vitest';
import { MARKER_SHAPES, markerPath, OKABE_ITO, seriesStyle } from './palette';

describe('seriesStyle', () => {
  it('gives 64 series distinct (colour, marker) pairs, and neighbours different markers', () => {
    const pairs = new Set(
      Array.from({ length: OKABE_ITO.length * MARKER_SHAPES.length }, (_, i) => {
        const s = seriesStyle(i);
        return `${s.color}|${s.marker}`;
      }),
    );
    expect(pairs.size).toBe(64);
    for (let i = 0; i < 20; i++) expect(seriesStyle(i).marker).not.toBe(seriesStyle(i + 1).marker);
  });
  it('uses Okabe–Ito and starts with blue circles', () => {
    expect(seriesStyle(0)).toEqual({ color: '#0072B2', marker: 'circle' });
    expect(seriesStyle(1)).toEqual({ color: '#D55E00', marker: 'square' });
  });
});

describe('markerPath', () => {
  it('draws a distinct path for every shape, larger for a larger area', () => {
    expect(new Set(MARKER_SHAPES.map((shape) => markerPath(shape))).size).toBe(MARKER_SHAPES.length);
    for (const shape of MARKER_SHAPES) {
      expect(markerPath(shape)).toMatch(/^M/);
      expect(markerPath(shape, 200)).not.toBe(markerPath(shape, 20));
    }
  });
});
