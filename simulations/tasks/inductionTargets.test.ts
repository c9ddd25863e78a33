import { describe, expect, it } from 'vitest';
import { inductionTargets } from './inductionTargets';

describe('inductionTargets', () => {
  it('recalls what followed the earlier copy', () => {
    expect(inductionTargets('ant 3 bee 5 ant'.split(' '))).toEqual([
      { position: 4, sourcePosition: 1, expected: '3' },
    ]);
  });

  it('the latest binding wins (key overwrite)', () => {
    const targets = inductionTargets('ant 3 ant 7 ant'.split(' '));
    expect(targets.at(-1)).toEqual({ position: 4, sourcePosition: 3, expected: '7' });
  });

  it('has no target for new tokens or an immediate repeat', () => {
    expect(inductionTargets('a b c'.split(' '))).toEqual([]);
    expect(inductionTargets('a a'.split(' '))).toEqual([]);
  });
});
