/**
 * Mamba-2's SSD as decayed linear attention (simulations/ssm/ssd.ts): per head h and token t, from the conv
 * output xbc [T, d_inner + 2N] (x ‖ B ‖ C) and the steps Δ [T, H] and A [H]:
 *   q_h[t] = C_t,   k_h[t] = Δ_{t,h}·B_t,   g_h[t] = Δ_{t,h}·A_h (broadcast over N),   v_h[t] = x_t[h·P … h·P + P)
 * One invocation per (h, t). Params: (T, H, N, P).
 */
export const ssdInputsWgsl = /* wgsl */ `
struct Params { seqLen: u32, heads: u32, stateSize: u32, headDim: u32 }
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> xbc: array<f32>;
@group(0) @binding(2) var<storage, read> delta: array<f32>;
@group(0) @binding(3) var<storage, read> A: array<f32>;
@group(0) @binding(4) var<storage, read_write> q: array<f32>;
@group(0) @binding(5) var<storage, read_write> k: array<f32>;
@group(0) @binding(6) var<storage, read_write> g: array<f32>;
@group(0) @binding(7) var<storage, read_write> v: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let i = gid.x;
  let T = params.seqLen;
  let H = params.heads;
  let N = params.stateSize;
  let P = params.headDim;
  if (i >= H * T) { return; }
  let h = i / T;
  let t = i % T;
  let di = H * P;
  let width = di + 2u * N;
  let dt = delta[t * H + h];
  for (var n = 0u; n < N; n++) {
    q[i * N + n] = xbc[t * width + di + N + n];
    k[i * N + n] = dt * xbc[t * width + di + n];
    g[i * N + n] = dt * A[h];
  }
  for (var p = 0u; p < P; p++) { v[i * P + p] = xbc[t * width + h * P + p]; }
}
`;
