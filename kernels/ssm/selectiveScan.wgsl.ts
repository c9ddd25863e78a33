/**
 * Mamba's selective scan, one invocation per channel c, the N-dim state in registers, tokens in order
 * (the shape of ORT's linear-attention template at tiny size). Mirrors simulations/ssm/selectiveScan.ts:
 *   h[n] ← exp(Δ_t·A[c,n])·h[n] + Δ_t·B_t[n]·x_t,   y_t = Σ_n C_t[n]·h[n] + D·x_t
 */
export const SELECTIVE_SCAN_WORKGROUP = 64;
export const SELECTIVE_SCAN_MAX_STATE = 64;

/** `withStates`: also write h_t for every step, states [T, D, N] (the trace of the state views). */
export const selectiveScanSource = (withStates: boolean) => /* wgsl */ `
struct Params { seqLen: u32, channels: u32, stateSize: u32, _pad: u32 }
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> delta: array<f32>;
@group(0) @binding(3) var<storage, read> A: array<f32>;
@group(0) @binding(4) var<storage, read> B: array<f32>;
@group(0) @binding(5) var<storage, read> C: array<f32>;
@group(0) @binding(6) var<storage, read> Dskip: array<f32>;
@group(0) @binding(7) var<storage, read_write> y: array<f32>;
${withStates ? '@group(0) @binding(8) var<storage, read_write> states: array<f32>;' : ''}

@compute @workgroup_size(${SELECTIVE_SCAN_WORKGROUP})
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let c = gid.x;
  let D = params.channels;
  let N = params.stateSize;
  if (c >= D) { return; }
  var h: array<f32, ${SELECTIVE_SCAN_MAX_STATE}>;
  for (var n = 0u; n < N; n++) { h[n] = 0.0; }
  for (var t = 0u; t < params.seqLen; t++) {
    let dt = delta[t * D + c];
    let xt = x[t * D + c];
    var out = Dskip[c] * xt;
    for (var n = 0u; n < N; n++) {
      h[n] = exp(dt * A[c * N + n]) * h[n] + dt * B[t * N + n] * xt;
      out += C[t * N + n] * h[n];
      ${withStates ? 'states[(t * D + c) * N + n] = h[n];' : ''}
    }
    y[t * D + c] = out;
  }
}
`;

export const selectiveScanWgsl = selectiveScanSource(false);
export const selectiveScanStatesWgsl = selectiveScanSource(true);
