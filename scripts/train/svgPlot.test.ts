import { describe, expect, it } from 'vitest';
import { linePlot, log2Ticks, wrapWords } from './svgPlot';

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

describe('log2Ticks and the log-x axis', () => {
  it('gives the powers of two inside the domain, thinned to every 2nd, 4th … power when there are too many', () => {
    expect(log2Ticks(256, 65_536)).toEqual([256, 512, 1024, 2048, 4096, 8192, 16_384, 32_768, 65_536]);
    expect(log2Ticks(300, 5000)).toEqual([512, 1024, 2048, 4096]);
    expect(log2Ticks(1, 2 ** 20, 6)).toEqual([1, 16, 256, 4096, 65_536, 2 ** 20]);
    expect(log2Ticks(2 ** 3, 2 ** 22, 10)).toEqual([
      2 ** 4,
      2 ** 6,
      2 ** 8,
      2 ** 10,
      2 ** 12,
      2 ** 14,
      2 ** 16,
      2 ** 18,
      2 ** 20,
      2 ** 22,
    ]);
    expect(log2Ticks(0, 10)).toEqual([]);
  });

  it('places the ticks evenly on a log₂ x axis, labels them with the formatter and draws reference lines', () => {
    const svg = linePlot(
      [
        {
          name: 'sliding window',
          points: [
            [512, 0.3],
            [4096, 0.7],
            [65_536, 1],
          ],
        },
      ],
      {
        title: 'Accuracy vs state',
        xLabel: 'bytes',
        yLabel: 'accuracy',
        xLog2: true,
        xTickFormat: (t) => (t >= 1024 ? `${t / 1024} KiB` : `${t} B`),
        referenceLines: [{ y: 0.25, label: '1/K' }],
      },
    );
    const ticks = [...svg.matchAll(/<text x="([\d.]+)" y="[\d.]+" text-anchor="middle">([^<]*)<\/text>/g)]
      .map((m) => ({ x: Number(m[1]), label: m[2] }))
      .filter((t) => t.label.endsWith('B'));
    expect(ticks.map((t) => t.label)).toEqual([
      '512 B',
      '1 KiB',
      '2 KiB',
      '4 KiB',
      '8 KiB',
      '16 KiB',
      '32 KiB',
      '64 KiB',
    ]);
    const gaps = ticks.slice(1).map((t, i) => t.x - ticks[i].x);
    for (const gap of gaps) expect(gap).toBeCloseTo(gaps[0], 6);
    expect(svg).toContain('stroke-dasharray="4 3"');
    expect(svg).toContain('>1/K</text>');
  });
});

describe('wrapWords', () => {
  it('breaks between words at the width and keeps every word', () => {
    expect(wrapWords('a bb ccc dddd', 6)).toEqual(['a bb', 'ccc', 'dddd']);
    expect(wrapWords('averyverylongword x', 4)).toEqual(['averyverylongword', 'x']);
    expect(wrapWords('', 10)).toEqual([]);
  });
});
