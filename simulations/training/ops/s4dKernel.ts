/**
 * S4D convolution kernels for training, as simulations/ssm/s4d.ts (ZOH, B ≡ 1 folded into C), for C channels
 * of M complex modes:  A = −exp(logA_re) + i·A_im,  Δ = exp(log_dt),  z = e^{ΔA},  C̃ = C·(z − 1)/A,
 *   K[c, ℓ] = 2·Re Σ_n C̃_n z_n^ℓ.
 * Backward in complex form, writing G_w = ∂L/∂Re w + i·∂L/∂Im w (so G for w = f(u), f holomorphic, is
 * G_u = G_w·conj(f′(u))) and g_ℓ = ∂L/∂K_ℓ:
 *   G_C̃ = 2 Σ_ℓ g_ℓ conj(z)^ℓ,   G_z = 2 conj(C̃) Σ_ℓ g_ℓ ℓ conj(z)^{ℓ−1} + G_q·conj(1/A)  (q = (z − 1)/A),
 *   G_C = G_C̃·conj(q),  G_q = G_C̃·conj(C),  G_A = G_q·conj(−(z − 1)/A²) + G_z·conj(Δ z),
 *   ∂L/∂Δ = Re(conj(G_z)·A z),  ∂L/∂log_dt = Δ·∂L/∂Δ,  ∂L/∂logA_re = Re(G_A)·(−exp(logA_re)),  ∂L/∂A_im = Im(G_A).
 */
import type { Tape, Var } from '../tape';

interface Complex {
  re: number;
  im: number;
}
const mul = (a: Complex, b: Complex): Complex => ({
  re: a.re * b.re - a.im * b.im,
  im: a.re * b.im + a.im * b.re,
});
const conj = (a: Complex): Complex => ({ re: a.re, im: -a.im });
const div = (a: Complex, b: Complex): Complex => {
  const den = b.re * b.re + b.im * b.im;
  return { re: (a.re * b.re + a.im * b.im) / den, im: (a.im * b.re - a.re * b.im) / den };
};
const add = (a: Complex, b: Complex): Complex => ({ re: a.re + b.re, im: a.im + b.im });

export interface S4DKernelParams {
  /** [C] */
  logDt: Var;
  /** [C, M] */
  logAReal: Var;
  /** [C, M] */
  aImag: Var;
  /** [C, M, 2] (re, im) */
  C: Var;
}

/** K [C, L]. */
export function s4dKernel(tape: Tape, { logDt, logAReal, aImag, C }: S4DKernelParams, L: number): Var {
  const channels = logDt.data.length;
  const M = logAReal.data.length / channels;
  const modes = (c: number, n: number) => {
    const i = c * M + n;
    const A = { re: -Math.exp(logAReal.data[i]), im: aImag.data[i] };
    const dt = Math.exp(logDt.data[c]);
    const mag = Math.exp(dt * A.re);
    const z = { re: mag * Math.cos(dt * A.im), im: mag * Math.sin(dt * A.im) };
    const q = div({ re: z.re - 1, im: z.im }, A);
    const Cn = { re: C.data[2 * i], im: C.data[2 * i + 1] };
    return { A, dt, z, q, Cn, ct: mul(Cn, q) };
  };
  const K = tape.floats(channels * L);
  for (let c = 0; c < channels; c++)
    for (let n = 0; n < M; n++) {
      const { z, ct } = modes(c, n);
      let p = ct;
      for (let l = 0; l < L; l++) {
        K[c * L + l] += 2 * p.re;
        p = mul(p, z);
      }
    }
  const out = tape.var(K, [channels, L]);
  tape.record(() => {
    const g = out.grad;
    const [gDt, gRe, gIm, gC] = [logDt.grad, logAReal.grad, aImag.grad, C.grad];
    for (let c = 0; c < channels; c++)
      for (let n = 0; n < M; n++) {
        const i = c * M + n;
        const { A, dt, z, q, Cn, ct } = modes(c, n);
        const zc = conj(z);
        // S0 = Σ g_ℓ conj(z)^ℓ,  S1 = Σ g_ℓ ℓ conj(z)^{ℓ−1}.
        let S0: Complex = { re: 0, im: 0 };
        let S1: Complex = { re: 0, im: 0 };
        let pow: Complex = { re: 1, im: 0 };
        let powPrev: Complex = { re: 0, im: 0 };
        for (let l = 0; l < L; l++) {
          const gl = g[c * L + l];
          S0 = add(S0, { re: gl * pow.re, im: gl * pow.im });
          if (l > 0) S1 = add(S1, { re: gl * l * powPrev.re, im: gl * l * powPrev.im });
          powPrev = pow;
          pow = mul(pow, zc);
        }
        const gCt = { re: 2 * S0.re, im: 2 * S0.im };
        const gCn = mul(gCt, conj(q));
        gC[2 * i] += gCn.re;
        gC[2 * i + 1] += gCn.im;
        const gQ = mul(gCt, conj(Cn));
        const twoS1 = mul({ re: 2 * S1.re, im: 2 * S1.im }, conj(ct));
        const gZ = add(twoS1, mul(gQ, conj(div({ re: 1, im: 0 }, A))));
        const dqdA = div({ re: -(z.re - 1), im: -z.im }, mul(A, A));
        const gA = add(mul(gQ, conj(dqdA)), mul(gZ, conj({ re: dt * z.re, im: dt * z.im })));
        const dLdDt = mul(conj(gZ), mul(A, z)).re;
        gDt[c] += dLdDt * dt;
        gRe[i] += gA.re * A.re;
        gIm[i] += gA.im;
      }
  });
  return out;
}
