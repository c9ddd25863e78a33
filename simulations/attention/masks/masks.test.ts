import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../random/rng';
import { causalSoftmaxAttention } from '../causalSoftmaxAttention';
import { maskedSoftmaxAttention } from '../maskedSoftmaxAttention';
import { buildMask } from './buildMask';
import { kmeansClusters } from './kmeansClusters';
import { lshRound } from './lshBuckets';
import type { MaskSpec } from './maskSpec';
import { maskStats, receptiveField } from './maskStats';

/** Renders a mask as rows of '1' (allowed) and '.' for comparison with hand-written pictures. */
const picture = (spec: MaskSpec, T = 8) => {
  const { allowed } = buildMask(spec, T);
  return Array.from({ length: T }, (_, i) =>
    Array.from({ length: T }, (_, j) => (allowed[i * T + j] ? '1' : '.'))
      .join('')
      .replace(/\.+$/, ''),
  );
};

describe('mask specs match their definitions (hand-checked, T = 8)', () => {
  it('sliding window W = 2 keeps W + 1 keys including the current token', () => {
    expect(picture({ kind: 'slidingWindow', window: 2 })).toEqual([
      '1',
      '11',
      '111',
      '.111',
      '..111',
      '...111',
      '....111',
      '.....111',
    ]);
  });
  it('dilated window W = 2, δ = 2', () => {
    expect(picture({ kind: 'dilatedWindow', window: 2, dilation: 2 })).toEqual([
      '1',
      '.1',
      '1.1',
      '.1.1',
      '1.1.1',
      '.1.1.1',
      '..1.1.1',
      '...1.1.1',
    ]);
  });
  it('Sparse Transformer strided, l = 3', () => {
    expect(picture({ kind: 'strided', stride: 3 })).toEqual([
      '1',
      '11',
      '111',
      '1111',
      '.1111',
      '..1111',
      '1..1111',
      '.1..1111',
    ]);
  });
  it('Sparse Transformer fixed, l = 4, c = 1', () => {
    expect(picture({ kind: 'fixed', stride: 4, summaryTokens: 1 })).toEqual([
      '1',
      '11',
      '111',
      '1111',
      '...11',
      '...111',
      '...1111',
      '...11111',
    ]);
  });
  it('Longformer window 1 + global token 0', () => {
    expect(picture({ kind: 'windowGlobal', window: 1, globalTokens: [0] })).toEqual([
      '1',
      '11',
      '111',
      '1.11',
      '1..11',
      '1...11',
      '1....11',
      '1.....11',
    ]);
  });
  it('block-sparse with a 4 × 4 block layout of 2-token blocks', () => {
    const layout = [[true], [false, true], [true, false, true], [false, true, false, true]];
    expect(picture({ kind: 'blockSparse', blockSize: 2, layout })).toEqual([
      '1',
      '11',
      '..1',
      '..11',
      '11..1',
      '11..11',
      '..11..1',
      '..11..11',
    ]);
  });
  it('BigBird: window, global and seeded random blocks', () => {
    const spec: MaskSpec = {
      kind: 'bigBird',
      blockSize: 2,
      windowBlocks: 3,
      globalBlocks: 1,
      randomBlocks: 1,
      seed: 7,
    };
    const rows = picture(spec, 12);
    expect(picture(spec, 12)).toEqual(rows); // deterministic
    // Every query sees block 0 (global) and its own and previous block (window 3 → 1 back).
    for (let i = 0; i < 12; i++) {
      const prevBlockStart = Math.max(0, (Math.floor(i / 2) - 1) * 2);
      for (const j of [0, 1, prevBlockStart, i]) if (j <= i) expect(rows[i][j]).toBe('1');
    }
    // Random blocks add at least one block beyond window and global for late queries.
    const extra = rows.slice(8).some((r) => r.slice(2, 6).includes('1'));
    expect(extra).toBe(true);
  });
});

const specs: MaskSpec[] = [
  { kind: 'full' },
  { kind: 'slidingWindow', window: 3 },
  { kind: 'dilatedWindow', window: 2, dilation: 3 },
  { kind: 'strided', stride: 4 },
  { kind: 'fixed', stride: 4, summaryTokens: 2 },
  { kind: 'windowGlobal', window: 2, globalTokens: [0, 5] },
  { kind: 'bigBird', blockSize: 3, windowBlocks: 3, globalBlocks: 1, randomBlocks: 2, seed: 1 },
  {
    kind: 'blockSparse',
    blockSize: 4,
    layout: [[true], [true, true], [false, true, true], [true, false, false, true]],
  },
  { kind: 'lsh', numBuckets: 4, chunkSize: 4, numHashes: 2, seed: 3 },
  { kind: 'kmeans', numClusters: 3, iterations: 5, seed: 3 },
];

describe('every mask', () => {
  it('is causal and has at least one key per query (property, fixed seed)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: specs.length - 1 }),
        fc.integer({ min: 1, max: 40 }),
        fc.nat(),
        (s, T, seed) => {
          const rng = createRng(seed);
          const sharedQK = Float32Array.from({ length: T * 4 }, () => rng.nextNormal());
          const { allowed } = buildMask(specs[s], T, { sharedQK, dim: 4 });
          for (let i = 0; i < T; i++) {
            let any = 0;
            for (let j = 0; j < T; j++) {
              if (j > i) expect(allowed[i * T + j]).toBe(0);
              any += allowed[i * T + j];
            }
            expect(any).toBeGreaterThan(0);
          }
        },
      ),
      { seed: 11, numRuns: 150 },
    );
  });

  it('masked attention rows sum to 1, and the full mask equals causal attention', () => {
    const rng = createRng(5);
    const T = 20;
    const fill = () => Float32Array.from({ length: 2 * T * 8 }, () => rng.nextNormal());
    const inputs = { q: fill(), k: fill(), v: fill(), heads: 2, seqLen: T, headDim: 8 };
    const full = maskedSoftmaxAttention(inputs, buildMask({ kind: 'full' }, T));
    const ref = causalSoftmaxAttention(inputs);
    expect(Math.max(...full.output.map((x, i) => Math.abs(x - ref.output[i])))).toBeLessThan(1e-6);
    const sparse = maskedSoftmaxAttention(inputs, buildMask({ kind: 'strided', stride: 4 }, T));
    for (let r = 0; r < 2 * T; r++) {
      const sum = sparse.weights.subarray(r * T, (r + 1) * T).reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(1, 5);
    }
    expect(sparse.weights[(0 * T + 10) * T + 1]).toBe(0); // 10 − 1 = 9: neither local nor on the stride
  });
});

describe('data-dependent masks', () => {
  it('LSH puts identical vectors in the same bucket, and is deterministic', () => {
    const rng = createRng(2);
    const base = Array.from({ length: 8 }, () => rng.nextNormal());
    const other = Array.from({ length: 8 }, () => rng.nextNormal());
    const vectors = Float32Array.from([...base, ...other, ...base, ...other.map((x) => 3 * x)]);
    const a = lshRound(vectors, 4, 8, 8, 2, 9);
    expect(a.buckets[0]).toBe(a.buckets[2]);
    expect(a.buckets[1]).toBe(a.buckets[3]); // scaling does not change the argmax
    expect(lshRound(vectors, 4, 8, 8, 2, 9)).toEqual(a);
    expect([...a.sortedOrder].map((p) => a.buckets[p])).toEqual([...a.buckets].sort((x, y) => x - y));
  });

  it('LSH masks and centroid routing depend only on the past (the prefix of rows is stable)', () => {
    const rng = createRng(12);
    const T = 30;
    const a = Float32Array.from({ length: T * 4 }, () => rng.nextNormal());
    const b = Float32Array.from(a);
    for (let i = 15 * 4; i < T * 4; i++) b[i] = rng.nextNormal();
    const centroids = Float32Array.from({ length: 3 * 4 }, () => rng.nextNormal());
    for (const spec of [specs[8], specs[9]]) {
      const ma = buildMask(spec, T, { sharedQK: a, dim: 4, centroids }).allowed;
      const mb = buildMask(spec, T, { sharedQK: b, dim: 4, centroids }).allowed;
      expect([...mb.subarray(0, 15 * T)]).toEqual([...ma.subarray(0, 15 * T)]);
    }
  });

  it('k-means separates well-separated clusters', () => {
    const rng = createRng(4);
    const centres = [
      [10, 0, 0],
      [0, 10, 0],
      [0, 0, 10],
    ];
    const labels = Array.from({ length: 30 }, (_, i) => i % 3);
    const vectors = Float32Array.from(
      labels.flatMap((l) => centres[l].map((c) => c + 0.5 * rng.nextNormal())),
    );
    const found = kmeansClusters(vectors, 30, 3, 3, 10, 1);
    for (let i = 0; i < 30; i++)
      for (let j = 0; j < 30; j++) expect(found[i] === found[j]).toBe(labels[i] === labels[j]);
  });
});

describe('mask statistics', () => {
  it('density and FLOPs against full causal attention', () => {
    const T = 8;
    const s = maskStats(buildMask({ kind: 'slidingWindow', window: 2 }, T), 16);
    expect(s.allowedPairs).toBe(1 + 2 + 3 * 6);
    expect(s.densityVsCausal).toBeCloseTo(21 / 36);
    expect(s.flops).toBe(4 * 16 * 21);
    expect(s.flopsVsFull).toBeCloseTo(21 / 36);
    expect(maskStats(buildMask({ kind: 'full' }, T), 16).flopsVsFull).toBe(1);
  });

  it('receptive field of a sliding window grows by W per layer: min(i + 1, k·W + 1)', () => {
    const T = 40;
    const W = 3;
    const mask = buildMask({ kind: 'slidingWindow', window: W }, T);
    for (const k of [1, 2, 5]) {
      const rf = receptiveField(mask, k);
      for (let i = 0; i < T; i++) expect(rf[i]).toBe(Math.min(i + 1, k * W + 1));
    }
    expect([...receptiveField(buildMask({ kind: 'full' }, 5), 1)]).toEqual([1, 2, 3, 4, 5]);
  });
});
