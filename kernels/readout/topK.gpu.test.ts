/**
 * Top-k readout vs the CPU: k = 1 equals `predictTokens` (argmax, ties to the lower id); k > 1 equals a
 * stable descending sort. Exact (ids and values are copies, no arithmetic).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { predictTokens } from '../../simulations/model/forward';
import { createRng } from '../../simulations/random/rng';
import { getTestGpu, releaseTestGpu } from '../../testing/webgpu';
import { runTopK } from './topK';
import { topKWgsl } from './topK.wgsl';

let device: GPUDevice;
beforeAll(async () => {
  device = (await getTestGpu()).device;
});
afterAll(releaseTestGpu);

function cpuTopK(logits: Float32Array, V: number, k: number) {
  const T = logits.length / V;
  const ids: number[] = [];
  const values: number[] = [];
  for (let t = 0; t < T; t++) {
    const order = Array.from({ length: V }, (_, v) => v).sort(
      (a, b) => logits[t * V + b] - logits[t * V + a] || a - b,
    );
    for (const v of order.slice(0, k)) {
      ids.push(v);
      values.push(logits[t * V + v]);
    }
  }
  return { ids, values };
}

function logits(T: number, V: number, seed: number, ties = false) {
  const rng = createRng(seed);
  // With ties: values on a coarse grid so equal logits are common.
  return Float32Array.from({ length: T * V }, () =>
    ties ? Math.round(rng.nextNormal() * 2) : rng.nextNormal(),
  );
}

describe('top-k readout kernel = CPU reference', () => {
  for (const [T, V, k, ties] of [
    [1, 2, 1, false],
    [45, 32, 1, true],
    [70, 100, 5, true],
    [1024, 64, 16, false],
  ] as const) {
    it(`T=${T} V=${V} k=${k}${ties ? ' (ties)' : ''}`, async () => {
      const x = logits(T, V, T + V + k, ties);
      const gpu = await runTopK(device, x, V, k);
      const cpu = cpuTopK(x, V, k);
      expect([...gpu.ids]).toEqual(cpu.ids);
      expect([...gpu.values]).toEqual(cpu.values);
      if (k === 1) expect([...gpu.ids]).toEqual([...predictTokens(x, V)]);
    });
  }

  it('rejects k outside 1 … min(16, V)', async () => {
    await expect(runTopK(device, new Float32Array(8), 4, 5)).rejects.toThrow(/top-k needs 1 ≤ k ≤ 4/);
  });

  it('a broken kernel is caught (ties go to the higher id)', async () => {
    const broken = topKWgsl.replace(
      'while (pos > 0u && x > bestV[pos - 1u])',
      'while (pos > 0u && x >= bestV[pos - 1u])',
    );
    expect(broken).not.toBe(topKWgsl);
    const x = logits(20, 16, 1, true);
    expect([...(await runTopK(device, x, 16, 3, broken)).ids]).not.toEqual(cpuTopK(x, 16, 3).ids);
  });
});
