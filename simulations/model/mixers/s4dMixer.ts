/**
 * The S4D layer (s4d.py): per channel an S4D convolution (kernel from the Vandermonde product, FFT), plus D·u,
 * then GELU, a 1×1 projection to 2d and a GLU (architectures.md §3.5). Options: dState N (M = N/2 complex
 * modes, default 64 as in s4d.py), init 'lin' (S4D-Lin, default) or 'inv'.
 * Parameters per channel c: log_dt[c] ~ U[log 1e-3, log 1e-1]; log_A_real[c, n] = log ½; A_imag[c, n] from
 * the init; C[c, n, re|im] ~ 𝒩(0, ½) each; D[c] ~ 𝒩(0, 1).
 */
import { gelu, sigmoid } from '../../ops/activations';
import { s4dConvolution, s4dKernel, s4dRecurrent } from '../../ssm/s4d';
import type { MixerSpec } from '../config';
import { REFERENCE_KERNELS } from '../kernelSet';
import { type MixerDefinition, registerMixer } from '../mixerRegistry';
import { meanAbsKernelByLag, toeplitzRetention } from './retention';
import { s4dChannelFromParams, s4dParamSpecs } from './s4dParams';

function options(spec: MixerSpec) {
  return {
    dState: (spec.dState as number | undefined) ?? 64,
    init: (spec.init as 'lin' | 'inv' | undefined) ?? 'lin',
  };
}

const channelOf = (params: Readonly<Record<string, Float32Array>>, c: number, M: number) =>
  s4dChannelFromParams(params, '', 'D', c, M);

export const s4dMixer: MixerDefinition = {
  kind: 's4d',
  description: 'S4D: diagonal linear time-invariant state-space model (convolution via FFT)',
  problems(spec) {
    const { dState, init } = options(spec);
    const p: string[] = [];
    if (!Number.isInteger(dState) || dState < 2 || dState % 2 !== 0)
      p.push(`dState must be an even integer ≥ 2 (got ${dState})`);
    if (init !== 'lin' && init !== 'inv') p.push(`init must be 'lin' or 'inv'`);
    return p;
  },
  params(spec, { dModel: d }) {
    const { dState: N, init } = options(spec);
    return {
      ...s4dParamSpecs('', 'D', d, N, init),
      W_out: { shape: [d, 2 * d], init: 'outProjection' },
      b_out: { shape: [2 * d], init: 'zeros', noWeightDecay: true },
    };
  },
  forward(params, x, T, spec, { dModel: d }, run) {
    const cpu = run?.kernels ?? REFERENCE_KERNELS;
    const M = options(spec).dState / 2;
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
  stateSizeBytes: (spec, { dModel: d }) => 4 * d * options(spec).dState,
};

registerMixer(s4dMixer);
