/**
 * Hyena's implicit long-convolution filter (Poli et al. 2023; zoology/mixers/hyena.py; architectures.md §3.9):
 *   z(t) = [t, cos(f·ω_t), −sin(f·ω_t)],  t = ℓ/(L−1) ∈ [0, 1], ω_t = 2π·ℓ/L, f = 1e-4   (emb_dim 3)
 *   ĥ(t) = W_out · sin(φ_k ⊙ (W_k · … sin(φ_1 ⊙ (W_1 z(t) + b_1)) … + b_k))        (FFN with Sin activations)
 *   h_c(t) = ĥ_c(t) · exp(−|α_c|·t),  α_c = linspace(log(1e-2)/1.5, log(1e-2)/0.3) over channels
 * So every channel gets a length-L filter whose decay rate is fixed per channel and whose shape is learned.
 *
 * L is the model's maximum length (config.maxSeqLen), not the input's: Zoology builds z and t once at
 * `seq_len = l_max` (`PositionalEmbedding.__init__`) and a length-T input takes their first T rows
 * (`PositionalEmbedding.forward(L)`: `self.z[:, :L], self.t[:, :L]`, used by `Filter.filter(l)`). Rebuilding at T
 * would stretch the filter with the input's length, so the logits of early tokens would depend on how many tokens
 * follow them, and a causal model must not. The paper's text does not say which length; we follow Zoology's code.
 * Each lag is computed on its own, so the first T lags of the length-L filter are computed directly: lags
 * ℓ = 0 … T−1 at positions t = ℓ/(L−1), ω = 2πℓ/L (`hyenaPositions(T, L)`, `hyenaFilters(…, T, L)`).
 */
export interface HyenaFilterParams {
  /** Linear layers of the FFN: weights [in, out] and biases [out]; the last layer has no bias. */
  layers: { W: Float32Array; b?: Float32Array; inDim: number; outDim: number }[];
  /** Frequencies φ of the Sin activations, one vector per hidden layer. */
  freqs: Float32Array[];
}

/** Normalised time t = ℓ/(L−1) ∈ [0, 1] of lag ℓ in a filter built at length L (the decay window's argument). */
export const hyenaTime = (l: number, L: number): number => (L > 1 ? l / (L - 1) : 0);

/** Positional features z(ℓ) for the first T lags ℓ = 0 … T−1 of a filter built at length L ≥ T, [T, 3]. */
export function hyenaPositions(T: number, L = T): Float64Array {
  if (T > L) throw new RangeError(`Hyena filter: ${T} lags of a filter built at length ${L}`);
  const z = new Float64Array(T * 3);
  for (let l = 0; l < T; l++) {
    const t = hyenaTime(l, L);
    const w = (2 * Math.PI * l) / L;
    z[l * 3] = t;
    z[l * 3 + 1] = Math.cos(1e-4 * w);
    z[l * 3 + 2] = -Math.sin(1e-4 * w);
  }
  return z;
}

/** Per-channel decay rates |α_c|, linearly spaced between −log(1e-2)/1.5 and −log(1e-2)/0.3. */
export function hyenaDecays(channels: number): Float64Array {
  const slow = Math.abs(Math.log(1e-2) / 1.5);
  const fast = Math.abs(Math.log(1e-2) / 0.3);
  return Float64Array.from({ length: channels }, (_, c) =>
    channels > 1 ? slow + ((fast - slow) * c) / (channels - 1) : slow,
  );
}

/**
 * The first T lags of the filters built at length L (default T): h [channels, T] (channel-major, lag ℓ along the
 * row). A model passes L = config.maxSeqLen (see the header).
 */
export function hyenaFilters(params: HyenaFilterParams, channels: number, T: number, L = T): Float64Array {
  const z = hyenaPositions(T, L);
  const decays = hyenaDecays(channels);
  const h = new Float64Array(channels * T);
  for (let l = 0; l < T; l++) {
    let act: Float64Array = z.slice(l * 3, l * 3 + 3);
    params.layers.forEach((layer, k) => {
      const next = new Float64Array(layer.outDim);
      for (let o = 0; o < layer.outDim; o++) {
        let s = layer.b ? layer.b[o] : 0;
        for (let i = 0; i < layer.inDim; i++) s += act[i] * layer.W[i * layer.outDim + o];
        next[o] = k < params.freqs.length ? Math.sin(params.freqs[k][o] * s) : s;
      }
      act = next;
    });
    const t = hyenaTime(l, L);
    for (let c = 0; c < channels; c++) h[c * T + l] = act[c] * Math.exp(-decays[c] * t);
  }
  return h;
}
