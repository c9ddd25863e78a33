import { describe, expect, it } from 'vitest';
import { bytes, modelLabel, percent } from './formatting';

describe('playground formatting', () => {
  it('formats percentages, byte sizes and model ids', () => {
    expect(percent(1)).toBe('100%');
    expect(percent(0.756)).toBe('75.6%');
    expect(bytes(8192)).toBe('8.0 KiB');
    expect(bytes(65536)).toBe('64 KiB');
    expect(modelLabel('mamba-mqar-l16-k2-d32-s1', 'mamba')).toBe('mamba · mqar L16 K2 d32');
    expect(modelLabel('attention-rope-induction-heads-l32-d32-s1', 'attention-rope')).toBe(
      'attention-rope · induction-heads L32 d32',
    );
    expect(modelLabel('hybrid-2-mamba.slidingwindow.rglru')).toBe(
      'your hybrid 2 · Mamba + sliding window + RG-LRU',
    );
  });
});
