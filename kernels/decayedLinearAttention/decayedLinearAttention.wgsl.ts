/**
 * Decayed (gated) linear attention, recurrent form — RetNet (fixed γ per head), GLA (data-dependent per-channel
 * decays) and Mamba-2's SSD (scalar decay e^{Δ_t A}, q = C, k = Δ_t B, v = x), mirroring
 * simulations/linearAttention/gatedLinearAttention.ts `glaRecurrent` and simulations/ssm/ssd.ts `ssdRecurrent`:
 *   S_t = Diag(e^{g_t}) S_{t−1} + k_t v_tᵀ,   o_t = scale·q_tᵀ S_t + skip_h·v_t
 * One workgroup per head, one invocation per value column c holding the state column S[:, c] (key dim ≤ 64)
 * in registers, tokens in order (ORT's gated linear-attention template at tiny size). Value widths above 64
 * are covered by looping the workgroup over column blocks.
 * Params: (T, dk, dv, scale as f32 bits); q, k, g are [H, T, dk]; v, o are [H, T, dv]; skip is [H].
 */
export const DECAYED_LA_MAX_KEY_DIM = 64;
export const DECAYED_LA_WORKGROUP = 64;

export const decayedLinearAttentionWgsl = /* wgsl */ `
struct Params { seqLen: u32, keyDim: u32, valueDim: u32, scaleBits: u32 }
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> q: array<f32>;
@group(0) @binding(2) var<storage, read> k: array<f32>;
@group(0) @binding(3) var<storage, read> v: array<f32>;
@group(0) @binding(4) var<storage, read> g: array<f32>;
@group(0) @binding(5) var<storage, read> skip: array<f32>;
@group(0) @binding(6) var<storage, read_write> o: array<f32>;

@compute @workgroup_size(${DECAYED_LA_WORKGROUP})
fn main(@builtin(local_invocation_id) lid: vec3u, @builtin(workgroup_id) wid: vec3u) {
  let head = wid.x;
  let T = params.seqLen;
  let dk = params.keyDim;
  let dv = params.valueDim;
  let scale = bitcast<f32>(params.scaleBits);
  for (var c = lid.x; c < dv; c += ${DECAYED_LA_WORKGROUP}u) {
    var S: array<f32, ${DECAYED_LA_MAX_KEY_DIM}>;
    for (var a = 0u; a < dk; a++) { S[a] = 0.0; }
    for (var t = 0u; t < T; t++) {
      let row = (head * T + t) * dk;
      let vt = v[(head * T + t) * dv + c];
      var acc = 0.0;
      for (var a = 0u; a < dk; a++) {
        S[a] = exp(g[row + a]) * S[a] + k[row + a] * vt;
        acc += q[row + a] * S[a];
      }
      o[(head * T + t) * dv + c] = scale * acc + skip[head] * vt;
    }
  }
}
`;
