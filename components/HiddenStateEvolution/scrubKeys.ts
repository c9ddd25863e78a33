/** The step a key moves the scrubber to, or null for other keys (PageUp/PageDown move a tenth of the steps). */
export function stepForKey(key: string, step: number, T: number): number | null {
  const page = Math.max(1, Math.round(T / 10));
  const to: Record<string, number> = {
    ArrowLeft: step - 1,
    ArrowDown: step - 1,
    ArrowRight: step + 1,
    ArrowUp: step + 1,
    PageDown: step - page,
    PageUp: step + page,
    Home: 0,
    End: T - 1,
  };
  return key in to ? Math.max(0, Math.min(T - 1, to[key])) : null;
}
