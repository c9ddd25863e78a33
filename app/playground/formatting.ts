/** Small formatters shared by the playground's tables. */
export const percent = (x: number) => `${(100 * x).toFixed(x >= 0.995 || x < 0.005 ? 0 : 1)}%`;

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/** A model id's readable name: "mamba-mqar-l16-k2-d32-s1" → "mamba · mqar L16 K2 d32". */
export function modelLabel(id: string, architecture?: string): string {
  const arch = architecture ?? id.split('-')[0];
  const rest = id.slice(arch.length + 1).replace(/-s\d+$/, '');
  const pretty = rest
    .replace(/-l(\d+)/, ' L$1')
    .replace(/-k(\d+)/, ' K$1')
    .replace(/-d(\d+)/, ' d$1');
  return `${arch} · ${pretty}`;
}
