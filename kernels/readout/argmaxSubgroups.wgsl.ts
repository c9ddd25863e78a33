/**
 * Argmax readout with subgroup reductions — the variant used only where the device has the `subgroups`
 * feature (argmax.ts); the portable path is the top-k kernel with k = 1 (topK.wgsl.ts), which it must equal
 * exactly. One workgroup per position t: each invocation scans a strided slice of the vocabulary, then
 *   m = subgroupMax(best value),  id = subgroupMin(best id among lanes whose value = m)   (ties → lower id)
 * and one lane per subgroup appends (m, id) to workgroup memory through an atomic slot (no assumption about
 * how invocations map to subgroups, nor about the subgroup size: 4 on SwiftShader, 32–64 on GPUs); invocation
 * 0 reduces those ≤ 16 partials (−∞ logits included). Params: (T, V, 0, 0); ids (as f32) and values are [T].
 */
export const ARGMAX_WORKGROUP = 64;

export const argmaxSubgroupsWgsl = /* wgsl */ `
enable subgroups;
struct Params { seqLen: u32, vocab: u32, _a: u32, _b: u32 }
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> logits: array<f32>;
@group(0) @binding(2) var<storage, read_write> ids: array<f32>;
@group(0) @binding(3) var<storage, read_write> values: array<f32>;

const NONE = 0xffffffffu;
var<workgroup> partV: array<f32, ${ARGMAX_WORKGROUP}>;
var<workgroup> partI: array<u32, ${ARGMAX_WORKGROUP}>;
var<workgroup> parts: atomic<u32>;

/** (v, i) beats (bestV, bestI): larger value, or equal value and lower id; NONE never wins. */
fn better(v: f32, i: u32, bestV: f32, bestI: u32) -> bool {
  return i != NONE && (bestI == NONE || v > bestV || (v == bestV && i < bestI));
}

@compute @workgroup_size(${ARGMAX_WORKGROUP})
fn main(
  @builtin(local_invocation_index) lid: u32,
  @builtin(workgroup_id) wid: vec3u,
  @builtin(subgroup_invocation_id) lane: u32,
) {
  let t = wid.x;
  let V = params.vocab;
  if (lid == 0u) { atomicStore(&parts, 0u); }
  workgroupBarrier();
  var bestV = 0.0;
  var bestI = NONE;
  for (var v = lid; v < V; v += ${ARGMAX_WORKGROUP}u) {
    let x = logits[t * V + v];
    if (better(x, v, bestV, bestI)) { bestV = x; bestI = v; }
  }
  // Lanes without a candidate take part with −∞ (built at run time: a constant ∞ is a WGSL compile error).
  let negInf = bitcast<f32>(0xff800000u | params._a);
  let m = subgroupMax(select(bestV, negInf, bestI == NONE));
  let id = subgroupMin(select(NONE, bestI, bestI != NONE && bestV == m));
  if (lane == 0u) {
    let slot = atomicAdd(&parts, 1u);
    partV[slot] = m;
    partI[slot] = id;
  }
  workgroupBarrier();
  if (lid == 0u) {
    var v = 0.0;
    var i = NONE;
    let n = atomicLoad(&parts);
    for (var s = 0u; s < n; s++) {
      if (better(partV[s], partI[s], v, i)) { v = partV[s]; i = partI[s]; }
    }
    ids[t] = f32(i);
    values[t] = v;
  }
}
`;
