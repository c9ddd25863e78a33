/**
 * Softmax attention under an arbitrary mask (simulations/attention/maskedSoftmaxAttention.ts), one invocation
 * per (query row i, head h): every sparse pattern of the engine — dilated, strided, fixed, Longformer, BigBird,
 * block-sparse, and the data-dependent LSH buckets and k-means clusters. The mask [T, T] (1 = may attend) is
 * built on the CPU by `buildMask` (for LSH / k-means from the shared QK vectors the GPU computed) and uploaded.
 *   pass 1 — online softmax over allowed keys (running max m, denominator l);
 *   pass 2 — weights A_ij = exp(s_ij − m)/l for allowed j, exact zeros elsewhere (a row with no allowed key is 0);
 *   pass 3 — y_i = Σ_j A_ij v_j.
 * Layout as causalAttention.wgsl.ts: q, k, v, out [heads, T, dh]; weights [heads, T, T]; mask [T, T] as f32.
 */
export const MASKED_ATTENTION_WORKGROUP = 64;

export const maskedAttentionWgsl = /* wgsl */ `
struct Params { seqLen: u32, heads: u32, headDim: u32, scale: f32 }
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> q: array<f32>;
@group(0) @binding(2) var<storage, read> k: array<f32>;
@group(0) @binding(3) var<storage, read> v: array<f32>;
@group(0) @binding(4) var<storage, read> mask: array<f32>;
@group(0) @binding(5) var<storage, read_write> outputs: array<f32>;
@group(0) @binding(6) var<storage, read_write> weights: array<f32>;

fn score(base: u32, i: u32, j: u32) -> f32 {
  let dh = params.headDim;
  var dot = 0.0;
  for (var c = 0u; c < dh; c++) { dot += q[base + i * dh + c] * k[base + j * dh + c]; }
  return dot * params.scale;
}

@compute @workgroup_size(${MASKED_ATTENTION_WORKGROUP})
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let i = gid.x;
  let h = gid.y;
  let T = params.seqLen;
  if (i >= T || h >= params.heads) { return; }
  let dh = params.headDim;
  let base = h * T * dh;
  let row = (h * T + i) * T;
  var m = -3.4e38;
  var l = 0.0;
  for (var j = 0u; j < T; j++) {
    if (mask[i * T + j] == 0.0) { continue; }
    let s = score(base, i, j);
    let mNew = max(m, s);
    l = l * exp(m - mNew) + exp(s - mNew);
    m = mNew;
  }
  let inv = select(0.0, 1.0 / l, l > 0.0);
  for (var j = 0u; j < T; j++) {
    weights[row + j] = select(0.0, exp(score(base, i, j) - m) * inv, mask[i * T + j] != 0.0);
  }
  for (var c = 0u; c < dh; c++) {
    var acc = 0.0;
    for (var j = 0u; j < T; j++) { acc += weights[row + j] * v[base + j * dh + c]; }
    outputs[base + i * dh + c] = acc;
  }
}
`;
