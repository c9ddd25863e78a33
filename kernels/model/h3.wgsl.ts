/**
 * H3's two per-head steps around the diagonal SSM (simulations/model/mixers/h3Mixer.ts), heads of width 2:
 *   outer:   kv[t, 4h + 2i + j] = k̃[t, 2h + i]·v[t, 2h + j]           (one invocation per (t, kv channel))
 *   readout: y[t, 2h + j] = Σ_{i<2} q[t, 2h + i]·s[t, 4h + 2i + j]      (one invocation per (t, channel))
 * dims: (T, d, 0, 0).
 */
const header = /* wgsl */ `
struct Dims { a: u32, b: u32, c: u32, d: u32 }
@group(0) @binding(0) var<uniform> dims: Dims;
`;

export const h3OuterWgsl = `${header}
@group(0) @binding(1) var<storage, read> kShift: array<f32>;
@group(0) @binding(2) var<storage, read> v: array<f32>;
@group(0) @binding(3) var<storage, read_write> kv: array<f32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let k = gid.x;
  let T = dims.a; let d = dims.b;
  if (k >= T * 2u * d) { return; }
  let t = k / (2u * d); let ch = k % (2u * d);
  let h = ch / 4u; let i = (ch / 2u) % 2u; let j = ch % 2u;
  kv[k] = kShift[t * d + 2u * h + i] * v[t * d + 2u * h + j];
}`;

export const h3ReadoutWgsl = `${header}
@group(0) @binding(1) var<storage, read> q: array<f32>;
@group(0) @binding(2) var<storage, read> s: array<f32>;
@group(0) @binding(3) var<storage, read_write> y: array<f32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let k = gid.x;
  let T = dims.a; let d = dims.b;
  if (k >= T * d) { return; }
  let t = k / d; let c = k % d;
  let h = c / 2u; let j = c % 2u;
  var acc = 0.0;
  for (var i = 0u; i < 2u; i++) { acc += q[t * d + 2u * h + i] * s[t * 2u * d + 4u * h + 2u * i + j]; }
  y[k] = acc;
}`;
