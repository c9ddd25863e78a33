/**
 * sin and cos accurate to ~1e-7 absolute for |x| ≲ 10⁴, as WGSL functions to paste into a kernel. WGSL's
 * built-ins need only be accurate to 2⁻¹¹ ≈ 5e-4 absolute (Vulkan's bound; SwiftShader is that coarse),
 * which trained S4D/H3 kernels amplify past any useful tolerance. Cody–Waite reduction by π/2 in three parts
 * (Cephes sinf constants: k·A exact for |k| < 2¹⁶), then Taylor polynomials on [−π/4, π/4] (errors < 3e-8).
 * `preciseSinCos(x)` returns vec2(cos x, sin x).
 */
export const preciseTrigWgsl = /* wgsl */ `
fn preciseSinCos(x: f32) -> vec2f {
  let k = round(x * 0.6366197723675814);
  let r = ((x - k * 1.5703125) - k * 4.837512969970703125e-4) - k * 7.54978995489188216e-8;
  let r2 = r * r;
  let s = r + r * r2 * (-0.16666666666666666 + r2 * (0.008333333333333333 + r2 * (-1.984126984126984e-4 + r2 * 2.7557319223985893e-6)));
  let c = 1.0 + r2 * (-0.5 + r2 * (0.041666666666666664 + r2 * (-0.001388888888888889 + r2 * 2.48015873015873e-5)));
  let q = i32(k) & 3;
  if (q == 0) { return vec2f(c, s); }
  if (q == 1) { return vec2f(-s, c); }
  if (q == 2) { return vec2f(-c, -s); }
  return vec2f(s, -c);
}
`;
