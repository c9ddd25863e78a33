/**
 * Rotary position embeddings (Su et al. 2021). Channel pairs (2m, 2m+1) of a head vector at position t are
 * rotated by angle t·θ_m, θ_m = base^(−2m/r), where r is the number of rotated channels. Then
 * ⟨RoPE(q, i), RoPE(k, j)⟩ depends on q, k and i − j only.
 * `fraction` 1 rotates every channel (the usual choice, our default); 0.5 rotates only the first half of
 * each head, as recurrentgemma (Griffin) does (architectures.md §3.1).
 */
export interface RopeOptions {
  /** Wavelength base. @default 10000 */
  base?: number;
  /** Fraction of each head's channels that rotate. @default 1 */
  fraction?: 1 | 0.5;
}

/** Applies RoPE in place to head-major x [heads, T, headDim]. */
export function applyRope(
  x: Float32Array,
  heads: number,
  T: number,
  headDim: number,
  { base = 10_000, fraction = 1 }: RopeOptions = {},
): Float32Array {
  const rotated = Math.floor((headDim * fraction) / 2) * 2;
  if (rotated < 2)
    throw new RangeError(
      `RoPE needs at least 2 rotated channels; headDim ${headDim} × ${fraction} gives ${rotated}`,
    );
  for (let h = 0; h < heads; h++) {
    for (let t = 0; t < T; t++) {
      const at = (h * T + t) * headDim;
      for (let m = 0; m < rotated / 2; m++) {
        const angle = t * base ** ((-2 * m) / rotated);
        const cos = Math.cos(angle);
        const sin = Math.sin(angle);
        const a = x[at + 2 * m];
        const b = x[at + 2 * m + 1];
        x[at + 2 * m] = a * cos - b * sin;
        x[at + 2 * m + 1] = a * sin + b * cos;
      }
    }
  }
  return x;
}
