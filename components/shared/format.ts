/**
 * Number formatting for every figure of the library, in one place (each function names its use).
 * Minus signs are typographic (−) where the figures print values, ASCII where tests and tables expect it.
 */

/** A compact value for node labels, states and readouts: 3 significant digits, exponent form when tiny or huge. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const abs = Math.abs(v);
  const text = abs >= 1e4 || abs < 1e-3 ? v.toExponential(1) : String(Number(v.toPrecision(3)));
  return text.replace(/^-/, '−');
}

/** "1.2 k", "3.4 M": FLOP counts for the cards. */
export function formatCount(n: number): string {
  if (n < 1e3) return String(Math.round(n));
  const [d, s] = n < 1e6 ? [1e3, 'k'] : n < 1e9 ? [1e6, 'M'] : [1e9, 'G'];
  return `${(n / d).toPrecision(3)} ${s}`;
}

/** 12,345 → "12,345"; 1.2e7 → "12.3 M": float and score counts of the systems figures. */
export function formatGrouped(n: number): string {
  if (!Number.isFinite(n)) return '—';
  if (Math.abs(n) >= 1e7) return `${(n / 1e6).toFixed(1)} M`;
  return Math.round(n).toLocaleString('en-US');
}

/** "92%", "<1%", ">99%", or "–" for NaN/∞/out-of-range values. */
export function formatProbability(p: number): string {
  if (!Number.isFinite(p) || p < 0 || p > 1) return '–';
  if (p > 0 && p < 0.01) return '<1%';
  if (p < 1 && p > 0.99) return '>99%';
  return `${Math.round(100 * p)}%`;
}

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};
/** "10⁶" for base 10 and exponent 6. */
export const power = (b: number, e: number): string =>
  `${b}${[...String(e)].map((c) => SUPERSCRIPT[c] ?? c).join('')}`;

/** A compact number: 3 significant digits, exponent notation outside [1e-3, 1e5). */
export function formatNumber(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+∞' : '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) {
    const [m, e] = v.toExponential(2).split('e');
    return `${Number(m)}×${power(10, Number(e))}`;
  }
  return String(Number(v.toPrecision(3)));
}

/** Bytes as "512 B", "2 KiB", "1.5 MiB" (powers of 1024). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return formatNumber(bytes);
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${Number(v.toPrecision(3))} ${units[u]}`;
}
