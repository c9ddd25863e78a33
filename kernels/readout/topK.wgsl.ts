/**
 * Top-k readout over logits [T, V], one invocation per position t: the k largest logits and their token ids,
 * in descending order, ties to the lower id (so k = 1 is `predictTokens`' argmax, simulations/model/forward.ts).
 * Insertion into a register list of k ≤ 16 entries. Ids are written as f32 (exact below 2²⁴).
 * Params: (T, V, k, 0); ids and values are [T, k].
 */
export const TOP_K_MAX = 16;

export const topKWgsl = /* wgsl */ `
struct Params { seqLen: u32, vocab: u32, k: u32, _pad: u32 }
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> logits: array<f32>;
@group(0) @binding(2) var<storage, read_write> ids: array<f32>;
@group(0) @binding(3) var<storage, read_write> values: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let t = gid.x;
  let V = params.vocab;
  let K = params.k;
  if (t >= params.seqLen) { return; }
  var bestV: array<f32, ${TOP_K_MAX}>;
  var bestI: array<u32, ${TOP_K_MAX}>;
  var count = 0u;
  for (var v = 0u; v < V; v++) {
    let x = logits[t * V + v];
    // Strictly greater than the entry it displaces: earlier ids win ties.
    if (count == K && !(x > bestV[K - 1u])) { continue; }
    var pos = min(count, K - 1u);
    while (pos > 0u && x > bestV[pos - 1u]) {
      bestV[pos] = bestV[pos - 1u];
      bestI[pos] = bestI[pos - 1u];
      pos--;
    }
    bestV[pos] = x;
    bestI[pos] = v;
    count = min(count + 1u, K);
  }
  for (var r = 0u; r < K; r++) {
    ids[t * K + r] = f32(bestI[r]);
    values[t * K + r] = bestV[r];
  }
}
`;
