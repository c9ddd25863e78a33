/**
 * The shell's kernels one by one against simulations/ops: matmul (linear + bias), LayerNorm, RMSNorm (with and
 * without γ), embedding gather (+ learned positions), GELU, the unary activations, broadcast add, the tied LM
 * head. Shapes: T = 1, T = 45 (off the workgroup size of 64), T = 1024, several widths. Tolerance atol 1e-4,
 * rtol 1e-3 for reductions over ≤ 256 terms; the elementwise ones are within 1e-5.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gelu, map, sigmoid, silu, softplus } from '../../simulations/ops/activations';
import { embed, linear } from '../../simulations/ops/linear';
import { layerNorm, rmsNorm } from '../../simulations/ops/norms';
import { createRng } from '../../simulations/random/rng';
import { allClose } from '../../testing/allClose';
import { getTestGpu, releaseTestGpu } from '../../testing/webgpu';
import { runComputeKernel } from '../runtime/runComputeKernel';
import { f32Bits, words } from './gpuOps';
import {
  addWgsl,
  embedWgsl,
  geluWgsl,
  layerNormWgsl,
  linearWgsl,
  rmsNormWgsl,
  tiedHeadWgsl,
  UNARY_OPS,
  unaryWgsl,
} from './shellKernels.wgsl';

const TOLERANCE = { atol: 1e-4, rtol: 1e-3 };
let device: GPUDevice;
beforeAll(async () => {
  device = (await getTestGpu()).device;
});
afterAll(releaseTestGpu);

const normals = (n: number, seed: number) => {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => rng.nextNormal());
};
const run = async (label: string, code: string, uniforms: ArrayBuffer, inputs: Float32Array[], out: number) =>
  (
    await runComputeKernel(device, {
      label,
      code,
      uniforms,
      inputs,
      outputLengths: [out],
      workgroups: [Math.ceil(out / 64)],
    })
  )[0];
const expectClose = (actual: ArrayLike<number>, expected: ArrayLike<number>, tol = TOLERANCE) => {
  const check = allClose(actual, expected, tol);
  expect(check.ok, check.message).toBe(true);
};

const SHAPES = [
  [1, 8, 4],
  [45, 32, 96],
  [1024, 16, 48],
  [7, 256, 5],
];

describe('shell kernels = simulations/ops', () => {
  for (const [T, n, m] of SHAPES) {
    it(`linear T=${T} ${n}→${m}`, async () => {
      const [x, W, b] = [normals(T * n, 1), normals(n * m, 2), normals(m, 3)];
      expectClose(
        await run('linear', linearWgsl, words(T, n, m), [x, W, b], T * m),
        linear(x, T, n, W, m, b),
      );
    });

    it(`LayerNorm and RMSNorm T=${T} d=${n}`, async () => {
      const [x, g, b] = [normals(T * n, 4), normals(n, 5), normals(n, 6)];
      const rows = Math.ceil(T / 64) * 64;
      const lnOut = (
        await runComputeKernel(device, {
          label: 'layerNorm',
          code: layerNormWgsl,
          uniforms: words(T, n),
          inputs: [x, g, b],
          outputLengths: [T * n],
          workgroups: [rows / 64],
        })
      )[0];
      expectClose(lnOut, layerNorm(x, T, n, g, b));
      const rms = (
        await runComputeKernel(device, {
          label: 'rmsNorm',
          code: rmsNormWgsl,
          uniforms: words(T, n, 1, f32Bits(1e-6)),
          inputs: [x, g],
          outputLengths: [T * n],
          workgroups: [rows / 64],
        })
      )[0];
      expectClose(rms, rmsNorm(x, T, n, g, 1e-6));
      const plain = (
        await runComputeKernel(device, {
          label: 'rmsNorm',
          code: rmsNormWgsl,
          uniforms: words(T, n, 0, f32Bits(1e-5)),
          inputs: [x, new Float32Array(1)],
          outputLengths: [T * n],
          workgroups: [rows / 64],
        })
      )[0];
      expectClose(plain, rmsNorm(x, T, n, new Float32Array(n).fill(1), 1e-5));
    });

    it(`embedding gather + positions and the tied head T=${T} V=${m} d=${n}`, async () => {
      const rng = createRng(T);
      const ids = Array.from({ length: T }, () => rng.nextInt(m));
      const [E, P] = [normals(m * n, 7), normals(T * n, 8)];
      const expected = embed(ids, E, m, n).map((v, i) => v + P[i]);
      const got = await run('embed', embedWgsl, words(T, n, 1), [Float32Array.from(ids), E, P], T * n);
      expectClose(got, expected, { atol: 1e-6, rtol: 1e-6 });
      const logits = await run('tiedHead', tiedHeadWgsl, words(T, n, m), [expected, E], T * m);
      const reference = new Float32Array(T * m);
      for (let t = 0; t < T; t++)
        for (let v = 0; v < m; v++)
          for (let c = 0; c < n; c++) reference[t * m + v] += expected[t * n + c] * E[v * n + c];
      expectClose(logits, reference);
    });
  }

  it('elementwise: GELU, sigmoid, softplus, SiLU, −exp, logsigmoid/16 and broadcast add, n = 1 … 4,097', async () => {
    for (const n of [1, 45, 4097]) {
      const x = normals(n, n).map((v) => 4 * v);
      const tol = { atol: 1e-5, rtol: 1e-5 };
      expectClose(await run('gelu', geluWgsl, words(n), [x], n), map(x, gelu), tol);
      const unary = (op: keyof typeof UNARY_OPS, scale = 1) =>
        run('unary', unaryWgsl, words(n, UNARY_OPS[op], f32Bits(scale)), [x], n);
      expectClose(await unary('sigmoid'), map(x, sigmoid), tol);
      expectClose(await unary('softplus'), map(x, softplus), tol);
      expectClose(await unary('silu'), map(x, silu), tol);
      expectClose(
        await unary('negExp'),
        map(x, (v) => -Math.exp(v)),
        tol,
      );
      expectClose(
        await unary('scaledLogSigmoid', 1 / 16),
        map(x, (v) => Math.log(sigmoid(v)) / 16),
        tol,
      );
      const bias = normals(5, 9);
      const sum = await run('add', addWgsl, words(n, 5), [x, bias], n);
      expectClose(
        sum,
        map(x, (v) => v).map((v, i) => v + bias[i % 5]),
        { atol: 1e-6, rtol: 1e-6 },
      );
    }
  });

  it('a broken kernel is caught (LayerNorm with the unbiased variance)', async () => {
    const broken = layerNormWgsl.replace('variance / f32(d)', 'variance / f32(d - 1u)');
    expect(broken).not.toBe(layerNormWgsl);
    const [x, g, b] = [normals(40, 1), normals(8, 2), normals(8, 3)];
    const got = (
      await runComputeKernel(device, {
        label: 'layerNorm (override)',
        code: broken,
        uniforms: words(5, 8),
        inputs: [x, g, b],
        outputLengths: [40],
        workgroups: [1],
      })
    )[0];
    expect(allClose(got, layerNorm(x, 5, 8, g, b), TOLERANCE).ok).toBe(false);
  });
});
