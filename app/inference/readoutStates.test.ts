import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createModelRunner } from '../../kernels/runtime/modelRunner';
import { REFERENCE_KERNELS } from '../../simulations/model/kernelSet';
import { groundTruth } from '../../simulations/tasks/groundTruth';
import { loadShippedModel } from './modelLoader';
import { encodeForModel, readOut } from './readout';

const PUBLIC = join(import.meta.dirname, '../../public');
const BASE = 'http://site.test/';
const fetcher = async (url: string) => {
  const bytes = readFileSync(join(PUBLIC, url.slice(BASE.length)));
  return {
    ok: true,
    status: 200,
    json: async () => JSON.parse(bytes.toString('utf8')),
    arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  };
};

const LABELS = 'ant 3 bee 5 _ _ _ _ _ _ bee _ ant _ _ _'.split(' ');
const T = LABELS.length;

async function statesOfModel(arch: string) {
  const model = await loadShippedModel(fetcher, BASE, `${arch}-mqar-l16-k2-d32-s1`);
  const truth = groundTruth(LABELS, 32, 'bindings');
  if (!truth.ok) throw new Error('bad sequence');
  const forwardResult = await createModelRunner(undefined, {
    forceCpu: true,
    cpuKernels: REFERENCE_KERNELS,
  }).forward(model, encodeForModel(model, LABELS), { trace: true });
  return readOut(model, LABELS, truth.queries, forwardResult).states;
}

describe('the inspector’s state evolution, from the runner’s trace (here the CPU reference)', () => {
  it.each([
    ['mamba', 2, [T, 64, 16], 'state dim n'],
    ['hawk', 2, [T, 1, 32], 'channel'],
    ['s4d', 2, [T, 32, 32], 'mode n'],
    ['linear-attention', 2, [T, 16, 32], 'value dim'],
    ['gla', 4, [T, 8, 16], 'value dim'],
  ])('%s: %i state views of shape %j per step', async (arch, count, shape, colLabel) => {
    const states = await statesOfModel(arch);
    expect(states).toHaveLength(count);
    for (const s of states) {
      expect(s.shape).toEqual(shape);
      expect(s.values).toHaveLength(shape[0] * shape[1] * shape[2]);
      expect(s.values.every(Number.isFinite)).toBe(true);
      expect(s.colLabel).toBe(colLabel);
    }
  });

  it('a linear-attention state accumulates (it never forgets): more mass at the end than after one token', async () => {
    const [first] = await statesOfModel('linear-attention');
    const [, rows, cols] = first.shape;
    const sum = (t: number) =>
      first.values.subarray(t * rows * cols, (t + 1) * rows * cols).reduce((a, b) => a + Math.abs(b), 0);
    expect(sum(T - 1)).toBeGreaterThan(sum(0));
  });

  it('softmax attention has no fixed state to show', async () => {
    expect(await statesOfModel('attention')).toEqual([]);
  });
});
