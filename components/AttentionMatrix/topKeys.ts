/** The k keys with the largest weights in query row `row` of a [T × T] matrix, largest first (ties: earlier key). */
export function topKeys(
  weights: Float32Array | readonly number[],
  T: number,
  row: number,
  k: number,
): { key: number; weight: number }[] {
  const entries: { key: number; weight: number }[] = [];
  for (let j = 0; j < T; j++) entries.push({ key: j, weight: weights[row * T + j] });
  entries.sort((a, b) => b.weight - a.weight || a.key - b.key);
  return entries.slice(0, k).filter((e) => e.weight > 0);
}
