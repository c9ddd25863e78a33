/**
 * All-close comparison in the style of numpy.allclose: |a − b| ≤ atol + rtol·|b| elementwise.
 * Returns a report instead of a boolean so a failing test prints where and by how much it failed.
 */
export interface AllCloseReport {
  ok: boolean;
  maxAbsError: number;
  maxRelError: number;
  /** First offending index (−1 when ok). */
  firstBadIndex: number;
  message: string;
}

export function allClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  { atol = 1e-5, rtol = 1e-4 }: { atol?: number; rtol?: number } = {},
): AllCloseReport {
  if (actual.length !== expected.length) {
    return {
      ok: false,
      maxAbsError: Number.POSITIVE_INFINITY,
      maxRelError: Number.POSITIVE_INFINITY,
      firstBadIndex: 0,
      message: `length ${actual.length} ≠ expected ${expected.length}`,
    };
  }
  let maxAbsError = 0;
  let maxRelError = 0;
  let firstBadIndex = -1;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    const b = expected[i];
    const err = Math.abs(a - b);
    if (!(err <= atol + rtol * Math.abs(b))) {
      if (firstBadIndex < 0) firstBadIndex = i;
    }
    if (Number.isNaN(err)) maxAbsError = Number.NaN;
    else if (err > maxAbsError) maxAbsError = err;
    if (b !== 0) maxRelError = Math.max(maxRelError, err / Math.abs(b));
  }
  const ok = firstBadIndex < 0;
  const message = ok
    ? `all close (max abs ${maxAbsError.toExponential(2)}, max rel ${maxRelError.toExponential(2)})`
    : `not close at index ${firstBadIndex}: got ${actual[firstBadIndex]}, expected ${expected[firstBadIndex]} ` +
      `(atol ${atol}, rtol ${rtol}; max abs error ${maxAbsError.toExponential(2)})`;
  return { ok, maxAbsError, maxRelError, firstBadIndex, message };
}
