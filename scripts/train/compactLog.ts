/**
 * train-log.json as compact JSON: non-integer numbers keep 6 significant digits (float32 weights and held-out
 * accuracies on ≤ 1,000 examples carry no more), which halves a 20,000-step log. Integers stay exact.
 */
export function compactLogJson(log: unknown): string {
  return `${JSON.stringify(log, (_key, value) =>
    typeof value === 'number' && !Number.isInteger(value) && Number.isFinite(value)
      ? Number(value.toPrecision(6))
      : value,
  )}\n`;
}
