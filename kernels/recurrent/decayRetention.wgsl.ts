/**
 * Retention of a gated recurrence with data-dependent decays a [T, D] (RG-LRU's a_t), the trace the retention
 * view shows (simulations/model/mixers/retention.ts `decayRetention`):
 *   R[t, j] = mean_c ∏_{s=j+1}^{t} a_{s,c}   for j ≤ t, 0 above the diagonal
 * One invocation per column j, walking t forward with the per-channel log-products in registers (D ≤ 256).
 * O(T²·D): built only when a trace is asked for. Params: (T, D, 0, 0); R [T, T].
 */
export const DECAY_RETENTION_MAX_CHANNELS = 256;

export const decayRetentionWgsl = /* wgsl */ `
struct Params { seqLen: u32, channels: u32, _a: u32, _b: u32 }
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> a: array<f32>;
@group(0) @binding(2) var<storage, read_write> R: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let T = params.seqLen;
  let D = params.channels;
  let j = gid.x;
  if (j >= T) { return; }
  var logProduct: array<f32, ${DECAY_RETENTION_MAX_CHANNELS}>;
  for (var c = 0u; c < D; c++) { logProduct[c] = 0.0; }
  for (var t = 0u; t < j; t++) { R[t * T + j] = 0.0; }
  for (var t = j; t < T; t++) {
    var s = 0.0;
    for (var c = 0u; c < D; c++) {
      if (t > j) { logProduct[c] += log(a[t * D + c]); }
      s += exp(logProduct[c]);
    }
    R[t * T + j] = s / f32(D);
  }
}
`;
