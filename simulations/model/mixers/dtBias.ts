import type { ParamSpec } from '../mixerRegistry';

/**
 * Mamba's Δ bias init (mamba_simple.py, also Mamba-2): Δ₀ ~ logU[1e-3, 1e-1] floored at 1e-4, stored as
 * softplus⁻¹(Δ₀) = Δ₀ + log(1 − e^{−Δ₀}) so that softplus(bias) = Δ₀ at init. No weight decay.
 */
export function dtBiasSpec(size: number): ParamSpec {
  const lo = Math.log(1e-3);
  const hi = Math.log(1e-1);
  return {
    shape: [size],
    init: {
      generate: (_, rng) => {
        const dt0 = Math.max(1e-4, Math.exp(lo + rng.nextFloat() * (hi - lo)));
        return dt0 + Math.log(-Math.expm1(-dt0));
      },
    },
    noWeightDecay: true,
  };
}
