import { describe, expect, it } from 'vitest';
import { createAttentionBackend } from '../compute/attentionBackend';
import { createAppStore, DEFAULT_SEQUENCE } from './appStore';

const cpuStore = (text?: string) =>
  createAppStore({ backend: createAttentionBackend(undefined), initialText: text });

describe('app store', () => {
  it('computes the default sequence on the CPU when there is no WebGPU, and says why', async () => {
    const store = cpuStore();
    await store.getState().recompute();
    const { result, backendStatus, tokens } = store.getState();
    expect(tokens).toEqual(DEFAULT_SEQUENCE.split(' '));
    expect(result?.backend).toBe('cpu');
    expect(result?.weights.length).toBe(2 * 12 * 12);
    expect(backendStatus).toEqual({
      backend: 'cpu',
      reason: expect.stringMatching(/WebGPU is not available/),
    });
  });

  it('keeps the last good tokens and result when the text becomes invalid', async () => {
    const store = cpuStore();
    await store.getState().recompute();
    const before = store.getState().result;
    store.getState().setSequenceText('ant 3 <oops> 5');
    const s = store.getState();
    expect(s.sequenceText).toBe('ant 3 <oops> 5');
    expect(s.problems[0].tokenIndex).toBe(2);
    expect(s.tokens).toEqual(DEFAULT_SEQUENCE.split(' '));
    expect(s.result).toBe(before);
  });

  it('recomputes on a valid edit and drops the lock if the row no longer exists', async () => {
    const store = cpuStore();
    store.getState().setLockedRow(11);
    store.getState().setSequenceText('ant 3 ant');
    expect(store.getState().lockedRow).toBeNull();
    await store.getState().recompute();
    expect(store.getState().result?.tokens).toEqual(['ant', '3', 'ant']);
  });

  it('a bad initial text falls back to the default tokens but keeps the text and problems', () => {
    const store = cpuStore('{bad}');
    expect(store.getState().sequenceText).toBe('{bad}');
    expect(store.getState().problems.length).toBe(1);
    expect(store.getState().tokens.length).toBe(12);
  });
});
