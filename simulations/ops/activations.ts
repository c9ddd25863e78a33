/** Scalar activations used by the zoo. */

export const sigmoid = (x: number): number =>
  x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));

/** SiLU / swish: x·σ(x). */
export const silu = (x: number): number => x * sigmoid(x);

/** softplus(x) = log(1 + eˣ), computed without overflow. */
export const softplus = (x: number): number => (x > 20 ? x : x < -20 ? Math.exp(x) : Math.log1p(Math.exp(x)));

/** erf by Abramowitz & Stegun 7.1.26 (|error| ≤ 1.5e-7, below float32 resolution of GELU's output). */
export function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return sign * (1 - poly * Math.exp(-a * a));
}

/** GELU, exact form x·Φ(x) (PyTorch's default `approximate='none'`). */
export const gelu = (x: number): number => 0.5 * x * (1 + erf(x / Math.SQRT2));

/** Applies f elementwise into a new array. */
export function map(x: Float32Array, f: (v: number) => number): Float32Array {
  const y = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) y[i] = f(x[i]);
  return y;
}
