/**
 * Decayed linear attention (RetNet / GLA / Mamba-2's SSD), chunkwise form — the GPU twin of
 * simulations/linearAttention/gatedLinearAttention.ts `glaChunked` and simulations/ssm/ssd.ts `ssdChunked`.
 * For chunk c = tokens [s₀, s₁) of C steps, with the within-chunk cumulative log-decay Γ_t = Σ_{r=s₀}^{t} g_r ≤ 0:
 *   o_t = scale·( (q_t ⊙ e^{Γ_t})ᵀ S_{c−1}  +  Σ_{s₀ ≤ s ≤ t} (Σ_a q_t[a] e^{Γ_t[a] − Γ_s[a]} k_s[a]) v_s ) + skip·v_t
 *   S_c = Diag(e^{Γ_{s₁−1}}) S_{c−1} + Σ_{s₀ ≤ s < s₁} (k_s ⊙ e^{Γ_{s₁−1} − Γ_s}) v_sᵀ          (S_{−1} = 0)
 * — across chunks a carried dk × dv state, within a chunk the masked quadratic form. Two passes:
 *  1. `chunkStates`: one invocation per (state entry (a, c), head) walks the chunks in order and writes the
 *     state entering each chunk, states [H, ⌈T/C⌉, dk, dv] — T steps of one multiply-add each (the only
 *     sequential part; dk·dv-way parallel per head).
 *  2. `chunkOutputs`: one invocation per (token t, head), independent of every other token: the intra-chunk
 *     weights (≤ C of them, kept in registers) and the read-out of the carried state.
 * Exponents are sums of g ≤ 0 accumulated backwards from t (never a difference of two large cumulative sums),
 * so every factor is in (0, 1]. Chunk ≤ 64, dk ≤ 64. q, k, g [H, T, dk]; v, o [H, T, dv]; skip [H].
 * With `inclusive` = 1 and chunk 1, `chunkStates` alone gives the state after every step, S_t [H, T, dk, dv]
 * (the trace the state views show). Params: (T, dk, dv, chunk), (heads, scale as f32 bits, inclusive, 0).
 */
export const CHUNKED_DECAYED_MAX_CHUNK = 64;
export const CHUNKED_DECAYED_MAX_KEY_DIM = 64;
export const CHUNKED_DECAYED_WORKGROUP = 64;

const PARAMS = /* wgsl */ `
struct Params { seqLen: u32, keyDim: u32, valueDim: u32, chunk: u32, heads: u32, scaleBits: u32, inclusive: u32, _b: u32 }
@group(0) @binding(0) var<uniform> params: Params;`;

export const chunkStatesWgsl = /* wgsl */ `${PARAMS}
@group(0) @binding(1) var<storage, read> k: array<f32>;
@group(0) @binding(2) var<storage, read> v: array<f32>;
@group(0) @binding(3) var<storage, read> g: array<f32>;
@group(0) @binding(4) var<storage, read_write> states: array<f32>;

@compute @workgroup_size(${CHUNKED_DECAYED_WORKGROUP})
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let T = params.seqLen;
  let dk = params.keyDim;
  let dv = params.valueDim;
  let C = params.chunk;
  let head = gid.y;
  if (gid.x >= dk * dv || head >= params.heads) { return; }
  let a = gid.x / dv;
  let c = gid.x % dv;
  let chunks = (T + C - 1u) / C;
  var S = 0.0;
  for (var chunk = 0u; chunk < chunks; chunk++) {
    let at = ((head * chunks + chunk) * dk + a) * dv + c;
    if (params.inclusive == 0u) { states[at] = S; }
    let s0 = chunk * C;
    let s1 = min(T, s0 + C);
    // Backwards over the chunk: decay = Γ_{s₁−1} − Γ_s, then S ← e^{Γ_{s₁−1}} S + Σ_s e^{decay} k_s[a] v_s[c].
    var acc = 0.0;
    var decay = 0.0;
    for (var s = s1; s > s0; s--) {
      let row = head * T + s - 1u;
      acc += exp(decay) * k[row * dk + a] * v[row * dv + c];
      decay += g[row * dk + a];
    }
    S = exp(decay) * S + acc;
    if (params.inclusive == 1u) { states[at] = S; }
  }
}
`;

export const chunkOutputsWgsl = /* wgsl */ `${PARAMS}
@group(0) @binding(1) var<storage, read> q: array<f32>;
@group(0) @binding(2) var<storage, read> k: array<f32>;
@group(0) @binding(3) var<storage, read> v: array<f32>;
@group(0) @binding(4) var<storage, read> g: array<f32>;
@group(0) @binding(5) var<storage, read> skip: array<f32>;
@group(0) @binding(6) var<storage, read> states: array<f32>;
@group(0) @binding(7) var<storage, read_write> o: array<f32>;

@compute @workgroup_size(${CHUNKED_DECAYED_WORKGROUP})
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let T = params.seqLen;
  let dk = params.keyDim;
  let dv = params.valueDim;
  let C = params.chunk;
  let t = gid.x;
  let head = gid.y;
  if (t >= T || head >= params.heads) { return; }
  let scale = bitcast<f32>(params.scaleBits);
  let chunks = (T + C - 1u) / C;
  let chunk = t / C;
  let s0 = chunk * C;
  let qRow = (head * T + t) * dk;
  // Intra-chunk weights w_s = Σ_a q_t[a] e^{Γ_t[a] − Γ_s[a]} k_s[a], from s = t down to s₀.
  var decay: array<f32, ${CHUNKED_DECAYED_MAX_KEY_DIM}>;
  var w: array<f32, ${CHUNKED_DECAYED_MAX_CHUNK}>;
  for (var a = 0u; a < dk; a++) { decay[a] = 0.0; }
  for (var s = t + 1u; s > s0; s--) {
    let row = (head * T + s - 1u) * dk;
    var ws = 0.0;
    for (var a = 0u; a < dk; a++) {
      ws += q[qRow + a] * exp(decay[a]) * k[row + a];
      decay[a] += g[row + a];
    }
    w[s - 1u - s0] = ws;
  }
  // Now decay = Γ_t: the carried state decayed from the chunk start to t.
  for (var a = 0u; a < dk; a++) { decay[a] = q[qRow + a] * exp(decay[a]); }
  let base = (head * chunks + chunk) * dk * dv;
  for (var c = 0u; c < dv; c++) {
    var acc = 0.0;
    for (var a = 0u; a < dk; a++) { acc += decay[a] * states[base + a * dv + c]; }
    for (var s = s0; s <= t; s++) { acc += w[s - s0] * v[(head * T + s) * dv + c]; }
    o[(head * T + t) * dv + c] = scale * acc + skip[head] * v[(head * T + t) * dv + c];
  }
}
`;
