import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { forward, predictTokens } from '../../simulations/model/forward';
import { groundTruth } from '../playground/groundTruth';
import { createInferenceService } from './inferenceService';
import { type Fetcher, loadShippedModel } from './modelLoader';
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
    });
    const errors = messages.filter((m) => m.type === 'modelError');
    expect(errors.map((e) => e.type === 'modelError' && e.message)).toEqual([
      'Could not load models/nope/config.json: HTTP 404',
      expect.stringContaining(`models/${ATTN}/model.safetensors does not fit models/${ATTN}/config.json`),
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

  it('reads out the runner’s logits (the GPU path) and says which backend answered', async () => {
    const { messages, post } = collect();
    // A fake runner whose logits always put all mass on value "7" (id 16 + 7): the readout must follow them.
    const runner = {
      forward: async (_model: unknown, tokens: ArrayLike<number>) => {
        const logits = new Float32Array(tokens.length * 32).fill(-10);
        for (let t = 0; t < tokens.length; t++) logits[t * 32 + 23] = 10;
        return { logits, attention: [], backend: 'webgpu' as const, milliseconds: 1.5 };
      },
    };
    const service = createInferenceService(publicFetcher(), post, runner);
    await service.handle({
      type: 'run',
      requestId: 5,
      baseUrl: BASE,
      modelIds: [BASED],
      labels: ['ant', '3', 'ant'],
      queries: [{ position: 2, expected: '3' }],
    });
    const result = messages.find((m) => m.type === 'modelResult');
    if (result?.type !== 'modelResult') throw new Error('no result');
    expect(result.run.backend).toBe('webgpu');
    expect(result.run.milliseconds).toBe(1.5);
    expect(result.run.readout[0]).toMatchObject({ predicted: '7', correct: false });
    expect(result.run.views.length).toBeGreaterThan(0); // the inspector still gets the CPU trace
  });
});
