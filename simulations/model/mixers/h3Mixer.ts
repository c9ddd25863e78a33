/**
 * H3 (Fu et al. 2023; zoology/mixers/h3/h3.py; architectures.md §3.8), heads of width 2 (H = d/2):
 *   q, k, v = x·W_{q,k,v} + b
 *   k̃ = ShiftSSM(k) + D_k ⊙ k        (a shift SSM is a learned FIR filter of length N per channel)
 *   kv[h, i, j] = k̃_h[i]·v_h[j]       (outer product per head: 4 channels per head)
 *   y_h[j] = Σ_i q_h[i]·(DiagSSM(kv)[h, i, j] + D_kv ⊙ kv[h, i, j])
 *   out = y·W_o + b_o
 * DiagSSM is S4D (S4D-Lin, ZOH, convolution by FFT) on each of the 2d kv channels. Option dState N (16).
 */
import { BYTES, matmul } from '../../cost/flops';
import { directCausalConv } from '../../ops/fft';
import { s4dConvolution, s4dKernel } from '../../ssm/s4d';
import { readOptions } from '../architectureCard';
import { REFERENCE_KERNELS } from '../kernelSet';
import { type MixerTrace, registerArchitecture } from '../mixerRegistry';
import { matrixView, traceViews } from '../traceViews';
import { meanAbsKernelByLag, toeplitzRetention } from './retention';
import { s4dChannelFromParams, s4dParamSpecs } from './s4dParams';

export interface H3Options {
  /** N: the shift filter's length and the diagonal SSM's state size (N/2 complex modes). */
  dState: number;
}

export interface H3Trace extends MixerTrace {
  kind: 'h3';
  /** k̃ [T, d]. */
  shiftedKeys: Float32Array;
  retention?: Float32Array;
}

const diagChannel = (params: Readonly<Record<string, Float32Array>>, c: number, M: number) =>
  s4dChannelFromParams(params, 'ssm_', 'D_kv', c, M);

export const h3Card = registerArchitecture<H3Options, H3Trace>({
  id: 'h3',
  name: 'H3',
  description: 'H3: a shift SSM on keys, key⊗value outer products, a diagonal SSM, read out by the queries',
  options: (spec) => readOptions(spec, { dState: 16 }),
  problems({ dState: N }, { dModel: d }) {
    const p: string[] = [];
    if (d % 2 !== 0) p.push(`H3 uses heads of width 2: dModel must be even (got ${d})`);
    if (!Number.isInteger(N) || N < 2 || N % 2 !== 0) p.push(`dState must be an even integer ≥ 2 (got ${N})`);
    return p;
  },
  params({ dState: N }, { dModel: d }) {
    return {
      W_q: { shape: [d, d], init: 'normal' },
      b_q: { shape: [d], init: 'zeros', noWeightDecay: true },
      W_k: { shape: [d, d], init: 'normal' },
      b_k: { shape: [d], init: 'zeros', noWeightDecay: true },
      W_v: { shape: [d, d], init: 'normal' },
      b_v: { shape: [d], init: 'zeros', noWeightDecay: true },
      shift_kernel: { shape: [d, N], init: { normal: 1 / Math.sqrt(N) } },
      D_k: { shape: [d], init: { normal: 1 }, noWeightDecay: true },
      ...s4dParamSpecs('ssm_', 'D_kv', 2 * d, N, 'lin'),
      W_o: { shape: [d, d], init: 'outProjection' },
      b_o: { shape: [d], init: 'zeros', noWeightDecay: true },
    };
  },
  forward(params, x, T, { dState: N }, { dModel: d }, run) {
    const cpu = run?.kernels ?? REFERENCE_KERNELS;
    const M = N / 2;
    const q = cpu.linear(x, T, d, params.W_q, d, params.b_q);
    const k = cpu.linear(x, T, d, params.W_k, d, params.b_k);
    const v = cpu.linear(x, T, d, params.W_v, d, params.b_v);
    // Shift SSM: k̃_t[c] = Σ_{ℓ<N} w[c, ℓ]·k_{t−ℓ}[c] + D_k[c]·k_t[c].
    const kShift = new Float32Array(T * d);
    const column = new Float64Array(T);
    for (let c = 0; c < d; c++) {
      for (let t = 0; t < T; t++) column[t] = k[t * d + c];
      const filtered = directCausalConv(column, params.shift_kernel.subarray(c * N, (c + 1) * N));
      for (let t = 0; t < T; t++) kShift[t * d + c] = filtered[t] + params.D_k[c] * column[t];
    }
    const y = new Float32Array(T * d);
    const kv = new Float64Array(T);
    for (let h = 0; h < d / 2; h++) {
      for (let i = 0; i < 2; i++) {
        for (let j = 0; j < 2; j++) {
          const channel = 4 * h + 2 * i + j;
          for (let t = 0; t < T; t++) kv[t] = kShift[t * d + 2 * h + i] * v[t * d + 2 * h + j];
          const s = s4dConvolution(diagChannel(params, channel, M), kv);
          for (let t = 0; t < T; t++) y[t * d + 2 * h + j] += q[t * d + 2 * h + i] * s[t];
        }
      }
    }
    // Retention of token j at i: mean over the kv channels of |K_c(i − j)| of the diagonal SSM (the shift
    // filter and the gates are data-independent / data-dependent extras, left out).
    const retention = run?.trace
      ? toeplitzRetention(
          meanAbsKernelByLag(
            2 * d,
            T,
            (() => {
              const kernels = Array.from({ length: 2 * d }, (_, c) =>
                s4dKernel(diagChannel(params, c, M), T),
              );
              return (c: number, l: number) => kernels[c][l];
            })(),
          ),
          T,
        )
      : undefined;
    return {
      y: cpu.linear(y, T, d, params.W_o, d, params.b_o),
      trace: { kind: 'h3', shiftedKeys: kShift, retention },
    };
  },
  // The Based figure counts H3's state as d·N (the shift and diagonal SSM buffers together are 3·d·N).
  stateBytes: ({ dState }, d) => BYTES * d * dState,
  flops: ({ dState: n }, d, N) => matmul(N, d, 4 * d) + N * d * n * 8 + N * d * 4,
  variants: [
    {
      id: 'h3',
      name: 'H3',
      label: 'H3',
      source: 'Fu et al. 2023; state d·N_state (Based §3.1)',
      stateGrowsWithN: false,
      spec: () => ({ dState: 16 }),
      atCost: ({ dState }) => ({ dState }),
    },
  ],
  presets: [{ id: 'h3' }],
  views: (trace, T) => traceViews({ matrices: matrixView('retention', trace.retention, T) }),
  stateSizeOption: 'dState',
});
