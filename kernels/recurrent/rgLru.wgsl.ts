/**
 * RG-LRU, one invocation per channel (simulations/recurrent/rgLru.ts):
 *   a_t = exp(−8·r_t·softplus(Λ)),  h_t = a_t·h_{t−1} + m_t·i_t·x_t,  m_t = √(1 − a_t²) (1 at t = 0)
 */
export const RG_LRU_WORKGROUP = 64;

export const rgLruWgsl = /* wgsl */ `
struct Params { seqLen: u32, channels: u32, _pad0: u32, _pad1: u32 }
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> r: array<f32>;
@group(0) @binding(3) var<storage, read> gate: array<f32>;
@group(0) @binding(4) var<storage, read> softplusLambda: array<f32>;
@group(0) @binding(5) var<storage, read_write> h: array<f32>;
@group(0) @binding(6) var<storage, read_write> a: array<f32>;

@compute @workgroup_size(${RG_LRU_WORKGROUP})
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let c = gid.x;
  let D = params.channels;
  if (c >= D) { return; }
  var state = 0.0;
  for (var t = 0u; t < params.seqLen; t++) {
    let k = t * D + c;
    let at = exp(-8.0 * r[k] * softplusLambda[c]);
    var m = sqrt(max(0.0, 1.0 - at * at));
    if (t == 0u) { m = 1.0; }
    state = at * state + m * gate[k] * x[k];
    h[k] = state;
    a[k] = at;
  }
}
`;
