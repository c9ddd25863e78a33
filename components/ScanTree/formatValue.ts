/** A compact number for node labels and readouts: 3 significant digits, exponent form when tiny or huge. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const abs = Math.abs(v);
  const text = abs >= 1e4 || abs < 1e-3 ? v.toExponential(1) : String(Number(v.toPrecision(3)));
  return text.replace(/^-/, '−');
}
