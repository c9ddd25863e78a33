/**
 * Rotary position embeddings (simulations/attention/rope.ts `applyRope`), one invocation per (head, t, pair m):
 *   (x₂ₘ, x₂ₘ₊₁) ← (x₂ₘ cos tθₘ − x₂ₘ₊₁ sin tθₘ, x₂ₘ sin tθₘ + x₂ₘ₊₁ cos tθₘ),  θₘ = base^(−2m/r)
 * over the first r rotated channels of each head; the rest are copied.
 * WGSL's cos/sin need only be accurate to 2⁻¹¹ absolute (Vulkan's bound; SwiftShader is that coarse), so the
 * cos/sin table [T, r/2, 2] comes from the host in float64 (`ropeTable` in rope.ts; HF Transformers' cos/sin
 * cache) — a function of (T, r, base) only, never of the data.
 * Params: (heads·T, headDim, rotated r, T); x, y are [heads, T, headDim].
 */
export const ropeWgsl = /* wgsl */ `
struct Params { rows: u32, headDim: u32, rotated: u32, seqLen: u32 }
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> table: array<f32>;
@group(0) @binding(3) var<storage, read_write> y: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let dh = params.headDim;
  let pairs = (dh + 1u) / 2u;
  let k = gid.x;
  if (k >= params.rows * pairs) { return; }
  let row = k / pairs;
  let m = k % pairs;
  let at = row * dh + 2u * m;
  if (2u * m >= params.rotated) {
    y[at] = x[at];
    if (2u * m + 1u < dh) { y[at + 1u] = x[at + 1u]; }
    return;
  }
  let at2 = ((row % params.seqLen) * (params.rotated / 2u) + m) * 2u;
  let c = table[at2];
  let s = table[at2 + 1u];
  let a = x[at];
  let b = x[at + 1u];
  y[at] = a * c - b * s;
  y[at + 1u] = a * s + b * c;
}
`;
