import { describe, expect, it } from 'vitest';
import { linePlot } from './svgPlot';

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
});
