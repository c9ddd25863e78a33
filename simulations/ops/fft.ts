/**
 * Radix-2 complex FFT (iterative Cooley–Tukey) in float64, and the causal convolution through it that the
 * long-convolution models use: y = IFFT(FFT(u, n)·FFT(k, n))[:L] with n ≥ 2L a power of two (architectures.md
 * §3.5), so the circular convolution equals the linear one on the first L outputs.
 */
export function fftInPlace(re: Float64Array, im: Float64Array, inverse = false): void {
  const n = re.length;
  if (n & (n - 1)) throw new RangeError(`FFT length must be a power of two, got ${n}`);
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j], re[i]];
      [im[i], im[j]] = [im[j], im[i]];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const angle = ((inverse ? 2 : -2) * Math.PI) / len;
    const wr = Math.cos(angle);
    const wi = Math.sin(angle);
    for (let start = 0; start < n; start += len) {
      let cr = 1;
      let ci = 0;
      for (let k = 0; k < len / 2; k++) {
        const a = start + k;
        const b = a + len / 2;
        const tr = re[b] * cr - im[b] * ci;
        const ti = re[b] * ci + im[b] * cr;
        re[b] = re[a] - tr;
        im[b] = im[a] - ti;
        re[a] += tr;
        im[a] += ti;
        [cr, ci] = [cr * wr - ci * wi, cr * wi + ci * wr];
      }
    }
  }
  if (inverse) {
    for (let i = 0; i < n; i++) {
      re[i] /= n;
      im[i] /= n;
    }
  }
}

/** y[t] = Σ_{s ≤ t} kernel[t − s]·u[s] for t < L, via FFT of length ≥ 2L. */
export function fftCausalConv(u: ArrayLike<number>, kernel: ArrayLike<number>): Float64Array {
  const L = u.length;
  let n = 1;
  while (n < 2 * L) n <<= 1;
  const ur = new Float64Array(n);
  const ui = new Float64Array(n);
  const kr = new Float64Array(n);
  const ki = new Float64Array(n);
  for (let t = 0; t < L; t++) {
    ur[t] = u[t];
    kr[t] = t < kernel.length ? kernel[t] : 0;
  }
  fftInPlace(ur, ui);
  fftInPlace(kr, ki);
  for (let i = 0; i < n; i++) [ur[i], ui[i]] = [ur[i] * kr[i] - ui[i] * ki[i], ur[i] * ki[i] + ui[i] * kr[i]];
  fftInPlace(ur, ui, true);
  return ur.slice(0, L);
}

/** The same convolution computed directly, O(L²): the reference for the FFT path. */
export function directCausalConv(u: ArrayLike<number>, kernel: ArrayLike<number>): Float64Array {
  const y = new Float64Array(u.length);
  for (let t = 0; t < u.length; t++)
    for (let s = Math.max(0, t - kernel.length + 1); s <= t; s++) y[t] += kernel[t - s] * u[s];
  return y;
}
