/** Small formatters shared by the playground's tables. */
export const percent = (x: number) => `${(100 * x).toFixed(x >= 0.995 || x < 0.005 ? 0 : 1)}%`;

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/** Short names of the hybrid designer's mixers, by their lower-cased ids (as in a trained hybrid's id). */
const LAYER_NAMES: Record<string, string> = {
  attention: 'attention',
  slidingwindow: 'sliding window',
  linearattention: 'linear attention',
  based: 'Based',
  baseconv: 'BaseConv',
  s4d: 'S4D',
  mamba: 'Mamba',
  mamba2: 'Mamba-2',
  h3: 'H3',
  hyena: 'Hyena',
  m2: 'M2',
  rglru: 'RG-LRU',
  retnet: 'RetNet',
  gla: 'GLA',
};

/**
 * A model id's readable name: "mamba-mqar-l16-k2-d32-s1" → "mamba · mqar L16 K2 d32"; a hybrid trained in
 * this tab, "hybrid-1-mamba.attention" → "your hybrid 1 · Mamba + attention".
 */
export function modelLabel(id: string, architecture?: string): string {
  const hybrid = /^hybrid-(\d+)-([a-z0-9.]+)$/.exec(id);
  if (hybrid && !architecture)
    return `your hybrid ${hybrid[1]} · ${hybrid[2]
      .split('.')
      .map((m) => LAYER_NAMES[m] ?? m)
      .join(' + ')}`;
  const arch = architecture ?? id.split('-')[0];
  const rest = id.slice(arch.length + 1).replace(/-s\d+$/, '');
  const pretty = rest
    .replace(/-l(\d+)/, ' L$1')
    .replace(/-k(\d+)/, ' K$1')
    .replace(/-d(\d+)/, ' d$1');
  return `${arch} · ${pretty}`;
}
