import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSharedState, encodeSharedState, type SharedState } from './urlCodec';

const defaults: SharedState = {
  sequenceText: 'ant 3 bee 5 _ ant',
  presetId: 'mqar-16',
  seed: 1,
  models: ['attention-mqar-l16-k2-d32-s1'],
  inspector: { model: null, layer: 0, head: 0, row: null },
};

const word = fc.stringMatching(/^[a-z0-9_]{1,8}$/);
const stateArb = fc.record({
  sequenceText: fc.array(word, { minLength: 1, maxLength: 30 }).map((w) => w.join(' ')),
  presetId: fc.constantFrom('mqar-16', 'mqar-32', 'needle', 'free'),
  seed: fc.nat(100_000),
  models: fc.option(fc.uniqueArray(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,30}$/), { maxLength: 8 }), {
    nil: null,
  }),
  inspector: fc.record({
    model: fc.option(fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/), { nil: null }),
    layer: fc.nat(8),
    head: fc.nat(8),
    row: fc.option(fc.nat(1000), { nil: null }),
  }),
});

describe('URL codec', () => {
  it('round-trips any valid state', () => {
    fc.assert(
      fc.property(stateArb, (state) => {
        const decoded = decodeSharedState(encodeSharedState(state), defaults);
        const expected = state.inspector.model
          ? state
          : { ...state, inspector: { model: null, layer: 0, head: 0, row: null } };
        expect(decoded).toEqual({ status: 'ok', state: expected });
      }),
      { numRuns: 200 },
    );
  });

  it('an empty query is "no shared state", not an error', () => {
    expect(decodeSharedState('', defaults)).toEqual({ status: 'empty' });
  });

  it('an old or missing version falls back to the defaults with a notice', () => {
    for (const q of ['v=0&s=ant', 's=ant+3', 'v=2&s=ant']) {
      const r = decodeSharedState(q, defaults);
      expect(r.status).toBe('invalid');
      if (r.status === 'invalid') {
        expect(r.state).toBe(defaults);
        expect(r.notice).toMatch(/version/);
      }
    }
  });

  it('malformed fields fall back to the defaults with a notice naming the problem', () => {
    const cases: [string, RegExp][] = [
      ['v=1&seed=-4', /seed/],
      ['v=1&seed=1e9', /seed/],
      ['v=1&s=ant+%3Cb%3E', /sequence/],
      ['v=1&m=..%2F..%2Fetc', /model id/],
      ['v=1&p=%F0%9F%92%A9', /preset/],
      ['v=1&il=x', /il/],
    ];
    for (const [q, pattern] of cases) {
      const r = decodeSharedState(q, defaults);
      expect(r.status, q).toBe('invalid');
      if (r.status === 'invalid') expect(r.notice).toMatch(pattern);
    }
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (q) => {
        const r = decodeSharedState(q, defaults);
        expect(['empty', 'ok', 'invalid']).toContain(r.status);
      }),
      { numRuns: 500 },
    );
    expect(decodeSharedState('v=1&%E0%A4%A', defaults).status).not.toBe(undefined);
  });
});
