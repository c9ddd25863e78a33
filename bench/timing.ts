/** Median wall time of `fn` over `repeats` runs after `warmup` runs, in milliseconds. */
export async function medianMs(fn: () => unknown, { warmup = 2, repeats = 7 } = {}): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
