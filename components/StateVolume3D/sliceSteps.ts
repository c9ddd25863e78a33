/** Most slices the 3D volume draws; a longer sequence is thinned to about this many. */
export const MAX_SLICES = 64;

/**
 * The time steps drawn as slices: every step up to MAX_SLICES steps; beyond, every ⌈steps / MAX_SLICES⌉-th step
 * (0, k, 2k, …), the last step and the selected one — each at its own place on the time axis, so the volume
 * keeps its true length and the selected state is always there. Sorted, without repeats.
 */
export function sliceSteps(steps: number, selected: number, maxSlices = MAX_SLICES): number[] {
  if (steps <= 0) return [];
  const stride = sliceStride(steps, maxSlices);
  const drawn = new Set<number>();
  for (let t = 0; t < steps; t += stride) drawn.add(t);
  drawn.add(steps - 1);
  if (selected >= 0 && selected < steps) drawn.add(selected);
  return [...drawn].sort((a, b) => a - b);
}

/** Steps between drawn slices: 1 up to MAX_SLICES steps, then ⌈steps / MAX_SLICES⌉. */
export const sliceStride = (steps: number, maxSlices = MAX_SLICES) =>
  Math.max(1, Math.ceil(steps / maxSlices));
