/**
 * Monarch matrices (Dao et al. 2022; Monarch Mixer, Fu et al. 2023): for n = b², M = Pᵀ·L·P·R with L, R
 * block-diagonal (b blocks of b × b) and P the "reshape b × b and transpose" permutation. They cost
 * O(n^{3/2}) to apply, and the DFT is one of them (the four-step FFT): that is how M2 computes long
 * convolutions with matrix multiplies only. Complex blocks are stored as separate real and imaginary parts.
 */
export interface ComplexVector {
  re: Float64Array;
  im: Float64Array;
}

/** Block-diagonal multiply: b blocks [b × b] (row-major per block) applied to consecutive groups of b. */
export function blockDiagonalMultiply(blocks: ComplexVector, x: ComplexVector, b: number): ComplexVector {
  const n = b * b;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let g = 0; g < b; g++) {
    for (let r = 0; r < b; r++) {
      let sr = 0;
      let si = 0;
      for (let c = 0; c < b; c++) {
        const w = g * b * b + r * b + c;
        const xr = x.re[g * b + c];
        const xi = x.im[g * b + c];
        sr += blocks.re[w] * xr - blocks.im[w] * xi;
        si += blocks.re[w] * xi + blocks.im[w] * xr;
      }
      re[g * b + r] = sr;
      im[g * b + r] = si;
    }
  }
  return { re, im };
}

/** P: index i·b + j → j·b + i (reshape to b × b, transpose, flatten). P is its own inverse. */
export function transposePermutation(x: ComplexVector, b: number): ComplexVector {
  const re = new Float64Array(b * b);
  const im = new Float64Array(b * b);
  for (let i = 0; i < b; i++) {
    for (let j = 0; j < b; j++) {
      re[j * b + i] = x.re[i * b + j];
      im[j * b + i] = x.im[i * b + j];
    }
  }
  return { re, im };
}

/** y = Pᵀ·L·P·R·x. */
export function monarchMultiply(
  L: ComplexVector,
  R: ComplexVector,
  x: ComplexVector,
  b: number,
): ComplexVector {
  return transposePermutation(
    blockDiagonalMultiply(L, transposePermutation(blockDiagonalMultiply(R, x, b), b), b),
    b,
  );
}

/**
 * The DFT of size n = b² as Monarch factors (four-step FFT). With x indexed as x[b·i₁ + i₂] … the factors are:
 * first P, so that R's blocks run DFT_b over i₁ for each fixed i₂; then twiddles ω_n^{i₂·k₁} folded into L, whose
 * blocks run DFT_b over i₂; the output X[k₁ + b·k₂] lands in order after the final Pᵀ. Returns (L, R) for
 * y = Pᵀ·L·P·R·(P·x), i.e. `monarchDft` applies the leading P itself. `inverse` gives the unnormalised inverse.
 */
const factorCache = new Map<string, { L: ComplexVector; R: ComplexVector }>();

export function monarchDftFactors(b: number, inverse = false): { L: ComplexVector; R: ComplexVector } {
  const key = `${b}:${inverse}`;
  const cached = factorCache.get(key);
  if (cached) return cached;
  const factors = buildDftFactors(b, inverse);
  factorCache.set(key, factors);
  return factors;
}

function buildDftFactors(b: number, inverse: boolean): { L: ComplexVector; R: ComplexVector } {
  const n = b * b;
  const sign = inverse ? 1 : -1;
  const R = { re: new Float64Array(b * b * b), im: new Float64Array(b * b * b) };
  const L = { re: new Float64Array(b * b * b), im: new Float64Array(b * b * b) };
  for (let g = 0; g < b; g++) {
    for (let r = 0; r < b; r++) {
      for (let c = 0; c < b; c++) {
        const w = g * b * b + r * b + c;
        // R block g (= i₂): DFT_b over i₁: entry (k₁ = r, i₁ = c).
        const a1 = (sign * 2 * Math.PI * r * c) / b;
        R.re[w] = Math.cos(a1);
        R.im[w] = Math.sin(a1);
        // L block g (= k₁): DFT_b over i₂ with twiddle ω_n^{i₂·k₁}: entry (k₂ = r, i₂ = c).
        const a2 = sign * 2 * Math.PI * ((r * c) / b + (c * g) / n);
        L.re[w] = Math.cos(a2);
        L.im[w] = Math.sin(a2);
      }
    }
  }
  return { L, R };
}

/** DFT of x (length b²) computed only with Monarch factors. */
export function monarchDft(x: ComplexVector, b: number, inverse = false): ComplexVector {
  const { L, R } = monarchDftFactors(b, inverse);
  const y = monarchMultiply(L, R, transposePermutation(x, b), b);
  if (inverse) {
    for (let i = 0; i < y.re.length; i++) {
      y.re[i] /= b * b;
      y.im[i] /= b * b;
    }
  }
  return y;
}

/** Causal convolution y = k ∗ u (first L outputs) through Monarch DFTs, padded to n = b² ≥ 2L. */
export function monarchCausalConv(u: ArrayLike<number>, kernel: ArrayLike<number>): Float64Array {
  const L = u.length;
  let b = 1;
  while (b * b < 2 * L) b *= 2;
  const n = b * b;
  const pad = (a: ArrayLike<number>) => ({
    re: Float64Array.from({ length: n }, (_, i) => (i < L && i < a.length ? a[i] : 0)),
    im: new Float64Array(n),
  });
  const U = monarchDft(pad(u), b);
  const K = monarchDft(pad(kernel), b);
  const prod = { re: new Float64Array(n), im: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    prod.re[i] = U.re[i] * K.re[i] - U.im[i] * K.im[i];
    prod.im[i] = U.re[i] * K.im[i] + U.im[i] * K.re[i];
  }
  return monarchDft(prod, b, true).re.slice(0, L);
}
