import { describe, expect, it } from 'vitest';
import { SCAN_KINDS } from '../../simulations/scans/scanNetworks';
import { formatValue } from '../shared/format';
import { positionsDone, progressAt, runScan, scanInputProblem } from './scanRun';

const a = [0.5, 0.9, 0.2, 1.5, 0.7, 0.3, 0.95];
const b = [1, -2, 0.5, 0.25, 3, -1, 0.1];

/** h_t = a_t h_{t−1} + b_t by hand. */
function byHand(): number[] {
  let h = 0;
  return a.map((at, t) => {
    h = at * h + b[t];
    return h;
  });
}

describe('runScan', () => {
  it.each(SCAN_KINDS)('%s ends on the sequential recurrence', (kind) => {
    const run = runScan(kind, a, b);
    const last = run.slots[run.network.depth];
    expect(run.reference).toEqual(byHand().map((h) => expect.closeTo(h, 12)));
    for (const [t, h] of byHand().entries()) expect(last.b[t]).toBeCloseTo(h, 12);
    expect(run.maxError).toBeLessThan(1e-12);
    expect(positionsDone(run, run.network.depth)).toBe(a.length);
  });

  it('keeps the inputs as level 0 and pads Blelloch with the identity (1, 0)', () => {
    const run = runScan('blelloch', a, b);
    expect(run.network.paddedSize).toBe(8);
    expect(Array.from(run.slots[0].a)).toEqual([...a, 1]);
    expect(Array.from(run.slots[0].b)).toEqual([...b, 0]);
    expect(run.slots).toHaveLength(run.network.depth + 1);
  });

  it('Blelloch holds exclusive prefixes before its last level, so fewer positions are done', () => {
    const run = runScan('blelloch', a, b);
    expect(positionsDone(run, run.network.depth - 1)).toBeLessThan(a.length);
    // Position 0 already holds h_0 = b_0 in the inputs for every network.
    expect(positionsDone(runScan('sequential', a, b), 0)).toBe(1);
  });

  it('counts work and moves level by level up to the totals of the network', () => {
    const run = runScan('blelloch', a, b);
    expect(progressAt(run.network, 0)).toEqual({ work: 0, moves: 0 });
    expect(progressAt(run.network, run.network.depth)).toEqual({
      work: run.network.work,
      moves: run.network.moves,
    });
    const seq = runScan('sequential', a, b).network;
    expect(progressAt(seq, 3)).toEqual({ work: 3, moves: 0 });
  });

  it('treats equal infinities as equal (overflowing values do not fake an error)', () => {
    const run = runScan('hillisSteele', [1e300, 1e300, 1e300], [1e300, 1e300, 1e300]);
    expect(run.reference[2]).toBe(Number.POSITIVE_INFINITY);
    expect(run.maxError).toBe(0);
  });
});

describe('scanInputProblem', () => {
  it('accepts finite inputs of equal length', () => expect(scanInputProblem(a, b)).toBeNull());
  it('names empty, mismatched and non-finite inputs', () => {
    expect(scanInputProblem([], [])).toMatch(/no elements/);
    expect(scanInputProblem([1], [1, 2])).toMatch(/a has 1 values but b has 2/);
    expect(scanInputProblem([1, Number.NaN], [Number.POSITIVE_INFINITY, 2])).toBe(
      'The recurrence has values that are not finite numbers: b[0] = Infinity, a[1] = NaN.',
    );
    const many = Array.from({ length: 6 }, () => Number.NaN);
    expect(scanInputProblem(many, many)).toMatch(/and 8 more\.$/);
  });
});

describe('formatValue', () => {
  it('uses 3 significant digits, exponents for tiny and huge values, and names non-finite ones', () => {
    expect(formatValue(1.23456)).toBe('1.23');
    expect(formatValue(-0.5)).toBe('−0.5');
    expect(formatValue(12345)).toBe('1.2e+4');
    expect(formatValue(0.0001234)).toBe('1.2e-4');
    expect(formatValue(0)).toBe('0');
    expect(formatValue(Number.NaN)).toBe('NaN');
    expect(formatValue(Number.NEGATIVE_INFINITY)).toBe('−∞');
  });
});
