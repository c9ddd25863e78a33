/**
 * Direct causal long convolution per channel (Hyena, M2, S4D's convolution form, H3's shift and diagonal SSMs),
 * one invocation per output (t, c), O(T·taps) per output — for T ≤ 1024 the direct form is exact and simple:
 *   y[t, c] = skip[c]·x[t, c] + Σ_{ℓ=0}^{min(t, taps−1)} h[c·stride + ℓ]·x[t − ℓ, c]
 * (simulations/ops/fft.ts `fftCausalConv` / `directCausalConv`, plus the D·u or bias·v skip term).
 * Params: (T, channels, taps, stride); x, y are [T, channels]; h is [channels, stride] (the first `taps` lags used).
 */
export const LONG_CONV_WORKGROUP = 64;

export const longConvWgsl = /* wgsl */ `
struct Params { seqLen: u32, channels: u32, taps: u32, stride: u32 }
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> h: array<f32>;
@group(0) @binding(3) var<storage, read> skip: array<f32>;
@group(0) @binding(4) var<storage, read_write> y: array<f32>;

@compute @workgroup_size(${LONG_CONV_WORKGROUP})
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let i = gid.x;
  let C = params.channels;
  if (i >= params.seqLen * C) { return; }
  let t = i / C;
  let c = i % C;
  var s = skip[c] * x[i];
  let last = min(t, params.taps - 1u);
  for (var l = 0u; l <= last; l++) {
    s += h[c * params.stride + l] * x[(t - l) * C + c];
  }
  y[i] = s;
}
`;
