import { describe, expect, it } from 'vitest';
import { gradeAnswer } from './grading';
import { groundTruth } from './groundTruth';

describe('ground truth: one binding rule for answers and roles', () => {
  it('names keys that bind, the values they bind, and queries (a re-bound key that is asked is a query)', () => {
    const g = groundTruth('ant 3 bee 5 ant 7 _ ant bee cat'.split(' '), 32, 'bindings');
    if (!g.ok) throw new Error(g.problems[0]);
    expect(g.roles).toEqual(['key', 'value', 'key', 'value', 'query', 'value', null, 'query', 'query', null]);
    // Every query role is a position with an answer, and nothing else is.
    expect(g.queries.map((q) => q.position)).toEqual(g.roles.flatMap((r, i) => (r === 'query' ? [i] : [])));
  });

  it('under the other rules only the scored positions have a role', () => {
    const g = groundTruth('1 2 3 4 1 5 6 1'.split(' '), 16, 'induction');
    if (!g.ok) throw new Error(g.problems[0]);
    expect(g.queries).toEqual([{ position: 7, expected: '5' }]);
    expect(g.roles).toEqual([null, null, null, null, null, null, null, 'query']);
  });
});

describe('grading', () => {
  it('is correct only when the top prediction is the expected label; no prediction is missing', () => {
    expect(gradeAnswer('7', '7')).toBe('correct');
    expect(gradeAnswer('7', '3')).toBe('wrong');
    expect(gradeAnswer('7', null)).toBe('missing');
    expect(gradeAnswer('7', undefined)).toBe('missing');
  });
});
