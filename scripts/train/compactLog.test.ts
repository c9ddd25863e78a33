import { describe, expect, it } from 'vitest';
import { compactLogJson } from './compactLog';

describe('compactLogJson', () => {
  it('keeps integers exact, rounds other numbers to 6 significant digits, keeps structure', () => {
    const log = {
      steps: [{ step: 12345, loss: 0.72000123456, gradNorm: 1.5292507550211651 }],
      test: { accuracy: 0.993 },
    };
    const parsed = JSON.parse(compactLogJson(log));
    expect(parsed.steps[0].step).toBe(12345);
    expect(parsed.steps[0].loss).toBe(0.720001);
    expect(parsed.steps[0].gradNorm).toBe(1.52925);
    expect(parsed.test.accuracy).toBe(0.993);
    expect(compactLogJson(log).length).toBeLessThan(JSON.stringify(log).length);
  });
});
