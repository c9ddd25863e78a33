/**
 * Small static SVG line/scatter plots for docs/results.md, drawn with d3's scales and line generator (no DOM).
 * Colours: the Okabe–Ito palette (colour-blind safe); each series also gets its own marker shape.
 */
import { format, line, scaleLinear, scaleLog } from 'd3';

export interface Series {
  name: string;
  points: [number, number][];
}

export interface PlotOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  xLog2?: boolean;
  yDomain?: [number, number];
  /** Draw markers only (a scatter), no connecting line. */
  scatter?: boolean;
  /** Labels of the x ticks (default: the number; `2^n` from 1024 on a log₂ axis). */
  xTickFormat?: (t: number) => string;
  /** Dashed horizontal reference lines (e.g. the 1/K plateau), labelled at their right end. */
  referenceLines?: { y: number; label: string }[];
  /** Dash the lines of series past the palette's length, so no two lines look alike (colour, marker, dash). */
  dashRepeats?: boolean;
}

/**
 * Ticks of a log₂ axis over [lo, hi]: the powers of two inside it, every 2nd, 4th, … power (exponents that are
 * multiples of the stride) when there would be more than `maxTicks`.
 */
export function log2Ticks(lo: number, hi: number, maxTicks = 12): number[] {
  if (!(lo > 0) || !(hi >= lo)) return [];
  const first = Math.ceil(Math.log2(lo) - 1e-9);
  const last = Math.floor(Math.log2(hi) + 1e-9);
  let stride = 1;
  while (Math.floor(last / stride) - Math.ceil(first / stride) + 1 > maxTicks) stride *= 2;
  const ticks: number[] = [];
  for (let e = Math.ceil(first / stride) * stride; e <= last; e += stride) ticks.push(2 ** e);
  return ticks;
}

const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];
const MARKERS = ['circle', 'square', 'triangle', 'diamond'] as const;

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function marker(kind: (typeof MARKERS)[number], x: number, y: number, colour: string): string {
  const r = 3.5;
  switch (kind) {
    case 'circle':
      return `<circle cx="${x}" cy="${y}" r="${r}" fill="${colour}"/>`;
    case 'square':
      return `<rect x="${x - r}" y="${y - r}" width="${2 * r}" height="${2 * r}" fill="${colour}"/>`;
    case 'triangle':
      return `<path d="M${x},${y - r - 1}L${x + r + 1},${y + r}L${x - r - 1},${y + r}Z" fill="${colour}"/>`;
    case 'diamond':
      return `<path d="M${x},${y - r - 1}L${x + r + 1},${y}L${x},${y + r + 1}L${x - r - 1},${y}Z" fill="${colour}"/>`;
  }
}

export function linePlot(series: Series[], options: PlotOptions): string {
  // Wide enough for the longest legend name (~7 px per character at 12 px), the title wrapped to that width,
  // tall enough for the legend (one 18 px row per series).
  const longestName = Math.max(0, ...series.map((s) => s.name.length));
  const right = Math.max(180, 36 + 7 * longestName);
  const W = 56 + 404 + right;
  const titleLines = wrapWords(options.title, Math.floor((W - 56) / 8));
  const top = 36 + 18 * (titleLines.length - 1);
  const H = Math.max(360 + top - 36, top + 8 + 18 * series.length + 24);
  const m = { top, right, bottom: 48, left: 56 };
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const x = (options.xLog2 ? scaleLog().base(2) : scaleLinear())
    .domain(x0 === x1 ? [x0 / 2 || -1, x1 * 2 || 1] : [x0, x1])
    .range([m.left, W - m.right])
    .nice();
  const y = scaleLinear()
    .domain(options.yDomain ?? [0, 1])
    .range([H - m.bottom, m.top]);
  const [d0, d1] = x.domain();
  const xLabel = (t: number) =>
    options.xTickFormat?.(t) ?? (options.xLog2 && t >= 1024 ? `2^${Math.log2(t)}` : format('~g')(t));
  // Log₂ ticks: as many powers of two as fit their labels (~7 px per character, 8 px apart).
  let xTicks = options.xLog2 ? log2Ticks(d0, d1) : x.ticks(6);
  const fits = (ticks: number[]) =>
    ticks.length < 2 ||
    (W - m.right - m.left) / (ticks.length - 1) >= 8 + 7 * Math.max(...ticks.map((t) => xLabel(t).length));
  while (options.xLog2 && xTicks.length > 2 && !fits(xTicks)) xTicks = log2Ticks(d0, d1, xTicks.length - 1);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12" role="img" aria-labelledby="t">`,
    `<title id="t">${escapeXml(options.title)}</title>`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    ...titleLines.map(
      (text, i) =>
        `<text x="${m.left}" y="${20 + 18 * i}" font-size="14" font-weight="bold">${escapeXml(text)}</text>`,
    ),
  ];
  for (const t of y.ticks(5))
    parts.push(
      `<line x1="${m.left}" x2="${W - m.right}" y1="${y(t)}" y2="${y(t)}" stroke="#ddd"/>`,
      `<text x="${m.left - 6}" y="${y(t) + 4}" text-anchor="end">${format('.1f')(t)}</text>`,
    );
  for (const t of xTicks)
    parts.push(
      `<line x1="${x(t)}" x2="${x(t)}" y1="${H - m.bottom}" y2="${H - m.bottom + 4}" stroke="#333"/>`,
      `<text x="${x(t)}" y="${H - m.bottom + 16}" text-anchor="middle">${escapeXml(xLabel(t))}</text>`,
    );
  for (const { y: ry, label } of options.referenceLines ?? [])
    parts.push(
      `<line x1="${m.left}" x2="${W - m.right}" y1="${y(ry)}" y2="${y(ry)}" stroke="#777" stroke-dasharray="4 3"/>`,
      `<text x="${W - m.right - 4}" y="${y(ry) - 4}" text-anchor="end" fill="#555">${escapeXml(label)}</text>`,
    );
  parts.push(
    `<line x1="${m.left}" x2="${W - m.right}" y1="${H - m.bottom}" y2="${H - m.bottom}" stroke="#333"/>`,
    `<text x="${(m.left + W - m.right) / 2}" y="${H - 10}" text-anchor="middle">${escapeXml(options.xLabel)}</text>`,
    `<text transform="translate(16 ${(m.top + H - m.bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeXml(options.yLabel)}</text>`,
  );
  const path = line<[number, number]>()
    .x((p) => x(p[0]))
    .y((p) => y(p[1]));
  series.forEach((s, i) => {
    const colour = PALETTE[i % PALETTE.length];
    // Colour cycles fastest, then the marker: 8 × 4 distinct combinations.
    const kind = MARKERS[Math.floor(i / PALETTE.length) % MARKERS.length];
    const sorted = [...s.points].sort((a, b) => a[0] - b[0]);
    const dash = options.dashRepeats && i >= PALETTE.length ? ' stroke-dasharray="6 3"' : '';
    if (!options.scatter && sorted.length > 1)
      parts.push(`<path d="${path(sorted)}" fill="none" stroke="${colour}" stroke-width="2"${dash}/>`);
    for (const [px, py] of sorted) parts.push(marker(kind, x(px), y(py), colour));
    const ly = m.top + 8 + i * 18;
    // With dashRepeats the legend shows each line's dash too.
    if (options.dashRepeats && !options.scatter && sorted.length > 1)
      parts.push(
        `<line x1="${W - m.right + 6}" x2="${W - m.right + 26}" y1="${ly}" y2="${ly}" stroke="${colour}" stroke-width="2"${dash}/>`,
      );
    parts.push(
      marker(kind, W - m.right + 16, ly, colour),
      `<text x="${W - m.right + 26}" y="${ly + 4}">${escapeXml(s.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

/** Greedy word wrap to lines of at most `width` characters (a longer word gets a line of its own). */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    if (current && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  return current ? [...lines, current] : lines;
}
