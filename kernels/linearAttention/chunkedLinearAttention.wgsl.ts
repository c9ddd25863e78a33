/**
 * Causal linear attention, chunkwise form — the GPU twin of simulations/linearAttention/linearAttention.ts
 * `linearAttentionChunked`. For chunk c = tokens [s₀, s₁), with the normaliser z carried as an extra value
 * column of ones (S̃ = [S | z], ṽ_s = [v_s, 1]):
 *   ỹ_t = φ(q_t)ᵀ S̃_{c−1} + Σ_{s₀ ≤ s ≤ t} (φ(q_t)·φ(k_s)) ṽ_s,   y_t = ỹ_t[0 … dv) / (ỹ_t[dv] + ε)
 *   S̃_c = S̃_{c−1} + Σ_{s₀ ≤ s < s₁} φ(k_s) ṽ_sᵀ                                           (S̃_{−1} = 0)
 * Two passes: `chunkStates` — one invocation per (state entry (a, c), head), a < D = feature size, c ≤ dv,
 * writes the state entering each chunk, states [H, ⌈T/C⌉, D, dv + 1]; `chunkOutputs` — one invocation per
 * (token, head), intra-chunk kernel values and q_t in registers (chunk ≤ 64, f ≤ 64) plus the read-out of
 * the carried state.
 * Feature maps: 0 = elu + 1, 1 = ReLU, 2 = identity, 3 = Based's Taylor map
 *   φ(x) = [1, x/f^{1/4}, vec(x xᵀ)/(√2·√f)]   (featureMaps.ts; D = 1 + f + f²),
 * whose kernel has the closed form φ(q)·φ(k) = 1 + q·k/√f + (q·k)²/(2f) used within the chunk — the state
 * makes the Taylor map affordable at long T (the parallel kernel is O(T²)).
 * With `inclusive` = 1 and chunk 1, `chunkStates` alone gives [S_t | z_t] after every step (the state trace).
 * Params: (T, f, dv, chunk), (heads, map, D, inclusive); q, k [H, T, f]; v, y [H, T, dv].
 */
export const CHUNKED_LA_MAX_CHUNK = 64;
export const CHUNKED_LA_MAX_KEY_DIM = 64;
export const CHUNKED_LA_WORKGROUP = 64;
export const CHUNKED_LA_EPS = 1e-12;

const COMMON = /* wgsl */ `
struct Params { seqLen: u32, keyDim: u32, valueDim: u32, chunk: u32, heads: u32, featureMap: u32, features: u32, inclusive: u32 }
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> k: array<f32>;
@group(0) @binding(2) var<storage, read> v: array<f32>;

fn phi(x: f32) -> f32 {
  if (params.featureMap == 0u) { return select(exp(x), x + 1.0, x > 0.0); }
  if (params.featureMap == 1u) { return max(x, 0.0); }
  return x;
}

/** Feature a of φ(k_s) = scale · x_i · x_j over the key row (x_i = 1 where unused): the Taylor map's
 *  indices and scale are fixed per thread, so the loop over tokens has no branch and no sqrt. */
struct Feature { i: u32, j: u32, useI: bool, useJ: bool, scale: f32 }

fn featureOf(a: u32) -> Feature {
  let f = params.keyDim;
  if (params.featureMap != 3u) { return Feature(a, 0u, true, false, 1.0); }
  let ff = f32(f);
  if (a == 0u) { return Feature(0u, 0u, false, false, 1.0); }
  if (a <= f) { return Feature(a - 1u, 0u, true, false, 1.0 / sqrt(sqrt(ff))); }
  return Feature((a - 1u - f) / f, (a - 1u - f) % f, true, true, 1.0 / (sqrt(2.0) * sqrt(ff)));
}

fn keyFeature(row: u32, e: Feature) -> f32 {
  if (params.featureMap != 3u) { return phi(k[row + e.i]); }
  return e.scale * select(1.0, k[row + e.i], e.useI) * select(1.0, k[row + e.j], e.useJ);
}

/** ṽ_s[c]: the value, or 1 in the normaliser column c = dv. */
fn valueOrOne(token: u32, c: u32) -> f32 {
  let dv = params.valueDim;
  return select(v[token * dv + c], 1.0, c == dv);
}
`;

export const chunkedLinearStatesWgsl = /* wgsl */ `${COMMON}
@group(0) @binding(3) var<storage, read_write> states: array<f32>;

@compute @workgroup_size(${CHUNKED_LA_WORKGROUP})
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let T = params.seqLen;
  let f = params.keyDim;
  let D = params.features;
  let width = params.valueDim + 1u;
  let C = params.chunk;
  let head = gid.y;
  if (gid.x >= D * width || head >= params.heads) { return; }
  let a = gid.x / width;
  let c = gid.x % width;
  let chunks = (T + C - 1u) / C;
  let e = featureOf(a);
  var S = 0.0;
  for (var chunk = 0u; chunk < chunks; chunk++) {
    let at = ((head * chunks + chunk) * D + a) * width + c;
    if (params.inclusive == 0u) { states[at] = S; }
    for (var s = chunk * C; s < min(T, chunk * C + C); s++) {
      let token = head * T + s;
      S += keyFeature(token * f, e) * valueOrOne(token, c);
    }
    if (params.inclusive == 1u) { states[at] = S; }
  }
}
`;

export const chunkedLinearOutputsWgsl = /* wgsl */ `${COMMON}
@group(0) @binding(3) var<storage, read> q: array<f32>;
@group(0) @binding(4) var<storage, read> states: array<f32>;
@group(0) @binding(5) var<storage, read_write> y: array<f32>;

/** φ(q_t)·φ(k_s), closed form for the Taylor map. */
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

/** φ(q_t)ᵀ S̃_{c−1}[:, c] from x = q_t (Taylor: structured, 1·S₀ + Σ_i x_i (S_i/f^{1/4} + Σ_j x_j S_ij/(√2√f))) or x = φ(q_t). */
fn carried(x: ptr<function, array<f32, ${CHUNKED_LA_MAX_KEY_DIM}>>, base: u32, c: u32) -> f32 {
  let f = params.keyDim;
  let width = params.valueDim + 1u;
  if (params.featureMap != 3u) {
    var acc = 0.0;
    for (var a = 0u; a < f; a++) { acc += (*x)[a] * states[base + a * width + c]; }
    return acc;
  }
  let ff = f32(f);
  let s1 = 1.0 / sqrt(sqrt(ff));
  let s2 = 1.0 / (sqrt(2.0) * sqrt(ff));
  var acc = states[base + c];
  for (var i = 0u; i < f; i++) {
    var inner = 0.0;
    for (var j = 0u; j < f; j++) { inner += (*x)[j] * states[base + (1u + f + i * f + j) * width + c]; }
    acc += (*x)[i] * (s1 * states[base + (1u + i) * width + c] + s2 * inner);
  }
  return acc;
}

@compute @workgroup_size(${CHUNKED_LA_WORKGROUP})
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let T = params.seqLen;
  let f = params.keyDim;
  let dv = params.valueDim;
  let D = params.features;
  let width = dv + 1u;
  let C = params.chunk;
  let t = gid.x;
  let head = gid.y;
  if (t >= T || head >= params.heads) { return; }
  let chunks = (T + C - 1u) / C;
  let chunk = t / C;
  let s0 = chunk * C;
  let qRow = (head * T + t) * f;
  var w: array<f32, ${CHUNKED_LA_MAX_CHUNK}>;
  for (var s = s0; s <= t; s++) { w[s - s0] = kernel(qRow, (head * T + s) * f); }
  let base = (head * chunks + chunk) * D * width;
  // q_t (Taylor) or φ(q_t) in registers.
  var x: array<f32, ${CHUNKED_LA_MAX_KEY_DIM}>;
  for (var a = 0u; a < f; a++) { x[a] = select(phi(q[qRow + a]), q[qRow + a], params.featureMap == 3u); }
  // ỹ_t[c] = φ(q_t)ᵀ S̃_{c−1}[:, c] + Σ_{s₀ ≤ s ≤ t} w_s ṽ_s[c]; column dv (the normaliser) first.
  var den = carried(&x, base, dv) + ${CHUNKED_LA_EPS};
  for (var s = s0; s <= t; s++) { den += w[s - s0]; }
  for (var c = 0u; c < dv; c++) {
    var acc = carried(&x, base, c);
    for (var s = s0; s <= t; s++) { acc += w[s - s0] * v[(head * T + s) * dv + c]; }
    y[(head * T + t) * dv + c] = acc / den;
  }
}
`;
