import { describe, expect, it } from 'vitest';
import { MAX_SEQUENCE_LENGTH, parseSequence } from './parseSequence';

describe('parseSequence', () => {
  it('splits on any whitespace', () => {
    expect(parseSequence('  cat 3\tdog\n7 ')).toEqual({ ok: true, tokens: ['cat', '3', 'dog', '7'] });
  });

  it('accepts unicode letters and punctuation used for queries', () => {
    expect(parseSequence('Köln ? key_1 it’s'.replace('’', "'"))).toEqual({
      ok: true,
      tokens: ['Köln', '?', 'key_1', "it's"],
    });
  });

  it('points at each bad token by index and offset', () => {
    const result = parseSequence('cat <b> dog {x}');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.tokenIndex, p.offset])).toEqual([
      [1, 4],
      [3, 12],
    ]);
    expect(result.problems[0].message).toContain('Token 2');
  });

  it('rejects empty and over-long sequences and tokens', () => {
    expect(parseSequence('   ').ok).toBe(false);
    expect(parseSequence('a'.repeat(17)).ok).toBe(false);
    expect(
      parseSequence(
        Array(MAX_SEQUENCE_LENGTH + 1)
          .fill('x')
          .join(' '),
      ).ok,
    ).toBe(false);
    expect(parseSequence(Array(MAX_SEQUENCE_LENGTH).fill('x').join(' ')).ok).toBe(true);
  });
});
