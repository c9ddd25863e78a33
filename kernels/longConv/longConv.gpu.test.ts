/**
 * Direct causal long convolution vs the CPU reference (simulations/ops/fft.ts: FFT convolution in float64,
 * plus the skip term). Tolerance atol 1e-4, rtol 1e-3: f32 sums of up to 1024 products.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directCausalConv, fftCausalConv } from '../../simulations/ops/fft';
import { createRng } from '../../simulations/random/rng';
import { allClose } from '../../testing/allClose';
import { getTestGpu, releaseTestGpu } from '../../testing/webgpu';
import { type LongConvInputs, runLongConv } from './longConv';
import { longConvWgsl } from './longConv.wgsl';

const TOLERANCE = { atol: 1e-4, rtol: 1e-3 };
let device: GPUDevice;
beforeAll(async () => {
  device = (await getTestGpu()).device;
});
afterAll(releaseTestGpu);

function inputs(T: number, C: number, taps: number, stride: number, seed: number): LongConvInputs {
  const rng = createRng(seed);
  const fill = (n: number, s = 1) => Float32Array.from({ length: n }, () => s * rng.nextNormal());
  // Decaying kernels, as S4D / Hyena produce.
  const h = Float32Array.from(
    { length: C * stride },
    (_, i) => rng.nextNormal() * Math.exp(-(i % stride) / 64),
  );
  return { x: fill(T * C), h, skip: fill(C), seqLen: T, channels: C, taps, stride };
}

function reference(s: LongConvInputs, useFft: boolean): Float32Array {
  const y = new Float32Array(s.seqLen * s.channels);
  const u = new Float64Array(s.seqLen);
  for (let c = 0; c < s.channels; c++) {
    for (let t = 0; t < s.seqLen; t++) u[t] = s.x[t * s.channels + c];
    const kernel = s.h.subarray(c * s.stride, c * s.stride + s.taps);
    const conv = useFft ? fftCausalConv(u, kernel) : directCausalConv(u, kernel);
    for (let t = 0; t < s.seqLen; t++) y[t * s.channels + c] = conv[t] + s.skip[c] * u[t];
  }
  return y;
}

describe('long convolution kernel = CPU reference', () => {
  for (const [T, C, taps, stride] of [
    [1, 4, 1, 1],
    [77, 16, 77, 80], // T not a multiple of 64, stride > taps (M2's kernel over maxSeqLen)
    [50, 24, 16, 16], // a short FIR filter (H3's shift SSM)
    [1024, 8, 1024, 1024],
  ]) {
    it(`T=${T} channels=${C} taps=${taps}`, async () => {
      const s = inputs(T, C, taps, stride, T + C);
      const check = allClose(await runLongConv(device, s), reference(s, taps === T), TOLERANCE);
      expect(check.ok, check.message).toBe(true);
    });
  }

  it('a broken kernel is caught (kernel rows read with the tap count as stride)', async () => {
    const broken = longConvWgsl.replace('h[c * params.stride + l]', 'h[c * params.taps + l]');
    expect(broken).not.toBe(longConvWgsl);
    const s = inputs(20, 4, 16, 20, 1);
    expect(allClose(await runLongConv(device, s, broken), reference(s, false), TOLERANCE).ok).toBe(false);
  });
});
