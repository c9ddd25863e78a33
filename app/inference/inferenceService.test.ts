import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { forward, predictTokens } from '../../simulations/model/forward';
import { groundTruth } from '../../simulations/tasks/groundTruth';
import type { Fetcher } from '../domain/fetcher';
import { createInferenceService } from './inferenceService';
import { loadShippedModel } from './modelLoader';
import type { InferenceMessage } from './protocol';

const PUBLIC = join(import.meta.dirname, '../../public');
const BASE = 'http://site.test/sub/';

/** Serves public/ as the site's origin would; `overrides` replaces a file's bytes (or 404s with null). */
const publicFetcher =
  (overrides: Record<string, string | null> = {}): Fetcher =>
  async (url) => {
    const path = url.slice(BASE.length);
    if (path in overrides) {
      const body = overrides[path];
      if (body === null)
        return {
          ok: false,
          status: 404,
          json: async () => null,
          arrayBuffer: async () => new ArrayBuffer(0),
        };
      return {
        ok: true,
        status: 200,
        json: async () => JSON.parse(body),
        arrayBuffer: async () => new TextEncoder().encode(body).buffer,
      };
    }
    const bytes = readFileSync(join(PUBLIC, path));
    return {
      ok: true,
      status: 200,
      json: async () => JSON.parse(bytes.toString('utf8')),
      arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    };
  };

const collect = () => {
  const messages: InferenceMessage[] = [];
  return { messages, post: (m: InferenceMessage) => messages.push(m) };
};

const BASED = 'based-mqar-l16-k2-d32-s1';
const ATTN = 'attention-mqar-l16-k2-d32-s1';

describe('inference service (the worker’s logic)', () => {
  it('reads out every query with the same prediction as the reference forward, plus inspector matrices', async () => {
    const { messages, post } = collect();
    const service = createInferenceService(publicFetcher(), post);
    const text = 'ant 3 bee 5 _ _ _ _ _ _ bee _ ant _ _ _';
    const labels = text.split(' ');
    const truth = groundTruth(labels, 32, 'bindings');
    if (!truth.ok) throw new Error('bad test sequence');
    await service.handle({
      type: 'run',
      requestId: 1,
      baseUrl: BASE,
      modelIds: [ATTN, BASED],
      labels,
      queries: truth.queries,
      trace: true,
    });
    const results = messages.filter((m) => m.type === 'modelResult');
    expect(results.map((m) => m.modelId)).toEqual([ATTN, BASED]);
    for (const m of results) {
      if (m.type !== 'modelResult') continue;
      const model = await loadShippedModel(publicFetcher(), BASE, m.modelId);
      const predicted = predictTokens(forward(model, truth.ids).logits, 32);
      expect(m.run.readout.map((r) => r.position)).toEqual([10, 12]);
      for (const r of m.run.readout) {
        expect(r.predicted).toBe(String(predicted[r.position] - 16));
        expect(r.correct).toBe(r.predicted === r.expected);
        expect(r.pPredicted).toBeGreaterThanOrEqual(r.pExpected);
        expect(r.pPredicted).toBeLessThanOrEqual(1);
      }
    }
    const attention = results[0];
    if (attention.type === 'modelResult') {
      expect(attention.run.views.filter((v) => v.what === 'attention')).toHaveLength(2);
      // Each softmax row sums to 1.
      const w = attention.run.views[0].weights;
      let row = 0;
      for (let j = 0; j < 16; j++) row += w[5 * 16 + j];
      expect(row).toBeCloseTo(1, 5);
    }
    expect(messages.at(-1)).toEqual({ type: 'done', requestId: 1 });
  });

  it('a missing or corrupt model file gives a message naming the file; other models still answer', async () => {
    const { messages, post } = collect();
    const service = createInferenceService(
      publicFetcher({
        [`models/${ATTN}/model.safetensors`]: 'garbage',
        'models/nope/config.json': null,
      }),
      post,
    );
    await service.handle({
      type: 'run',
      requestId: 2,
      baseUrl: BASE,
      modelIds: ['nope', ATTN, BASED],
      labels: ['ant', '3', 'ant'],
      queries: [{ position: 2, expected: '3' }],
      trace: true,
    });
    const errors = messages.filter((m) => m.type === 'modelError');
    expect(errors.map((e) => e.type === 'modelError' && e.message)).toEqual([
      'Could not load models/nope/config.json: HTTP 404',
      expect.stringContaining(`models/${ATTN}/model.safetensors: File is 7 bytes`),
    ]);
    expect(messages.filter((m) => m.type === 'modelResult').map((m) => m.modelId)).toEqual([BASED]);
  });

  it('reports words outside a model’s vocabulary instead of running it', async () => {
    const { messages, post } = collect();
    const service = createInferenceService(publicFetcher(), post);
    await service.handle({
      type: 'run',
      requestId: 3,
      baseUrl: BASE,
      modelIds: [BASED],
      labels: ['ant', '30', 'ant'],
      queries: [],
      trace: true,
    });
    expect(messages[0]).toMatchObject({ type: 'modelError', message: expect.stringMatching(/has no “30”/) });
  });

  it('sweeps accuracy against the number of pairs with progress, deterministic per seed', async () => {
    const run = async () => {
      const { messages, post } = collect();
      const service = createInferenceService(publicFetcher(), post);
      await service.handle({
        type: 'sweep',
        requestId: 4,
        baseUrl: BASE,
        modelIds: [BASED],
        seqLen: 16,
        examples: 8,
        seed: 3,
      });
      return messages;
    };
    const messages = await run();
    const points = messages.flatMap((m) => (m.type === 'sweepPoint' ? [m.point] : []));
    expect(points.map((p) => p.pairs)).toEqual([1, 2, 3, 4]);
    for (const p of points) expect(p.accuracy).toBeGreaterThanOrEqual(0);
    const progress = messages.flatMap((m) => (m.type === 'sweepProgress' ? [m.done] : []));
    expect(progress).toEqual([0, 1, 2, 3, 4]);
    expect((await run()).filter((m) => m.type === 'sweepPoint')).toEqual(
      messages.filter((m) => m.type === 'sweepPoint'),
    );
  });

  it('reads out the runner’s logits AND the inspector’s views from the same forward (the GPU path)', async () => {
    const { messages, post } = collect();
    // A fake runner whose logits always put all mass on value "7" (id 16 + 7), and whose trace holds one
    // attention layer of uniform causal weights: the readout and the inspector must both follow it.
    const calls: { trace?: boolean }[] = [];
    const runner = {
      forward: async (_model: unknown, tokens: ArrayLike<number>, options: { trace?: boolean } = {}) => {
        calls.push(options);
        const T = tokens.length;
        const logits = new Float32Array(T * 32).fill(-10);
        for (let t = 0; t < T; t++) logits[t * 32 + 23] = 10;
        const weights = new Float32Array(T * T);
        for (let i = 0; i < T; i++) for (let j = 0; j <= i; j++) weights[i * T + j] = 1 / (i + 1);
        const layers = options.trace ? [{ kind: 'attention', weights }] : undefined;
        return { logits, attention: [], layers, backend: 'webgpu' as const, milliseconds: 1.5 };
      },
    };
    const service = createInferenceService(publicFetcher(), post, runner);
    const request = {
      type: 'run' as const,
      baseUrl: BASE,
      modelIds: [BASED],
      labels: ['ant', '3', 'ant'],
      queries: [{ position: 2, expected: '3' }],
    };
    await service.handle({ ...request, requestId: 5, trace: true });
    const result = messages.find((m) => m.type === 'modelResult');
    if (result?.type !== 'modelResult') throw new Error('no result');
    expect(result.run.backend).toBe('webgpu');
    expect(result.run.milliseconds).toBe(1.5);
    expect(result.run.readout[0]).toMatchObject({ predicted: '7', correct: false });
    expect(result.run.views).toHaveLength(1);
    expect(result.run.views[0].weights[2 * 3 + 1]).toBeCloseTo(1 / 3);
    // Without the inspector (the chapters' figures), the same single forward runs without a trace.
    await service.handle({ ...request, requestId: 6, trace: false });
    const plain = messages.findLast((m) => m.type === 'modelResult');
    expect(plain?.type === 'modelResult' && plain.run.views).toEqual([]);
    expect(calls).toEqual([{ trace: true }, { trace: false }]);
  });
});
