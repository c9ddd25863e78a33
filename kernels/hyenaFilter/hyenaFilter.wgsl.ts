/**
 * Hyena's implicit filter (simulations/longConv/hyenaFilter.ts `hyenaFilters`): the first L lags of the filter
 * built at length N ≥ L (the model's maxSeqLen, Zoology's l_max; hyenaFilter.ts says why), one invocation per lag ℓ:
 *   z(ℓ) = [ℓ/(N−1), cos(1e-4·2πℓ/N), −sin(1e-4·2πℓ/N)]
 *   a₀ = z;  a_{k+1} = sin(φ_k ⊙ (a_k W_k + b_k)) for the hidden layers;  ĥ = a W_out
 *   h[c, ℓ] = ĥ_c · exp(−|α_c|·ℓ/(N−1)),  |α_c| linearly spaced from |ln 0.01|/1.5 to |ln 0.01|/0.3
 * The FFN's parameters arrive packed in one buffer (WebGPU allows only 8 storage buffers per stage):
 *   W₀ [3, w], b₀, φ₀ [w], then per further hidden layer W_k [w, w], b_k, φ_k, then W_out [w, channels].
 * Params: (L, w, channels, hidden layers, N); width w ≤ 128. Sines are `preciseSinCos` (math/preciseTrig.wgsl.ts).
 */
import { preciseTrigWgsl } from '../math/preciseTrig.wgsl';

export const HYENA_FILTER_MAX_WIDTH = 128;

export const hyenaFilterWgsl = /* wgsl */ `
struct Params { length: u32, width: u32, channels: u32, hidden: u32, built: u32, _a: u32, _b: u32, _c: u32 }
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> packed: array<f32>;
@group(0) @binding(2) var<storage, read_write> h: array<f32>;
${preciseTrigWgsl}
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let l = gid.x;
  let L = params.length;
  let N = params.built;
  let w = params.width;
  let C = params.channels;
  if (l >= L) { return; }
  let t = select(0.0, f32(l) / f32(N - 1u), N > 1u);
  let omega = 6.283185307179586 * f32(l) / f32(N);
  var a: array<f32, ${HYENA_FILTER_MAX_WIDTH}>;
  var next: array<f32, ${HYENA_FILTER_MAX_WIDTH}>;
  a[0] = t;
  let z = preciseSinCos(1e-4 * omega);
  a[1] = z.x;
  a[2] = -z.y;
  var inDim = 3u;
  var at = 0u;
  for (var layer = 0u; layer < params.hidden; layer++) {
    let bAt = at + inDim * w;
    let fAt = bAt + w;
    for (var o = 0u; o < w; o++) {
      var s = packed[bAt + o];
      for (var i = 0u; i < inDim; i++) { s += a[i] * packed[at + i * w + o]; }
      next[o] = preciseSinCos(packed[fAt + o] * s).y;
    }
    for (var o = 0u; o < w; o++) { a[o] = next[o]; }
    at = fAt + w;
    inDim = w;
  }
  let slow = 4.605170185988091 / 1.5;
  let fast = 4.605170185988091 / 0.3;
  for (var c = 0u; c < C; c++) {
    var s = 0.0;
    for (var i = 0u; i < w; i++) { s += a[i] * packed[at + i * C + c]; }
    let decay = select(slow, slow + (fast - slow) * f32(c) / f32(C - 1u), C > 1u);
    h[c * L + l] = s * exp(-decay * t);
  }
}
`;
