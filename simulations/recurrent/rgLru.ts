/**
 * The Real-Gated Linear Recurrent Unit of Hawk and Griffin (De et al. 2024; recurrentgemma torch/layers.py;
 * architectures.md §3.10), per channel:
 *   r_t = σ(W_a x_t + b_a)     (recurrence gate)      i_t = σ(W_x x_t + b_x)   (input gate)
 *   log a_t = −c·r_t·softplus(Λ)  ⇔  a_t = a^{c·r_t},  a = e^{−softplus(Λ)},  c = 8
 *   h_t = a_t ⊙ h_{t−1} + √(1 − a_t²) ⊙ (i_t ⊙ x_t)
 * At the start of a sequence (t = 0) the √(1 − a²) multiplier is replaced by 1, as in recurrentgemma's
 * document reset. The gates here are given (the mixer computes them), so this is the pure recurrence.
 */
import { type AffineElement, sequentialRecurrence } from '../scans/affineMonoid';

export const RG_LRU_C = 8;

export interface RgLruInputs {
  /** x [T, D] */
  x: Float32Array;
  /** r_t [T, D], in (0, 1) */
  r: Float32Array;
  /** i_t [T, D], in (0, 1) */
  i: Float32Array;
  /** softplus(Λ) [D], positive */
  softplusLambda: Float32Array;
  seqLen: number;
  channels: number;
}

/** The recurrence as scan elements per channel: a_t and b_t = √(1 − a_t²)·i_t·x_t. */
export function rgLruElements({ x, r, i, softplusLambda, seqLen: T, channels: D }: RgLruInputs): {
  a: Float32Array;
  elements: AffineElement[][];
} {
  const a = new Float32Array(T * D);
  const elements: AffineElement[][] = Array.from({ length: D }, () => []);
  for (let t = 0; t < T; t++) {
    for (let c = 0; c < D; c++) {
      const at = Math.exp(-RG_LRU_C * r[t * D + c] * softplusLambda[c]);
      a[t * D + c] = at;
      const multiplier = t === 0 ? 1 : Math.sqrt(1 - at * at);
      elements[c].push({
        a: Float64Array.of(at),
        b: Float64Array.of(multiplier * i[t * D + c] * x[t * D + c]),
      });
    }
  }
  return { a, elements };
}

/** Sequential reference: h [T, D] and the decays a [T, D]. */
export function rgLru(inputs: RgLruInputs): { h: Float32Array; a: Float32Array } {
  const { seqLen: T, channels: D } = inputs;
  const { a, elements } = rgLruElements(inputs);
  const h = new Float32Array(T * D);
  elements.forEach((channel, c) => {
    sequentialRecurrence(channel).forEach((state, t) => {
      h[t * D + c] = state[0];
    });
  });
  return { h, a };
}

/** Λ so that a² ~ U[0.9², 0.999²] (the paper's init): softplus(Λ) = −½·log(a²). Returns Λ. */
export function initLambda(u: number): number {
  const aSquared = 0.9 ** 2 + u * (0.999 ** 2 - 0.9 ** 2);
  const sp = -0.5 * Math.log(aSquared);
  return sp + Math.log(-Math.expm1(-sp)); // softplus⁻¹
}
