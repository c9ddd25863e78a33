/**
 * Causal multi-head softmax attention, optionally under a sliding window, one invocation per (query row i, head h).
 * Mirrors simulations/attention/causalSoftmaxAttention.ts (architectures.md §3.1):
 *   pass 1 — online softmax over keys 0..i: running max m and denominator l (Milakov & Gimelshein, 2018);
 *   pass 2 — A_ij = exp(s_ij − m) / l, written to `weights` (zeros above the diagonal, so reused buffers never leak);
 *   pass 3 — y_i = Σ_j A_ij v_j, reading back the weights this invocation just wrote.
 * Layout: q, k, v, out are [heads, seqLen, headDim]; weights is [heads, seqLen, seqLen].
 * A direct kernel, not a tiled one: on SwiftShader barriers cost more than the saved loads, and at T ≤ 1024 it is
 * the correctness reference for the tiled kernels to come.
 */
export const CAUSAL_ATTENTION_WORKGROUP_SIZE = 64;

export const causalAttentionWgsl = /* wgsl */ `
struct Params {
  seqLen: u32,
  heads: u32,
  headDim: u32,
  scale: f32,
  /** Sliding window stored as W + 1 (keys i − W … i); 0 = full causal attention. */
  windowPlusOne: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> q: array<f32>;
@group(0) @binding(2) var<storage, read> k: array<f32>;
@group(0) @binding(3) var<storage, read> v: array<f32>;
@group(0) @binding(4) var<storage, read_write> outputs: array<f32>;
@group(0) @binding(5) var<storage, read_write> weights: array<f32>;

fn score(headBase: u32, i: u32, j: u32) -> f32 {
  let dh = params.headDim;
  var dot = 0.0;
  for (var c = 0u; c < dh; c++) {
    dot += q[headBase + i * dh + c] * k[headBase + j * dh + c];
  }
  return dot * params.scale;
}

@compute @workgroup_size(${CAUSAL_ATTENTION_WORKGROUP_SIZE})
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let i = gid.x;
  let h = gid.y;
  let T = params.seqLen;
  if (i >= T || h >= params.heads) {
    return;
  }
  let dh = params.headDim;
  let headBase = h * T * dh;
  // First visible key: i − W under a sliding window (W + 1 keys incl. the current one), else 0.
  let w1 = params.windowPlusOne;
  let first = select(0u, i + 1u - w1, w1 > 0u && i + 1u > w1);

  // Pass 1: running max and rescaled denominator.
  var m = -3.4e38;
  var l = 0.0;
  for (var j = first; j <= i; j++) {
    let s = score(headBase, i, j);
    let mNew = max(m, s);
    l = l * exp(m - mNew) + exp(s - mNew);
    m = mNew;
  }

  // Pass 2: normalised weights; the masked upper triangle is written as exact zeros.
  let row = (h * T + i) * T;
  for (var j = first; j <= i; j++) {
    weights[row + j] = exp(score(headBase, i, j) - m) / l;
  }
  for (var j = 0u; j < first; j++) {
    weights[row + j] = 0.0;
  }
  for (var j = i + 1u; j < T; j++) {
    weights[row + j] = 0.0;
  }

  // Pass 3: weighted sum of values.
  for (var c = 0u; c < dh; c++) {
    var acc = 0.0;
    for (var j = first; j <= i; j++) {
      acc += weights[row + j] * v[headBase + j * dh + c];
    }
    outputs[headBase + i * dh + c] = acc;
  }
}
`;
