/**
 * Block-diagonal matrix multiply, the building block of Monarch matrices (M = Pᵀ·L·P·R; simulations/monarch) and
 * of M2's block-diagonal MLP (simulations/model/forward.ts `monarchMlp`), one invocation per output (t, g, o):
 *   y[t, g·m + o] = bias[g·m + o] + Σ_{i<n} x̃[t, g·n + i]·W[g·n + i, o]
 * where b blocks map n → m channels and x̃ = x, or with `permute` the "reshape b × (b·n/b) and transpose"
 * permutation P of the input row: x̃[j] = x[(j mod b)·n + ⌊j / b⌋] (M2's block transpose; P for square blocks).
 * Params: (T, b, n, m), (permute, 0, 0, 0); x [T, b·n], W [b·n, m], bias [b·m], y [T, b·m].
 */
export const blockDiagonalWgsl = /* wgsl */ `
struct Params { seqLen: u32, blocks: u32, inPer: u32, outPer: u32, permute: u32, _a: u32, _b: u32, _c: u32 }
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> W: array<f32>;
@group(0) @binding(3) var<storage, read> bias: array<f32>;
@group(0) @binding(4) var<storage, read_write> y: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let k = gid.x;
  let b = params.blocks;
  let n = params.inPer;
  let m = params.outPer;
  let width = b * m;
  if (k >= params.seqLen * width) { return; }
  let t = k / width;
  let g = (k % width) / m;
  let o = k % m;
  var s = bias[g * m + o];
  for (var i = 0u; i < n; i++) {
    let j = g * n + i;
    let src = select(j, (j % b) * n + j / b, params.permute == 1u);
    s += x[t * b * n + src] * W[j * m + o];
  }
  y[k] = s;
}
`;
