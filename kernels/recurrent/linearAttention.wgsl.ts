/**
 * Causal linear attention, recurrent form (simulations/linearAttention/linearAttention.ts): one workgroup per
 * head, one invocation per value column c holding the state column S[:, c] and the normaliser z in registers;
 * φ(q_t), φ(k_t) recomputed per invocation (feature dim ≤ 64).
 *   S ← S + φ(k_t) v_t[c],  z ← z + φ(k_t),  y_t[c] = φ(q_t)·S / (φ(q_t)·z + ε)
 * Feature maps: 0 = elu + 1, 1 = ReLU, 2 = identity (the Taylor map stays on the CPU for now).
 */
export const LINEAR_ATTENTION_MAX_FEATURES = 64;
export const FEATURE_MAP_CODES = { eluPlusOne: 0, relu: 1, identity: 2 } as const;

export const linearAttentionWgsl = /* wgsl */ `
struct Params { seqLen: u32, keyDim: u32, valueDim: u32, featureMap: u32 }
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> q: array<f32>;
@group(0) @binding(2) var<storage, read> k: array<f32>;
@group(0) @binding(3) var<storage, read> v: array<f32>;
@group(0) @binding(4) var<storage, read_write> y: array<f32>;

fn phi(x: f32) -> f32 {
  if (params.featureMap == 0u) { return select(exp(x), x + 1.0, x > 0.0); }
  if (params.featureMap == 1u) { return max(x, 0.0); }
  return x;
}

@compute @workgroup_size(64)
fn main(@builtin(local_invocation_id) lid: vec3u, @builtin(workgroup_id) wid: vec3u) {
  let c = lid.x;
  let head = wid.x;
  let T = params.seqLen;
  let F = params.keyDim;
  let V = params.valueDim;
  if (c >= V) { return; }
  var S: array<f32, ${LINEAR_ATTENTION_MAX_FEATURES}>;
  var z: array<f32, ${LINEAR_ATTENTION_MAX_FEATURES}>;
  for (var a = 0u; a < F; a++) { S[a] = 0.0; z[a] = 0.0; }
  for (var t = 0u; t < T; t++) {
    let vt = v[(head * T + t) * V + c];
    var num = 0.0;
    var den = 0.0;
    for (var a = 0u; a < F; a++) {
      let ka = phi(k[(head * T + t) * F + a]);
      S[a] += ka * vt;
      z[a] += ka;
      let qa = phi(q[(head * T + t) * F + a]);
      num += qa * S[a];
      den += qa * z[a];
    }
    y[(head * T + t) * V + c] = num / (den + 1e-12);
  }
}
`;
