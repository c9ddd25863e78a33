/**
 * The S4D layer (s4d.py): per channel an S4D convolution (kernel from the Vandermonde product, FFT), plus D·u,
 * then GELU, a 1×1 projection to 2d and a GLU (architectures.md §3.5). Options: dState N (M = N/2 complex
 * modes, default 64 as in s4d.py), init 'lin' (S4D-Lin, default) or 'inv'.
 * Parameters per channel c: log_dt[c] ~ U[log 1e-3, log 1e-1]; log_A_real[c, n] = log ½; A_imag[c, n] from
 * the init; C[c, n, re|im] ~ 𝒩(0, ½) each; D[c] ~ 𝒩(0, 1).
 * Its card: state d·N, the S4D preset, retention by lag and |h_t| of every mode in the inspector.
 */
import { BYTES, fftConv, matmul } from '../../cost/flops';
import { gelu, sigmoid } from '../../ops/activations';
import { s4dConvolution, s4dKernel, s4dRecurrent } from '../../ssm/s4d';
import { readOptions } from '../architectureCard';
import { REFERENCE_KERNELS } from '../kernelSet';
import { type MixerTrace, registerArchitecture } from '../mixerRegistry';
import { matrixView, singleStateShape, stateView, traceViews } from '../traceViews';
import { meanAbsKernelByLag, toeplitzRetention } from './retention';
import { s4dChannelFromParams, s4dParamSpecs } from './s4dParams';

export interface S4DOptions {
  /** N: N/2 complex modes per channel. */
  dState: number;
  init: 'lin' | 'inv';
}

export interface S4DTrace extends MixerTrace {
  kind: 's4d';
  /** K [d, T] per channel. */
  kernels: Float32Array;
  retention?: Float32Array;
  /** |h_t[n]| [T, d, N/2] (with a trace). */
  stateMagnitudes?: Float32Array;
  stateShape: number[];
}

const channelOf = (params: Readonly<Record<string, Float32Array>>, c: number, M: number) =>
  s4dChannelFromParams(params, '', 'D', c, M);

export const s4dCard = registerArchitecture<S4DOptions, S4DTrace>({
  id: 's4d',
  name: 'S4D (diagonal LTI SSM)',
  description: 'S4D: diagonal linear time-invariant state-space model (convolution via FFT)',
  options: (spec) => readOptions<S4DOptions>(spec, { dState: 64, init: 'lin' }),
  problems({ dState, init }) {
    const p: string[] = [];
    if (!Number.isInteger(dState) || dState < 2 || dState % 2 !== 0)
      p.push(`dState must be an even integer ≥ 2 (got ${dState})`);
    if (init !== 'lin' && init !== 'inv') p.push(`init must be 'lin' or 'inv'`);
    return p;
  },
  params({ dState: N, init }, { dModel: d }) {
    return {
      ...s4dParamSpecs('', 'D', d, N, init),
      W_out: { shape: [d, 2 * d], init: 'outProjection' },
      b_out: { shape: [2 * d], init: 'zeros', noWeightDecay: true },
    };
  },
  forward(params, x, T, o, { dModel: d }, run) {
    const cpu = run?.kernels ?? REFERENCE_KERNELS;
    const M = o.dState / 2;
    const conv = new Float32Array(T * d);
    const kernels = new Float32Array(d * T);
    const u = new Float64Array(T);
    for (let c = 0; c < d; c++) {
      const channel = channelOf(params, c, M);
      for (let t = 0; t < T; t++) u[t] = x[t * d + c];
      const y = s4dConvolution(channel, u);
      for (let t = 0; t < T; t++) conv[t * d + c] = gelu(y[t]);
      kernels.set(s4dKernel(channel, T), c * T);
    }
    const proj = cpu.linear(conv, T, d, params.W_out, 2 * d, params.b_out);
    const out = new Float32Array(T * d);
    for (let t = 0; t < T; t++)
      for (let c = 0; c < d; c++) out[t * d + c] = proj[t * 2 * d + c] * sigmoid(proj[t * 2 * d + d + c]);
    // Retention of token j at time i: mean over channels of |K_c[i − j]| (an LTI filter forgets by lag only).
    // With a trace, |h_t[n]| of every channel's modes at every step, [T, d, M] (the recurrent form's state).
    const stateMagnitudes = run?.trace ? new Float32Array(T * d * M) : undefined;
    if (stateMagnitudes)
      for (let c = 0; c < d; c++) {
        for (let t = 0; t < T; t++) u[t] = x[t * d + c];
        const m = s4dRecurrent(channelOf(params, c, M), u, { states: true }).stateMagnitudes as Float64Array;
        for (let t = 0; t < T; t++)
          for (let n = 0; n < M; n++) stateMagnitudes[(t * d + c) * M + n] = m[t * M + n];
      }
    const retention = run?.trace
      ? toeplitzRetention(
          meanAbsKernelByLag(d, T, (c, l) => kernels[c * T + l]),
          T,
        )
      : undefined;
    return {
      y: out,
      trace: { kind: 's4d', kernels, retention, stateMagnitudes, stateShape: [1, T, d, M] },
    };
  },
  // N/2 complex modes = N reals per channel (H3/S4 count d·N).
  stateBytes: ({ dState }, d) => BYTES * d * dState,
  flops: ({ dState: n }, d, N) => d * (fftConv(N) + N * 8 * n) + matmul(N, d, 2 * d),
  variants: [
    {
      id: 's4d',
      name: 'S4D (diagonal LTI SSM)',
      label: 'S4D',
      source: 'Gu et al. 2022; N_state/2 complex modes per channel, convolution via FFT',
      stateGrowsWithN: false,
      spec: () => ({ dState: 64 }),
      atCost: ({ dState }) => ({ dState, init: 'lin' }),
    },
  ],
  presets: [{ id: 's4d' }],
  views(trace, T) {
    const shape = singleStateShape(trace.stateShape);
    return traceViews({
      matrices: matrixView('retention', trace.retention, T),
      states: shape
        ? stateView(trace.stateMagnitudes, T, shape[0], shape[1], {
            what: 'S4D state magnitude |h_t| (channel × complex mode)',
            rowLabel: 'channel',
            colLabel: 'mode n',
          })
        : [],
    });
  },
  stateSizeOption: 'dState',
});
