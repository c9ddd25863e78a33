/**
 * The implicit attention matrix of decayed linear attention — the trace RetNet, GLA and Mamba-2 show on the
 * same axes as softmax attention (glaParallel's `weights`, ssd.ts `ssdImplicitAttention`):
 *   W_ts = scale · Σ_a q_t[a] e^{Σ_{r=s+1}^{t} g_r[a]} k_s[a]   for s ≤ t, 0 above the diagonal
 * (SSD: q = C, k = ΔB, g = ΔA, scale 1 gives M_ts = (C_t·B_s) e^{A(Λ_t − Λ_s)} Δ_s). One invocation per
 * (query t, head), walking s from t down to 0 with the decay exponents accumulated (all ≤ 0, never a
 * difference of cumulative sums). O(T²·d_k): built only when a trace is asked for. Key dim ≤ 64.
 * Params: (T, dk, heads, scale as f32 bits); q, k, g [H, T, dk]; W [H, T, T].
 */
export const DECAYED_IMPLICIT_MAX_KEY_DIM = 64;
export const DECAYED_IMPLICIT_WORKGROUP = 64;

export const decayedImplicitAttentionWgsl = /* wgsl */ `
struct Params { seqLen: u32, keyDim: u32, heads: u32, scaleBits: u32 }
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> q: array<f32>;
@group(0) @binding(2) var<storage, read> k: array<f32>;
@group(0) @binding(3) var<storage, read> g: array<f32>;
@group(0) @binding(4) var<storage, read_write> W: array<f32>;

@compute @workgroup_size(${DECAYED_IMPLICIT_WORKGROUP})
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let T = params.seqLen;
  let dk = params.keyDim;
  let t = gid.x;
  let head = gid.y;
  if (t >= T || head >= params.heads) { return; }
  let scale = bitcast<f32>(params.scaleBits);
  let qRow = (head * T + t) * dk;
  let wRow = (head * T + t) * T;
  var decay: array<f32, ${DECAYED_IMPLICIT_MAX_KEY_DIM}>;
  for (var a = 0u; a < dk; a++) { decay[a] = 0.0; }
  for (var s = t + 1u; s > 0u; s--) {
    let row = (head * T + s - 1u) * dk;
    var w = 0.0;
    for (var a = 0u; a < dk; a++) {
      w += q[qRow + a] * exp(decay[a]) * k[row + a];
      decay[a] += g[row + a];
    }
    W[wRow + s - 1u] = scale * w;
  }
  for (var s = t + 1u; s < T; s++) { W[wRow + s] = 0.0; }
}
`;
