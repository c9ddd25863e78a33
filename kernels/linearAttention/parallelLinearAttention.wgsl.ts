/**
 * Causal linear attention, parallel form (simulations/linearAttention/linearAttention.ts `linearAttentionParallel`),
 * one invocation per (query row i, head h) — needed for Based's Taylor feature map, whose 1 + f + f² features
 * would not fit a register state, and it yields the implicit attention matrix the visualisations show:
 *   A_ij = φ(q_i)·φ(k_j) for j ≤ i,   y_i = Σ_j A_ij v_j / (Σ_j A_ij + ε),   weights_ij = A_ij / (Σ_j A_ij + ε)
 * Feature maps: 0 = elu + 1, 1 = ReLU, 2 = identity, 3 = Taylor, whose kernel has the closed form
 *   φ(q)·φ(k) = 1 + (q·k)/√f + (q·k)²/(2f)   (featureMaps.ts; Based's 1/√f scaling).
 * Params: (T, f, dv, map), (heads, 0, 0, 0); q, k [H, T, f]; v, y [H, T, dv]; weights [H, T, T].
 */
export const PARALLEL_LA_WORKGROUP = 64;
export const PARALLEL_FEATURE_MAP_CODES = { eluPlusOne: 0, relu: 1, identity: 2, taylor: 3 } as const;

export const parallelLinearAttentionWgsl = /* wgsl */ `
struct Params { seqLen: u32, keyDim: u32, valueDim: u32, featureMap: u32, heads: u32, _a: u32, _b: u32, _c: u32 }
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> q: array<f32>;
@group(0) @binding(2) var<storage, read> k: array<f32>;
@group(0) @binding(3) var<storage, read> v: array<f32>;
@group(0) @binding(4) var<storage, read_write> y: array<f32>;
@group(0) @binding(5) var<storage, read_write> weights: array<f32>;

fn phi(x: f32) -> f32 {
  if (params.featureMap == 0u) { return select(exp(x), x + 1.0, x > 0.0); }
  if (params.featureMap == 1u) { return max(x, 0.0); }
  return x;
}

fn kernel(qRow: u32, kRow: u32) -> f32 {
  let f = params.keyDim;
  var s = 0.0;
  if (params.featureMap == 3u) {
    for (var a = 0u; a < f; a++) { s += q[qRow + a] * k[kRow + a]; }
    let ff = f32(f);
    return 1.0 + s / sqrt(ff) + s * s / (2.0 * ff);
  }
  for (var a = 0u; a < f; a++) { s += phi(q[qRow + a]) * phi(k[kRow + a]); }
  return s;
}

@compute @workgroup_size(${PARALLEL_LA_WORKGROUP})
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let i = gid.x;
  let h = gid.y;
  let T = params.seqLen;
  if (i >= T || h >= params.heads) { return; }
  let f = params.keyDim;
  let dv = params.valueDim;
  let row = (h * T + i) * T;
  var sum = 0.0;
  for (var j = 0u; j <= i; j++) {
    let a = kernel((h * T + i) * f, (h * T + j) * f);
    weights[row + j] = a;
    sum += a;
  }
  let inv = 1.0 / (sum + 1e-12);
  for (var j = 0u; j <= i; j++) { weights[row + j] *= inv; }
  for (var j = i + 1u; j < T; j++) { weights[row + j] = 0.0; }
  for (var c = 0u; c < dv; c++) {
    var acc = 0.0;
    for (var j = 0u; j <= i; j++) { acc += weights[row + j] * v[(h * T + j) * dv + c]; }
    y[(h * T + i) * dv + c] = acc;
  }
}
`;
