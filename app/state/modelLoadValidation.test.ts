/**
 * Load-time validation as the app sees it: a model a shared link names whose files are refused, or a model
 * trained in the page with NaN weights, shows the validator's message where that model's result would be, and
 * every other model — the ones selected before — stays selected and keeps running.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { initParams } from '../../simulations/model/params';
import type { TrainLog, TrainSettings } from '../../simulations/training/trainer';
import { saveModelWeights } from '../../simulations/weights/modelWeights';
import { readSafetensors } from '../../simulations/weights/safetensors';
import { createAttentionBackend } from '../compute/attentionBackend';
import type { Fetcher } from '../domain/fetcher';
import { createInProcessInferenceClient } from '../inference/inferenceClient';
import { createAppStore } from './appStore';
import type { Trainer } from './slices/hybridSlice';

const PUBLIC = join(import.meta.dirname, '../../public');
const BASE = 'http://site.test/';
const GOOD = 'attention-mqar-l16-k2-d32-s1';
const goodConfig = JSON.parse(readFileSync(join(PUBLIC, 'models', GOOD, 'config.json'), 'utf8'));

/** The good model's weights with a NaN and an Inf in layers.0.mixer.W_qkv. */
function nanWeights(): Uint8Array {
  const { tensors } = readSafetensors(readFileSync(join(PUBLIC, 'models', GOOD, 'model.safetensors')));
  const params = new Map([...tensors].map(([name, t]) => [name, t.data]));
  const w = params.get('layers.0.mixer.W_qkv') as Float32Array;
  w[0] = Number.NaN;
  w[1] = Number.POSITIVE_INFINITY;
  return saveModelWeights(goodConfig, params);
}

/** Serves public/ plus two broken models, as the site's origin would. */
const files: Record<string, Uint8Array> = {
  'models/bad-shape/config.json': new TextEncoder().encode(JSON.stringify({ ...goodConfig, layers: 'x' })),
  'models/bad-nan/config.json': new TextEncoder().encode(JSON.stringify(goodConfig)),
  'models/bad-nan/model.safetensors': nanWeights(),
};
const fetcher: Fetcher = async (url) => {
  const path = url.slice(BASE.length);
  const bytes = files[path] ?? readFileSync(join(PUBLIC, path));
  return {
    ok: true,
    status: 200,
    json: async () => JSON.parse(new TextDecoder().decode(bytes)),
    arrayBuffer: async () => bytes.slice().buffer,
  };
};

/** A trainer that returns the stack's initial weights, with NaN in every tensor when `poisoned`. */
const trainerReturning =
  (poisoned: () => boolean): Trainer =>
  (settings: TrainSettings) => {
    const params = initParams(settings.model, 1);
    if (poisoned()) for (const data of params.values()) data[0] = Number.NaN;
    const log = {
      settings,
      steps: [],
      validation: [{ step: 1, accuracy: 0.5, loss: 1 }],
      stepsRun: 1,
      stoppedEarly: false,
      wallSeconds: 1,
      tokensPerSecond: 1,
      test: { accuracy: 0.5, loss: 1, examples: 1, seed: 1 },
    } satisfies TrainLog;
    return { result: Promise.resolve({ params, log }), cancel: () => {} };
  };

describe('a model the load-time validator refuses, in the app', () => {
  it('a shared link’s broken models show the message; the good model still runs', async () => {
    const store = createAppStore({
      backend: createAttentionBackend(undefined),
      inference: createInProcessInferenceClient(fetcher),
      baseUrl: BASE,
    });
    const selected = [GOOD, 'bad-shape', 'bad-nan'];
    store.getState().setSelectedModels(selected);
    store.getState().runPlayground();
    await vi.waitFor(
      () => expect(Object.values(store.getState().runs).every((r) => r.status !== 'running')).toBe(true),
      { timeout: 20_000 },
    );
    const { runs } = store.getState();
    expect(runs[GOOD].status).toBe('ok');
    expect(runs['bad-shape']).toEqual({
      status: 'error',
      message:
        'models/bad-shape/config.json: config.layers: expected a non-empty array of layer objects, got the string "x"',
    });
    expect(runs['bad-nan']).toEqual({
      status: 'error',
      message:
        'models/bad-nan/model.safetensors: 2 non-finite values (NaN ×1, +Inf ×1) in layers.0.mixer.W_qkv',
    });
    expect(store.getState().activeModels()).toEqual(selected);
  });

  it('a hybrid trained to NaN is refused with the tensor named; the previous hybrid stays selected and runs', async () => {
    let poisoned = false;
    const store = createAppStore({
      backend: createAttentionBackend(undefined),
      inference: createInProcessInferenceClient(fetcher),
      baseUrl: BASE,
      trainer: trainerReturning(() => poisoned),
    });
    store.getState().setSelectedModels([]);
    store.getState().trainStack(['baseConv', 'based'], 30);
    await vi.waitFor(() => expect(store.getState().hybridTraining.status).toBe('done'));
    const [first] = store.getState().trainedModels;
    expect(store.getState().activeModels()).toEqual([first.id]);

    poisoned = true;
    store.getState().trainStack(['baseConv', 'based'], 30);
    await vi.waitFor(() => expect(store.getState().hybridTraining.status).toBe('error'));
    const state = store.getState().hybridTraining;
    expect(state.status === 'error' && state.message).toMatch(
      /^The trained model could not be loaded: weights: 1 non-finite value \(NaN ×1\) in embed\.weight\n/,
    );
    expect(store.getState().trainedModels).toEqual([first]);
    expect(store.getState().activeModels()).toEqual([first.id]);
    store.getState().runPlayground();
    await vi.waitFor(() => expect(store.getState().runs[first.id]?.status).toBe('ok'));
  });
});
