import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createModel, forward, predictTokens } from './forward';
import { basedPattern, griffinPattern, jambaPattern } from './layerPatterns';
import { initParams, parameterCount } from './params';
import { ARCHITECTURES, architecturePreset, zoologyConfig } from './presets';
import { validateConfig } from './validateConfig';

const small = (arch: string) =>
  architecturePreset(arch, { vocabSize: 32, dModel: 16, maxSeqLen: 24, window: 3 });

describe('tiny-model shell', () => {
  it('is causal: logits at t do not change when tokens after t do (property, fixed seed)', () => {
    const models = ARCHITECTURES.map((a) => createModel(small(a), initParams(small(a), 1)));
    fc.assert(
      fc.property(
        fc.constantFrom(0, 1, 2),
        fc.array(fc.integer({ min: 0, max: 31 }), { minLength: 2, maxLength: 24 }),
        fc.nat(),
        (m, tokens, cut) => {
          const t = cut % (tokens.length - 1);
          const changed = tokens.map((x, i) => (i > t ? (x + 7) % 32 : x));
          const a = forward(models[m], tokens).logits;
          const b = forward(models[m], changed).logits;
          for (let i = 0; i < (t + 1) * 32; i++) expect(b[i]).toBe(a[i]);
          expect(b.slice((t + 1) * 32).some((x, i) => x !== a[(t + 1) * 32 + i])).toBe(true);
        },
      ),
      { seed: 31, numRuns: 40 },
    );
  });

  it('is deterministic given the seed', () => {
    const c = small('attention');
    expect(initParams(c, 5)).toEqual(initParams(c, 5));
    expect(initParams(c, 5).get('embed.weight')).not.toEqual(initParams(c, 6).get('embed.weight'));
    expect(forward(createModel(c, initParams(c, 5)), [1, 2, 3]).logits).toEqual(
      forward(createModel(c, initParams(c, 5)), [1, 2, 3]).logits,
    );
  });

  it('counts parameters by formula (Zoology attention shell)', () => {
    const V = 32;
    const d = 16;
    const L = 24;
    const perLayer =
      2 * d /* norm1 */ + (3 * d * d + 3 * d + d * d + d) /* attention */ + 2 * d; /* norm2 (quirk) */
    expect(parameterCount(small('attention'))).toBe(V * d + L * d + 2 * perLayer + 2 * d);
  });

  it('initialises like Zoology: N(0, 0.02) embeddings, smaller output projections', () => {
    const c = architecturePreset('attention', { vocabSize: 512, dModel: 64, maxSeqLen: 64 });
    const p = initParams(c, 1);
    const std = (x: Float32Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);
    expect(std(p.get('embed.weight') as Float32Array)).toBeCloseTo(0.02, 3);
    expect(std(p.get('layers.0.mixer.W_o') as Float32Array)).toBeCloseTo(0.02 / Math.sqrt(4), 3);
    expect([...(p.get('layers.1.norm1.weight') as Float32Array)].every((x) => x === 1)).toBe(true);
  });

  it('runs a hybrid [attention, sliding window, MLP/GLU] and returns traces of the right shapes', () => {
    const c = zoologyConfig({
      vocabSize: 20,
      dModel: 8,
      maxSeqLen: 10,
      layers: [
        { mixer: { kind: 'attention', heads: 2 }, mlp: 'mlp' },
        { mixer: { kind: 'slidingWindow', window: 2, heads: 1 }, mlp: 'glu' },
      ],
    });
    const { logits, trace } = forward(createModel(c, initParams(c, 2)), [1, 5, 3, 9, 1, 5], { trace: true });
    expect(logits.length).toBe(6 * 20);
    if (!trace) throw new Error('trace requested but missing');
    expect(trace.layers.length).toBe(2);
    expect(trace.layers[0].mixer.kind).toBe('attention');
    expect((trace.layers[0].mixer.weights as Float32Array).length).toBe(2 * 6 * 6);
    expect(trace.finalHidden.length).toBe(6 * 8);
    const w = trace.layers[1].mixer.weights as Float32Array;
    expect(w[5 * 6 + 2]).toBe(0); // query 5 cannot see key 2 with W = 2
    expect(w[5 * 6 + 3]).toBeGreaterThan(0);
    expect(predictTokens(logits, 20).length).toBe(6);
  });

  it('runs Reformer LSH and Routing k-means attention with shared QK, causally', () => {
    for (const mask of [
      { kind: 'lsh', numBuckets: 4, chunkSize: 4, numHashes: 2, seed: 1 },
      { kind: 'kmeans', numClusters: 3, iterations: 4, seed: 1 },
    ]) {
      const c = zoologyConfig({
        vocabSize: 20,
        dModel: 8,
        maxSeqLen: 16,
        layers: [{ mixer: { kind: 'attention', heads: 2, mask }, mlp: 'none' }],
      });
      const model = createModel(c, initParams(c, 4));
      const tokens = [1, 2, 3, 1, 2, 3, 4, 5, 1, 2, 9, 9];
      const { logits, trace } = forward(model, tokens, { trace: true });
      const w = trace?.layers[0].mixer.weights as Float32Array;
      const T = tokens.length;
      for (let i = 0; i < T; i++) for (let j = i + 1; j < T; j++) expect(w[i * T + j]).toBe(0);
      // Sparse: some earlier keys are excluded.
      expect([...w.subarray(0, T * T)].filter((x) => x === 0).length).toBeGreaterThan((T * (T - 1)) / 2);
      const changed = forward(model, [...tokens.slice(0, 6), 7, 7, 7, 7, 7, 7]).logits;
      expect([...changed.subarray(0, 6 * 20)]).toEqual([...logits.subarray(0, 6 * 20)]);
    }
  });

  it('reports invalid configs and not-yet-implemented mixers clearly', () => {
    const griffin = zoologyConfig({ vocabSize: 16, dModel: 8, maxSeqLen: 8, layers: griffinPattern(3, 4) });
    expect(validateConfig(griffin)).toEqual([]);
    const unknown = zoologyConfig({
      vocabSize: 16,
      dModel: 8,
      maxSeqLen: 8,
      layers: [{ mixer: { kind: 'xlstm' }, mlp: 'none' }, ...griffin.layers],
    });
    expect(validateConfig(unknown)).toEqual([
      expect.stringMatching(/^config\.layers\[0\]\.mixer\.kind: unknown mixer "xlstm" \(known: .*rglru/),
    ]);
    expect(() => createModel(unknown, new Map())).toThrow(/xlstm/);
    expect(jambaPattern(8, 4).map((l) => l.mixer.kind)).toEqual([
      'mamba',
      'mamba',
      'mamba',
      'attention',
      'mamba',
      'mamba',
      'mamba',
      'attention',
    ]);
    expect(basedPattern(3, 8, 64).map((l) => l.mixer.kind)).toEqual([
      'baseConv',
      'linearAttention',
      'slidingWindow',
    ]);
    const bad = zoologyConfig({
      vocabSize: 16,
      dModel: 6,
      maxSeqLen: 8,
      layers: [{ mixer: { kind: 'attention', heads: 4 }, mlp: 'none' }],
    });
    expect(validateConfig(bad)[0]).toMatch(/heads must divide dModel 6/);
    expect(() =>
      forward(createModel(small('attention'), initParams(small('attention'), 1)), new Array(25).fill(1)),
    ).toThrow(/maxSeqLen 24/);
  });
});

describe('the Monarch (block-diagonal) MLP', () => {
  it('has block-diagonal weights and mixes across blocks through the transpose', () => {
    const c = zoologyConfig({
      vocabSize: 16,
      dModel: 8,
      maxSeqLen: 8,
      layers: [{ mixer: { kind: 'attention' }, mlp: 'monarch' }],
    });
    const p = initParams(c, 1);
    expect((p.get('layers.0.mlp.W_in') as Float32Array).length).toBe(4 * 2 * 8);
    expect(parameterCount(c)).toBeLessThan(
      parameterCount({ ...c, layers: [{ mixer: { kind: 'attention' }, mlp: 'mlp' }] }),
    );
    const model = createModel(c, p);
    expect(forward(model, [1, 2, 3]).logits.every(Number.isFinite)).toBe(true);
    expect(validateConfig({ ...c, dModel: 6 })).toEqual([
      expect.stringMatching(/Monarch MLP needs dModel divisible by 4/),
    ]);
  });
});

describe('every mixer traces what the visualisations need', () => {
  it('a retention or (implicit) attention matrix per layer, only when asked', () => {
    const T = 7;
    const tokens = [1, 2, 3, 1, 2, 5, 1];
    for (const arch of ARCHITECTURES) {
      const c = small(arch);
      const model = createModel(c, initParams(c, 3));
      const { trace } = forward(model, tokens, { trace: true });
      if (!trace) throw new Error('missing trace');
      for (const layer of trace.layers) {
        const m = layer.mixer;
        const matrix = (m.retention ?? m.implicitAttention ?? m.weights) as Float32Array | undefined;
        if (m.kind === 'mamba') {
          // Mamba's retention curves are computed on demand from Δ and A (selectiveRetention).
          expect((m.delta as Float32Array).length, arch).toBe(T * 2 * c.dModel);
          expect((m.states as Float32Array).length, arch).toBe(T * 2 * c.dModel * 16);
          continue;
        }
        expect(matrix, `${arch} ${m.kind}`).toBeDefined();
        expect((matrix as Float32Array).length % (T * T), `${arch} ${m.kind}`).toBe(0);
        const first = (matrix as Float32Array).subarray(0, T * T);
        for (let i = 0; i < T; i++)
          for (let j = i + 1; j < T; j++) expect(first[i * T + j], `${arch} ${m.kind} causal`).toBe(0);
      }
      const plain = forward(model, tokens);
      expect(plain.trace).toBeUndefined();
      expect(plain.logits).toEqual(forward(model, tokens, { trace: true }).logits);
    }
  });
});
