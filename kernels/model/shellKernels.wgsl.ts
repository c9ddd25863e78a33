/**
 * The elementwise and matrix kernels the tiny-model shell needs on the GPU, one invocation per output element
 * (the direct versions, validated against simulations/ops; register-blocked versions come later). Each reads a
 * small uniform block `Dims` whose meaning is given per kernel.
 */
const header = /* wgsl */ `
struct Dims { a: u32, b: u32, c: u32, d: u32 }
@group(0) @binding(0) var<uniform> dims: Dims;
`;

/** out[t, c] = E[tok[t], c] + P[t, c]·usePos.   dims: (T, d, usePos, 0); tokens as f32 (exact below 2²⁴). */
export const embedWgsl = `${header}
@group(0) @binding(1) var<storage, read> tokens: array<f32>;
@group(0) @binding(2) var<storage, read> E: array<f32>;
@group(0) @binding(3) var<storage, read> P: array<f32>;
@group(0) @binding(4) var<storage, read_write> out: array<f32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let i = gid.x;
  let T = dims.a; let d = dims.b;
  if (i >= T * d) { return; }
  let t = i / d; let c = i % d;
  var v = E[u32(tokens[t]) * d + c];
  if (dims.c == 1u) { v += P[i]; }
  out[i] = v;
}`;

/** LayerNorm over rows of x [T, d] (biased variance, ε = 1e-5).   dims: (T, d, 0, 0). */
export const layerNormWgsl = `${header}
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> gamma: array<f32>;
@group(0) @binding(3) var<storage, read> beta: array<f32>;
@group(0) @binding(4) var<storage, read_write> out: array<f32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let t = gid.x;
  let T = dims.a; let d = dims.b;
  if (t >= T) { return; }
  var mean = 0.0;
  for (var c = 0u; c < d; c++) { mean += x[t * d + c]; }
  mean /= f32(d);
  var variance = 0.0;
  for (var c = 0u; c < d; c++) { let z = x[t * d + c] - mean; variance += z * z; }
  let inv = 1.0 / sqrt(variance / f32(d) + 1e-5);
  for (var c = 0u; c < d; c++) { out[t * d + c] = (x[t * d + c] - mean) * inv * gamma[c] + beta[c]; }
}`;

/**
 * RMSNorm over groups of w values: out = x/√(mean(x²) + ε)·γ (γ ≡ 1 without weight) — the shell's RMSNorm
 * (ε = 1e-6), Mamba-2's gated norm (ε = 1e-5) and RetNet/GLA's per-head norm (no affine, ε = 1e-5).
 * dims: (rows, w, useWeight, bits of ε as f32).
 */
export const rmsNormWgsl = `${header}
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> gamma: array<f32>;
@group(0) @binding(3) var<storage, read_write> out: array<f32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let r = gid.x;
  let w = dims.b;
  if (r >= dims.a) { return; }
  var ms = 0.0;
  for (var c = 0u; c < w; c++) { let z = x[r * w + c]; ms += z * z; }
  let inv = 1.0 / sqrt(ms / f32(w) + bitcast<f32>(dims.d));
  for (var c = 0u; c < w; c++) {
    out[r * w + c] = x[r * w + c] * inv * select(1.0, gamma[c], dims.c == 1u);
  }
}`;

/** y[t, o] = Σ_i x[t, i]·W[i, o] + b[o].   dims: (T, in, out, 0). */
export const linearWgsl = `${header}
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> W: array<f32>;
@group(0) @binding(3) var<storage, read> bias: array<f32>;
@group(0) @binding(4) var<storage, read_write> y: array<f32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let k = gid.x;
  let T = dims.a; let n = dims.b; let m = dims.c;
  if (k >= T * m) { return; }
  let t = k / m; let o = k % m;
  var s = bias[o];
  for (var i = 0u; i < n; i++) { s += x[t * n + i] * W[i * m + o]; }
  y[k] = s;
}`;

/** Tied LM head: logits[t, v] = Σ_c h[t, c]·E[v, c].   dims: (T, d, V, 0). */
export const tiedHeadWgsl = `${header}
@group(0) @binding(1) var<storage, read> h: array<f32>;
@group(0) @binding(2) var<storage, read> E: array<f32>;
@group(0) @binding(3) var<storage, read_write> logits: array<f32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let k = gid.x;
  let T = dims.a; let d = dims.b; let V = dims.c;
  if (k >= T * V) { return; }
  let t = k / V; let v = k % V;
  var s = 0.0;
  for (var c = 0u; c < d; c++) { s += h[t * d + c] * E[v * d + c]; }
  logits[k] = s;
}`;

/** Head-major [H, T, dh] → token-major [T, d].   dims: (T, d, H, 0). */
export const fromHeadsWgsl = `${header}
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let k = gid.x;
  let T = dims.a; let d = dims.b; let H = dims.c;
  if (k >= T * d) { return; }
  let dh = d / H;
  let t = k / d; let h = (k % d) / dh; let i = k % dh;
  out[k] = x[(h * T + t) * dh + i];
}`;

/** out = a + b over n values, b broadcast with period p (p = n: elementwise; p = width: a bias per column).   dims: (n, p, 0, 0). */
export const addWgsl = `${header}
@group(0) @binding(1) var<storage, read> a: array<f32>;
@group(0) @binding(2) var<storage, read> b: array<f32>;
@group(0) @binding(3) var<storage, read_write> out: array<f32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let k = gid.x;
  if (k >= dims.a) { return; }
  out[k] = a[k] + b[k % dims.b];
}`;

/** Columns [offset, offset + H·w) of x [T, stride] → head-major [H, T, w].   dims: (T, stride, H, w), dims2.a = offset. */
export const splitHeadsWgsl = /* wgsl */ `
struct Dims { a: u32, b: u32, c: u32, d: u32 }
@group(0) @binding(0) var<uniform> dims: Dims;
@group(0) @binding(1) var<uniform> dims2: Dims;
@group(0) @binding(2) var<storage, read> x: array<f32>;
@group(0) @binding(3) var<storage, read_write> out: array<f32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let k = gid.x;
  let T = dims.a; let stride = dims.b; let H = dims.c; let w = dims.d;
  if (k >= H * T * w) { return; }
  let h = k / (T * w); let t = (k / w) % T; let i = k % w;
  out[k] = x[t * stride + dims2.a + h * w + i];
}`;

/** out = GELU(x) elementwise, exact form x·Φ(x) with erf by Abramowitz & Stegun 7.1.26.   dims: (n, 0, 0, 0). */
export const geluWgsl = `${header}
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;
fn erf(v: f32) -> f32 {
  let a = abs(v);
  let t = 1.0 / (1.0 + 0.3275911 * a);
  let poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return sign(v) * (1.0 - poly * exp(-a * a));
}
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let k = gid.x;
  if (k >= dims.a) { return; }
  let v = x[k];
  out[k] = 0.5 * v * (1.0 + erf(v * 0.7071067811865476));
}`;

/**
 * out = f(x) elementwise: op 0 = sigmoid, 1 = softplus, 2 = SiLU, 3 = −exp, 4 = s·logsigmoid(x) (GLA's decay,
 * s = 1/16).   dims: (n, op, bits of s as f32, 0).
 */
export const unaryWgsl = `${header}
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;
fn sigmoid(v: f32) -> f32 { return 1.0 / (1.0 + exp(-v)); }
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let k = gid.x;
  if (k >= dims.a) { return; }
  let v = x[k];
  if (dims.b == 0u) { out[k] = sigmoid(v); }
  else if (dims.b == 1u) { out[k] = select(log(1.0 + exp(v)), v, v > 20.0); }
  else if (dims.b == 2u) { out[k] = v * sigmoid(v); }
  else if (dims.b == 3u) { out[k] = -exp(v); }
  else { out[k] = bitcast<f32>(dims.c) * select(v - log(1.0 + exp(v)), -log(1.0 + exp(-v)), v >= 0.0); }
}`;

export const UNARY_OPS = { sigmoid: 0, softplus: 1, silu: 2, negExp: 3, scaledLogSigmoid: 4 } as const;

/** out = a ⊙ b elementwise.   dims: (n, 0, 0, 0). */
export const mulWgsl = `${header}
@group(0) @binding(1) var<storage, read> a: array<f32>;
@group(0) @binding(2) var<storage, read> b: array<f32>;
@group(0) @binding(3) var<storage, read_write> out: array<f32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let k = gid.x;
  if (k >= dims.a) { return; }
  out[k] = a[k] * b[k];
}`;

/**
 * Depthwise causal conv over time (simulations/ops/causalConv1d.ts): y[t, c] = b[c] + Σ_k w[c, k]·x[t − K + 1 + k, c].
 * dims: (T, d, K, 0).
 */
export const depthwiseConvWgsl = `${header}
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> w: array<f32>;
@group(0) @binding(3) var<storage, read> bias: array<f32>;
@group(0) @binding(4) var<storage, read_write> y: array<f32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let i = gid.x;
  let T = dims.a; let d = dims.b; let K = dims.c;
  if (i >= T * d) { return; }
  let t = i / d; let c = i % d;
  var s = bias[c];
  for (var k = 0u; k < K; k++) {
    let back = K - 1u - k;
    if (t >= back) { s += w[c * K + k] * x[(t - back) * d + c]; }
  }
  y[i] = s;
}`;

/** Rows of x [rows, w] divided by their Euclidean norm (a zero row stays zero; Reformer's shared keys).   dims: (rows, w, 0, 0). */
export const l2NormalizeWgsl = `${header}
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let r = gid.x;
  let w = dims.b;
  if (r >= dims.a) { return; }
  var n = 0.0;
  for (var c = 0u; c < w; c++) { n += x[r * w + c] * x[r * w + c]; }
  let inv = select(1.0, 1.0 / sqrt(n), n > 0.0);
  for (var c = 0u; c < w; c++) { out[r * w + c] = x[r * w + c] * inv; }
}`;
