/**
 * S4D convolution-kernel generation (simulations/ssm/s4d.ts `s4dKernel`), one invocation per (channel c, lag ℓ):
 *   A_n = −exp(logA_re[c,n]) + i·A_im[c,n],  Δ = exp(log_dt[c]),  Ā_n = e^{ΔA_n},  C̃_n = C_n·(Ā_n − 1)/A_n (ZOH)
 *   K[c, ℓ] = 2·Re Σ_n C̃_n·Ā_n^ℓ,   Ā_n^ℓ = e^{ℓΔ·Re A_n}·(cos ℓΔ·Im A_n, sin ℓΔ·Im A_n)
 * Ā − 1 is formed as expm1(ΔRe A)·cos(ΔIm A) − 2 sin²(ΔIm A / 2) so small steps Δ do not cancel in f32, and
 * every sine and cosine is `preciseSinCos` (WGSL's built-ins may be off by 5e-4; see math/preciseTrig.wgsl.ts).
 * Params: (channels, modes M, L, 0); C is [channels, M, 2] (re, im); K is [channels, L].
 */
import { preciseTrigWgsl } from '../math/preciseTrig.wgsl';

export const S4D_KERNEL_WORKGROUP = 64;

export const s4dKernelWgsl = /* wgsl */ `
struct Params { channels: u32, modes: u32, length: u32, _pad: u32 }
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> logDt: array<f32>;
@group(0) @binding(2) var<storage, read> logAReal: array<f32>;
@group(0) @binding(3) var<storage, read> aImag: array<f32>;
@group(0) @binding(4) var<storage, read> Cp: array<f32>;
@group(0) @binding(5) var<storage, read_write> K: array<f32>;

${preciseTrigWgsl}
fn expm1(x: f32) -> f32 {
  if (abs(x) < 1e-2) { return x * (1.0 + x * (0.5 + x * (1.0 / 6.0 + x / 24.0))); }
  return exp(x) - 1.0;
}

@compute @workgroup_size(${S4D_KERNEL_WORKGROUP})
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let i = gid.x;
  let L = params.length;
  let M = params.modes;
  if (i >= params.channels * L) { return; }
  let c = i / L;
  let l = f32(i % L);
  let dt = exp(logDt[c]);
  var acc = 0.0;
  for (var n = 0u; n < M; n++) {
    let ar = -exp(logAReal[c * M + n]);
    let ai = aImag[c * M + n];
    let half = preciseSinCos(0.5 * dt * ai).y;
    let step = preciseSinCos(dt * ai);
    // Ā − 1 = e^{Δa}(cos Δb + i sin Δb) − 1.
    let nr = expm1(dt * ar) * step.x - 2.0 * half * half;
    let ni = exp(dt * ar) * step.y;
    let den = ar * ar + ai * ai;
    let qr = (nr * ar + ni * ai) / den;
    let qi = (ni * ar - nr * ai) / den;
    let cr = Cp[(c * M + n) * 2u];
    let ci = Cp[(c * M + n) * 2u + 1u];
    let ctr = cr * qr - ci * qi;
    let cti = cr * qi + ci * qr;
    let mag = exp(l * dt * ar);
    let phase = preciseSinCos(l * (dt * ai));
    acc += 2.0 * mag * (ctr * phase.x - cti * phase.y);
  }
  K[i] = acc;
}
`;
