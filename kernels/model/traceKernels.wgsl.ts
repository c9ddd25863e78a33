/**
 * Trace-only kernels of the GPU forward (recorded only with `{ trace: true }`), matching the CPU traces of the
 * time-invariant mixers (simulations/model/mixers/retention.ts, s4dMixer.ts):
 *   toeplitzRetention: R[i, j] = mean_c |h[c, tap(i − j)]| for j ≤ i and i − j < taps, else 0 — the CPU's
 *     `toeplitzRetention(meanAbsKernelByLag(…))`. h is [channels, stride]; tap(ℓ) = ℓ, or taps − 1 − ℓ when
 *     `reversed` (BaseConv's PyTorch-ordered conv weights). One invocation per (i, j). Dims (T, channels, stride, taps | reversed << 31).
 *   s4dStates: |h_t[n]| of S4D's recurrent form h_t[n] = Ā_n h_{t−1}[n] + u_t (Ā_n = e^{ΔA_n}, ZOH, as
 *     simulations/ssm/s4d.ts `s4dRecurrent`), [T, channels, M]. One invocation per (channel, mode) scans t.
 *     Dims (T, channels, M, 0); u is [T, channels].
 *   logPrefix + prefixRetention: the RG-LRU's retention R[t, j] = mean_c ∏_{s=j+1}^{t} a_{s,c} (the CPU's
 *     `decayRetention`) for any channel count — kernels/recurrent/decayRetention.wgsl.ts keeps D ≤ 256 log-products
 *     in registers; past that, P[t, c] = Σ_{s≤t} log a_{s,c} (one invocation per channel) and
 *     R[t, j] = mean_c exp(P[t, c] − P[j, c]) (one invocation per (t, j)). Dims (T, D, 0, 0).
 */
import { preciseTrigWgsl } from '../math/preciseTrig.wgsl';

export const TOEPLITZ_REVERSED = 0x8000_0000;

export const toeplitzRetentionWgsl = /* wgsl */ `
struct Dims { T: u32, channels: u32, stride: u32, taps: u32 }
@group(0) @binding(0) var<uniform> dims: Dims;
@group(0) @binding(1) var<storage, read> h: array<f32>;
@group(0) @binding(2) var<storage, read_write> R: array<f32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let k = gid.x;
  let T = dims.T;
  if (k >= T * T) { return; }
  let i = k / T; let j = k % T;
  let taps = dims.taps & 0x7fffffffu;
  let reversed = (dims.taps & 0x80000000u) != 0u;
  if (j > i || i - j >= taps) { R[k] = 0.0; return; }
  let lag = i - j;
  var tap = lag;
  if (reversed) { tap = taps - 1u - lag; }
  var acc = 0.0;
  for (var c = 0u; c < dims.channels; c++) { acc += abs(h[c * dims.stride + tap]); }
  R[k] = acc / f32(dims.channels);
}`;

export const s4dStatesWgsl = /* wgsl */ `
struct Dims { T: u32, channels: u32, modes: u32, _pad: u32 }
@group(0) @binding(0) var<uniform> dims: Dims;
@group(0) @binding(1) var<storage, read> logDt: array<f32>;
@group(0) @binding(2) var<storage, read> logAReal: array<f32>;
@group(0) @binding(3) var<storage, read> aImag: array<f32>;
@group(0) @binding(4) var<storage, read> u: array<f32>;
@group(0) @binding(5) var<storage, read_write> mags: array<f32>;

${preciseTrigWgsl}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let k = gid.x;
  let C = dims.channels; let M = dims.modes;
  if (k >= C * M) { return; }
  let c = k / M; let n = k % M;
  let dt = exp(logDt[c]);
  let ar = -exp(logAReal[c * M + n]);
  let mag = exp(dt * ar);
  let step = preciseSinCos(dt * aImag[c * M + n]);
  let br = mag * step.x; let bi = mag * step.y;
  var hr = 0.0; var hi = 0.0;
  for (var t = 0u; t < dims.T; t++) {
    let nr = br * hr - bi * hi + u[t * C + c];
    hi = br * hi + bi * hr;
    hr = nr;
    mags[(t * C + c) * M + n] = sqrt(hr * hr + hi * hi);
  }
}`;

export const logPrefixWgsl = /* wgsl */ `
struct Dims { T: u32, D: u32, _a: u32, _b: u32 }
@group(0) @binding(0) var<uniform> dims: Dims;
@group(0) @binding(1) var<storage, read> a: array<f32>;
@group(0) @binding(2) var<storage, read_write> P: array<f32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let c = gid.x;
  let D = dims.D;
  if (c >= D) { return; }
  var acc = 0.0;
  for (var t = 0u; t < dims.T; t++) {
    acc += log(a[t * D + c]);
    P[t * D + c] = acc;
  }
}`;

export const prefixRetentionWgsl = /* wgsl */ `
struct Dims { T: u32, D: u32, _a: u32, _b: u32 }
@group(0) @binding(0) var<uniform> dims: Dims;
@group(0) @binding(1) var<storage, read> P: array<f32>;
@group(0) @binding(2) var<storage, read_write> R: array<f32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let k = gid.x;
  let T = dims.T; let D = dims.D;
  if (k >= T * T) { return; }
  let t = k / T; let j = k % T;
  if (j > t) { R[k] = 0.0; return; }
  var s = 0.0;
  for (var c = 0u; c < D; c++) { s += exp(P[t * D + c] - P[j * D + c]); }
  R[k] = s / f32(D);
}`;
