import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { wasmGemmModule } from '../wasm/wasmGemm';
import { gemmABt, setGemmBackend, transpose } from './gemm';

describe.each(['wasm', 'js'] as const)('gemmABt (%s)', (backend) => {
  it('has its backend available', () => {
    setGemmBackend(backend);
    if (backend === 'wasm') expect(wasmGemmModule()).not.toBeNull();
  });

  it.each([
    [64, 33, 17],
    [33, 65, 64],
    [1, 1, 1],
    [4, 4, 4],
    [5, 7, 3],
    [9, 13, 6],
    [16, 3, 11],
  ])('equals the naive product at M=%i N=%i K=%i, overwriting and accumulating', (M, N, K) => {
    setGemmBackend(backend);
    const rng = createRng(M * 100 + N * 10 + K);
    const A = Float64Array.from({ length: M * K }, () => rng.nextNormal());
    const B = Float64Array.from({ length: K * N }, () => rng.nextNormal());
    const C = Float64Array.from({ length: M * N }, () => rng.nextNormal());
    const start = Float64Array.from(C);
    gemmABt(A, transpose(B, K, N), C, M, N, K, true);
    for (let m = 0; m < M; m++)
      for (let n = 0; n < N; n++) {
        let s = 0;
        for (let k = 0; k < K; k++) s += A[m * K + k] * B[k * N + n];
        expect(C[m * N + n]).toBeCloseTo(start[m * N + n] + s, 12);
      }
    gemmABt(A, transpose(B, K, N), C, M, N, K, false);
    let s = 0;
    for (let k = 0; k < K; k++) s += A[(M - 1) * K + k] * B[k * N + N - 1];
    expect(C[M * N - 1]).toBeCloseTo(s, 12);
  });
});
