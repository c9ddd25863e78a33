import { describe, expect, it } from 'vitest';
import { causalSoftmaxAttention } from './causalSoftmaxAttention';
import { buildHandBuiltHeads, readOutWords, wordEmbedding } from './handBuiltHeads';

const argmaxRow = (weights: Float32Array, T: number, head: number, i: number): number => {
  let best = 0;
  for (let j = 1; j <= i; j++)
    if (weights[(head * T + i) * T + j] > weights[(head * T + i) * T + best]) best = j;
  return best;
};

describe('hand-built heads', () => {
  const tokens = 'ant 3 bee 5 cow 8 bee ant cow'.split(' ');
  const T = tokens.length;
  const { weights, output } = causalSoftmaxAttention(buildHandBuiltHeads(tokens));

  it('induction head: a repeated key attends to the value that followed it', () => {
    expect(argmaxRow(weights, T, 0, 6)).toBe(3); // bee → 5
    expect(argmaxRow(weights, T, 0, 7)).toBe(1); // ant → 3
    expect(argmaxRow(weights, T, 0, 8)).toBe(5); // cow → 8
    expect(weights[(0 * T + 7) * T + 1]).toBeGreaterThan(0.9);
    expect(
      readOutWords(tokens, output, 0)
        .slice(6)
        .map((r) => r.word),
    ).toEqual(['5', '3', '8']);
    expect(
      Math.min(
        ...readOutWords(tokens, output, 0)
          .slice(6)
          .map((r) => r.margin),
      ),
    ).toBeGreaterThan(0.5);
  });

  it('copy-match head: a repeated word attends to its earlier copy and itself', () => {
    const row = (i: number, j: number) => weights[(1 * T + i) * T + j];
    expect(row(7, 0) + row(7, 7)).toBeGreaterThan(0.95);
    expect(row(7, 0)).toBeCloseTo(row(7, 7), 5);
  });

  it('a re-bound key splits the induction head evenly between both values (the readout says so)', () => {
    const seq = 'ant 3 bee 5 ant 7 bee ant'.split(' ');
    const r = causalSoftmaxAttention(buildHandBuiltHeads(seq));
    const n = seq.length;
    expect(r.weights[(0 * n + 7) * n + 1]).toBeCloseTo(0.5, 3);
    expect(r.weights[(0 * n + 7) * n + 5]).toBeCloseTo(0.5, 3);
    const last = readOutWords(seq, r.output, 0)[7];
    expect(new Set([last.word, last.runnerUp])).toEqual(new Set(['3', '7']));
    expect(last.margin).toBeLessThan(0.01);
  });

  it('embeddings depend only on the word and the seed', () => {
    expect(wordEmbedding('ant', 8)).toEqual(wordEmbedding('ant', 8));
    expect(wordEmbedding('ant', 8)).not.toEqual(wordEmbedding('ant', 8, 2));
    const e = wordEmbedding('bee', 16);
    expect(e.reduce((s, x) => s + x * x, 0)).toBeCloseTo(1, 5);
  });
});
