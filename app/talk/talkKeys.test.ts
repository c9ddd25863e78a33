import { describe, expect, it } from 'vitest';
import { talkAction } from './talkKeys';

describe('talk-mode keys', () => {
  it('steps, jumps and clamps to the scene range', () => {
    expect(talkAction('ArrowRight', 2, 5)).toEqual({ kind: 'go', scene: 3 });
    expect(talkAction('PageDown', 5, 5)).toEqual({ kind: 'go', scene: 5 });
    expect(talkAction('ArrowLeft', 1, 5)).toEqual({ kind: 'go', scene: 1 });
    expect(talkAction('PageUp', 3, 5)).toEqual({ kind: 'go', scene: 2 });
    expect(talkAction('4', 1, 5)).toEqual({ kind: 'go', scene: 4 });
    expect(talkAction('7', 1, 5)).toBeNull();
    expect(talkAction('End', 1, 5)).toEqual({ kind: 'go', scene: 5 });
  });

  it('maps F, R and Escape, and ignores other keys', () => {
    expect(talkAction('f', 1, 5)).toEqual({ kind: 'fullscreen' });
    expect(talkAction('R', 1, 5)).toEqual({ kind: 'reset' });
    expect(talkAction('Escape', 1, 5)).toEqual({ kind: 'exit' });
    expect(talkAction('x', 1, 5)).toBeNull();
  });
});
