import { describe, expect, it } from 'vitest';
import { linePlot, wrapWords } from './svgPlot';

describe('linePlot', () => {
  const svg = linePlot(
    [
      {
        name: 'attention',
        points: [
          [1, 1],
          [4, 1],
          [2048, 0.98],
        ],
      },
      {
        name: 'mamba <n=16>',
        points: [
          [1, 0.9],
          [4, 0.6],
          [16, 0.2],
        ],
      },
    ],
    { title: 'MQAR accuracy vs pairs', xLabel: 'K', yLabel: 'accuracy', xLog2: true },
  );

  it('is an accessible SVG with a title, both legend entries (escaped) and one line per series', () => {
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('<title id="t">MQAR accuracy vs pairs</title>');
    expect(svg).toContain('mamba &lt;n=16&gt;');
    expect(svg.match(/<path d="M[^"]*" fill="none"/g)).toHaveLength(2);
  });

  it('puts higher accuracy higher on the page and labels log₂ ticks as powers of two', () => {
    const ys = [...svg.matchAll(/<circle cx="[\d.]+" cy="([\d.]+)"/g)].map((m) => Number(m[1]));
    // attention's points: 1, 1, 0.98 → the first two share a height, the third sits lower (larger y).
    expect(ys[0]).toBeCloseTo(ys[1]);
    expect(ys[2]).toBeGreaterThan(ys[1]);
    expect(svg).toContain('2^11');
    expect(svg).toContain('>4</text>');
  });

  it('widens for long legend names and wraps a long title inside the view box', () => {
    const name = 'sliding-window-w2-from-attention-and-more';
    const long = linePlot([{ name, points: [[1, 0.5]] }], {
      title:
        'Accuracy vs inference state — MQAR L=16 K=4 V=32, d=32, continued from a trained model (curriculum)',
      xLabel: 'bytes',
      yLabel: 'accuracy',
    });
    const width = Number(long.match(/viewBox="0 0 (\d+)/)?.[1]);
    expect(width).toBeGreaterThanOrEqual(56 + 404 + 36 + 7 * name.length);
    const titleLines = [...long.matchAll(/font-weight="bold">([^<]*)</g)].map((m) => m[1]);
    expect(titleLines.length).toBeGreaterThan(1);
    for (const line of titleLines) expect(8 * line.length).toBeLessThanOrEqual(width - 56);
  });
});

describe('wrapWords', () => {
  it('breaks between words at the width and keeps every word', () => {
    expect(wrapWords('a bb ccc dddd', 6)).toEqual(['a bb', 'ccc', 'dddd']);
    expect(wrapWords('averyverylongword x', 4)).toEqual(['averyverylongword', 'x']);
    expect(wrapWords('', 10)).toEqual([]);
  });
});
