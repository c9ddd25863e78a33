import { describe, expect, it } from 'vitest';
import { moveCursor, nearestPoint } from './chartNavigation';

const xs = [[0, 100, 200], [], [90, 210]];

describe('moveCursor', () => {
  it('lands on the first point of the first non-empty series without a cursor', () => {
    expect(moveCursor(null, 'ArrowRight', xs)).toEqual({ series: 0, point: 0 });
    expect(moveCursor(null, 'End', [[], [5]])).toEqual({ series: 1, point: 0 });
    expect(moveCursor(null, 'End', [[], []])).toBeNull();
  });
  it('moves along a series and stops at its ends', () => {
    expect(moveCursor({ series: 0, point: 1 }, 'ArrowRight', xs)).toEqual({ series: 0, point: 2 });
    expect(moveCursor({ series: 0, point: 2 }, 'ArrowRight', xs)).toEqual({ series: 0, point: 2 });
    expect(moveCursor({ series: 0, point: 0 }, 'ArrowLeft', xs)).toEqual({ series: 0, point: 0 });
    expect(moveCursor({ series: 0, point: 1 }, 'End', xs)).toEqual({ series: 0, point: 2 });
    expect(moveCursor({ series: 0, point: 2 }, 'Home', xs)).toEqual({ series: 0, point: 0 });
  });
  it('switches series to the nearest x, skipping empty series and wrapping', () => {
    expect(moveCursor({ series: 0, point: 1 }, 'ArrowDown', xs)).toEqual({ series: 2, point: 0 });
    expect(moveCursor({ series: 0, point: 2 }, 'ArrowDown', xs)).toEqual({ series: 2, point: 1 });
    expect(moveCursor({ series: 2, point: 1 }, 'ArrowDown', xs)).toEqual({ series: 0, point: 2 });
    expect(moveCursor({ series: 0, point: 0 }, 'ArrowUp', xs)).toEqual({ series: 2, point: 0 });
  });
  it('recovers from a cursor that no longer fits the data', () => {
    expect(moveCursor({ series: 0, point: 9 }, 'ArrowLeft', xs)).toEqual({ series: 0, point: 0 });
  });
});

describe('nearestPoint', () => {
  it('finds the closest point in screen space', () => {
    const pts = [
      [
        { x: 0, y: 0 },
        { x: 10, y: 10 },
      ],
      [{ x: 10, y: 30 }],
    ];
    expect(nearestPoint(9, 12, pts)).toEqual({ series: 0, point: 1 });
    expect(nearestPoint(11, 25, pts)).toEqual({ series: 1, point: 0 });
    expect(nearestPoint(0, 0, [[], []])).toBeNull();
  });
});
