import { describe, expect, it } from 'vitest';
import { formatProbability } from '../shared/format';
import { grade, score } from './grading';

const queries = [
  { position: 7, key: 'ant', expected: '3' },
  { position: 9, key: 'bee', expected: '5' },
  { position: 11, key: 'cow', expected: '8' },
];

describe('grading', () => {
  it('grades by the expected label, and a missing prediction as missing', () => {
    expect(grade(queries[0], { label: '3', probability: 0.9 })).toBe('correct');
    expect(grade(queries[0], { label: '5', probability: 0.9 })).toBe('wrong');
    expect(grade(queries[0], null)).toBe('missing');
  });
  it('scores only answered queries', () => {
    expect(score(queries, [{ label: '3', probability: 1 }, null, { label: '1', probability: 0.2 }])).toEqual({
      correct: 1,
      answered: 2,
    });
    expect(score([], [])).toEqual({ correct: 0, answered: 0 });
  });
  it('formats probabilities without claiming certainty it does not have', () => {
    expect(formatProbability(0.924)).toBe('92%');
    expect(formatProbability(0.004)).toBe('<1%');
    expect(formatProbability(0.9991)).toBe('>99%');
    expect(formatProbability(1)).toBe('100%');
    expect(formatProbability(0)).toBe('0%');
    expect(formatProbability(Number.NaN)).toBe('–');
    expect(formatProbability(1.5)).toBe('–');
  });
});
