/**
 * One forward per model and edit: the store re-runs the playground's models itself when the sequence changes,
 * and each model's readout AND the inspector's views come from one forward of the model runner (its trace).
 * Every forward the engine runs goes through simulations/model/forward.ts `forward` (the runner's CPU path
 * calls it); it is counted here, so a second, hidden forward anywhere (a CPU trace for the inspector) fails.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createModelRunner, type ModelRunner } from '../../kernels/runtime/modelRunner';
import { REFERENCE_KERNELS } from '../../simulations/model/kernelSet';
import { createAttentionBackend } from '../compute/attentionBackend';
import type { Fetcher } from '../domain/fetcher';
import { createInProcessInferenceClient } from '../inference/inferenceClient';
import { createAppStore } from './appStore';

const engine = vi.hoisted(() => ({ forwards: 0 }));
vi.mock('../../simulations/model/forward', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../simulations/model/forward')>();
  return {
    ...original,
    forward: (...args: Parameters<typeof original.forward>) => {
      engine.forwards++;
      return original.forward(...args);
    },
  };
});

const PUBLIC = join(import.meta.dirname, '../../public');
const BASE = 'http://site.test/';
const fetcher: Fetcher = async (url) => {
  const bytes = readFileSync(join(PUBLIC, url.slice(BASE.length)));
  return {
    ok: true,
    status: 200,
    json: async () => JSON.parse(bytes.toString('utf8')),
    arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  };
};

const MODELS = ['attention-mqar-l16-k2-d32-s1', 'based-mqar-l16-k2-d32-s1', 'mamba-mqar-l16-k2-d32-s1'];

/** The worker's runner without a GPU, counting its forwards and whether each asked for the trace. */
function countingRunner() {
  const runner: ModelRunner = createModelRunner(undefined, { forceCpu: true, cpuKernels: REFERENCE_KERNELS });
  const calls: boolean[] = [];
  return {
    calls,
    runner: {
      forward: (...args: Parameters<ModelRunner['forward']>) => {
        calls.push(args[2]?.trace ?? false);
        return runner.forward(...args);
      },
    },
  };
}

function storeWith(runner: Pick<ModelRunner, 'forward'>) {
  return createAppStore({
    backend: createAttentionBackend(undefined),
    inference: createInProcessInferenceClient(fetcher, runner),
    baseUrl: BASE,
  });
}

describe('forwards per edit', () => {
  it('an edit in the watched playground runs each model once, readout and inspector from that forward', async () => {
    const counting = countingRunner();
    const store = storeWith(counting.runner);
    store.getState().setModelIndex({ status: 'ready', models: [] });
    store.getState().setSelectedModels(MODELS);
    const unwatch = store.getState().watchPlayground();
    const settled = (labels: string) => () => {
      const { runs, runsFor } = store.getState();
      expect(runsFor).toBe(labels);
      for (const m of MODELS) expect(runs[m]?.status).toBe('ok');
    };
    await vi.waitFor(settled(store.getState().sequence.labels.join(' ')), { timeout: 20_000 });

    engine.forwards = 0;
    counting.calls.length = 0;
    const text = 'ant 3 bee 5 ant 7 _ _ _ _ bee _ ant _ _ _';
    store.getState().setPlayText(text); // the action alone: no page effect, no explicit runPlayground()
    await vi.waitFor(settled(text), { timeout: 20_000 });
    expect(counting.calls).toEqual([true, true, true]); // one runner forward per model, with the trace
    expect(engine.forwards).toBe(MODELS.length); // and no other forward anywhere
    const attention = store.getState().runs[MODELS[0]];
    expect(attention.status === 'ok' && attention.run.views.length).toBeGreaterThan(0);
    const mamba = store.getState().runs[MODELS[2]];
    expect(mamba.status === 'ok' && mamba.run.states.length).toBeGreaterThan(0);

    // An edit that leaves the tokens as they were (a trailing space) runs nothing.
    store.getState().setPlayText(`${text} `);
    await new Promise((r) => setTimeout(r, 50));
    expect(engine.forwards).toBe(MODELS.length);

    // Unticking a model re-runs the others (the store sees the selection change): one forward each.
    engine.forwards = 0;
    store.getState().toggleModel(MODELS[2]);
    await vi.waitFor(
      () => {
        const { runs } = store.getState();
        expect(Object.keys(runs)).toEqual(MODELS.slice(0, 2));
        for (const m of MODELS.slice(0, 2)) expect(runs[m].status).toBe('ok');
      },
      { timeout: 20_000 },
    );
    expect(engine.forwards).toBe(2);

    // Unwatched (the playground is not on screen), edits re-derive the ground truth but run no model.
    unwatch();
    store.getState().setPlayText('ant 3 bee 5 _ _ _ _ _ _ bee _ ant _ _ _');
    await new Promise((r) => setTimeout(r, 50));
    expect(engine.forwards).toBe(2);
    expect(store.getState().truth?.ok && store.getState().truth).toMatchObject({
      queries: [
        { position: 10, expected: '5' },
        { position: 12, expected: '3' },
      ],
    });
  });

  it('a live figure runs each model once, without a trace', async () => {
    const counting = countingRunner();
    const store = storeWith(counting.runner);
    engine.forwards = 0;
    const input = {
      labels: 'ant 3 bee 5 _ _ _ _ _ _ bee _ ant _ _ _'.split(' '),
      vocabSize: 32,
      rule: 'bindings' as const,
      models: MODELS.slice(0, 2),
    };
    const stop = store.getState().watchModelRuns(input);
    const again = store.getState().watchModelRuns({ ...input, labels: [...input.labels] }); // same by value
    await vi.waitFor(
      () => {
        const runs = Object.values(store.getState().figureRuns)[0]?.runs ?? {};
        expect(Object.values(runs).map((r) => r.status)).toEqual(['ok', 'ok']);
      },
      { timeout: 20_000 },
    );
    expect(counting.calls).toEqual([false, false]);
    expect(engine.forwards).toBe(2);
    stop();
    again();
    expect(store.getState().figureRuns).toEqual({});
  });
});
