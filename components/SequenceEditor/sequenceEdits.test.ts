import { describe, expect, it } from 'vitest';
import { chipIntent } from './chipKeys';
import { insertTokens, moveToken, parseEntry, removeToken, replaceToken } from './sequenceEdits';

const seq = ['ant', '3', 'bee', '5'];

describe('sequence edits', () => {
  it('insert, remove and replace return new lists and leave the input alone', () => {
    expect(insertTokens(seq, 2, ['cow', '8'])).toEqual(['ant', '3', 'cow', '8', 'bee', '5']);
    expect(insertTokens(seq, 99, ['x'])).toEqual([...seq, 'x']);
    expect(insertTokens([], 0, ['x'])).toEqual(['x']);
    expect(removeToken(seq, 1)).toEqual(['ant', 'bee', '5']);
    expect(removeToken(seq, 4)).toEqual(seq);
    expect(replaceToken(seq, 3, ['6', '7'])).toEqual(['ant', '3', 'bee', '6', '7']);
    expect(seq).toEqual(['ant', '3', 'bee', '5']);
  });
  it('moves a token to its new position, in both directions and clamped', () => {
    expect(moveToken(seq, 0, 2)).toEqual(['3', 'bee', 'ant', '5']);
    expect(moveToken(seq, 3, 0)).toEqual(['5', 'ant', '3', 'bee']);
    expect(moveToken(seq, 1, 99)).toEqual(['ant', 'bee', '5', '3']);
    expect(moveToken(seq, 2, 2)).toEqual(seq);
    // moving by ±1 is its own inverse
    expect(moveToken(moveToken(seq, 1, 2), 2, 1)).toEqual(seq);
  });
});

describe('parseEntry', () => {
  it('accepts words and rejects bad ones with the engine’s message', () => {
    expect(parseEntry(' cow  8 ')).toEqual({ ok: true, words: ['cow', '8'] });
    const bad = parseEntry('cow b@d 8');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems[0]).toMatch(/Token 2 \(“b@d”\) may contain only/);
    expect(parseEntry('   ')).toEqual({
      ok: false,
      problems: ['Type one or more words, separated by spaces.'],
    });
  });
  it('refuses entries that would overflow the sequence', () => {
    const r = parseEntry('a b c', 2);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems[0]).toMatch('3 new tokens do not fit: the sequence has room for 2 more');
  });
});

describe('chipIntent', () => {
  it('maps keys, with Alt+arrows moving the chip and modifiers left to the browser', () => {
    expect(chipIntent('ArrowLeft')).toBe('previous');
    expect(chipIntent('ArrowRight', { altKey: true })).toBe('moveRight');
    expect(chipIntent('Home', { altKey: true })).toBeNull();
    expect(chipIntent('Delete')).toBe('deleteForward');
    expect(chipIntent('Backspace')).toBe('deleteBackward');
    expect(chipIntent('F2')).toBe('edit');
    expect(chipIntent('ArrowLeft', { ctrlKey: true })).toBeNull();
    expect(chipIntent('a')).toBeNull();
  });
});
