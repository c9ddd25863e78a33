/**
 * Griffin's recurrent block (recurrentgemma modules.py; architectures.md §3.10), the mixer of Hawk and of
 * Griffin's recurrent layers, with recurrent width d:
 *   y = GeLU(u·W_y + b_y)
 *   x = RG-LRU(Conv1D₄(u·W_x + b_x))
 *   out = (x ⊙ y)·W_o + b_o
 * Gates r_t, i_t are dense d×d projections (recurrentgemma uses block-diagonal ones, one block per head; with
 * one head they coincide — we use one head). Conv weights ~ 𝒩(0, 0.01/4), bias 0; Λ with a² ~ U[0.9², 0.999²].
 * Its card: one state value per channel, the Hawk and Griffin presets, a, r, i as gates and h_t as states.
 */
import { BYTES, matmul } from '../../cost/flops';
import { gelu, sigmoid, softplus } from '../../ops/activations';
import { initLambda } from '../../recurrent/rgLru';
import { REFERENCE_KERNELS } from '../kernelSet';
import { griffinPattern } from '../layerPatterns';
import { type MixerTrace, registerArchitecture } from '../mixerRegistry';
import { gateView, matrixView, stateView, traceViews } from '../traceViews';
import { decayRetention } from './retention';

const CONV = 4;

/** The recurrent block has no options (recurrent width = d, one head). */
export type RgLruOptions = Record<string, never>;

export interface RgLruTrace extends MixerTrace {
  kind: 'rglru';
  /** Gates r, i, decays a and states h, all [T, d]. */
  r: Float32Array;
  i: Float32Array;
  a: Float32Array;
  h: Float32Array;
  retention?: Float32Array;
}

export const rgLruCard = registerArchitecture<RgLruOptions, RgLruTrace>({
  id: 'rglru',
  name: 'Hawk (RG-LRU)',
  description: 'Hawk/Griffin recurrent block: gated linear recurrence RG-LRU with a GeLU branch',
  options: () => ({}),
  problems: () => [],
  params(_o, { dModel: d }) {
    return {
      W_y: { shape: [d, d], init: 'normal' },
      b_y: { shape: [d], init: 'zeros', noWeightDecay: true },
      W_x: { shape: [d, d], init: 'normal' },
      b_x: { shape: [d], init: 'zeros', noWeightDecay: true },
      conv_weight: { shape: [d, CONV], init: { normal: Math.sqrt(0.01 / CONV) } },
      conv_bias: { shape: [d], init: 'zeros', noWeightDecay: true },
      W_a: { shape: [d, d], init: 'normal' },
      b_a: { shape: [d], init: 'zeros', noWeightDecay: true },
      W_i: { shape: [d, d], init: 'normal' },
      b_i: { shape: [d], init: 'zeros', noWeightDecay: true },
      Lambda: {
        shape: [d],
        init: { generate: (_, rng) => initLambda(rng.nextFloat()) },
        noWeightDecay: true,
      },
      W_o: { shape: [d, d], init: 'outProjection' },
      b_o: { shape: [d], init: 'zeros', noWeightDecay: true },
    };
  },
  forward(params, u, T, _o, { dModel: d }, run) {
    const cpu = run?.kernels ?? REFERENCE_KERNELS;
    const yBranch = cpu.linear(u, T, d, params.W_y, d, params.b_y).map(gelu);
    const x = cpu.causalConv(
      cpu.linear(u, T, d, params.W_x, d, params.b_x),
      T,
      d,
      params.conv_weight,
      CONV,
      params.conv_bias,
    );
    const r = cpu.linear(x, T, d, params.W_a, d, params.b_a).map(sigmoid);
    const i = cpu.linear(x, T, d, params.W_i, d, params.b_i).map(sigmoid);
    const { h, a } = cpu.rgLru({
      x,
      r,
      i,
      softplusLambda: params.Lambda.map(softplus),
      seqLen: T,
      channels: d,
    });
    const gated = new Float32Array(T * d);
    for (let k = 0; k < gated.length; k++) gated[k] = h[k] * yBranch[k];
    const out = cpu.linear(gated, T, d, params.W_o, d, params.b_o);
    // Retention of token j at t: mean over channels of ∏_{s=j+1}^{t} a_s (cumulative log-decays, O(T²·d)).
    const retention = run?.trace ? decayRetention(a, T, d) : undefined;
    return { y: out, trace: { kind: 'rglru', r, i, a, h, retention } };
  },
  // One value per channel (the conv buffer of 3·d is not counted, as in the Based figure).
  stateBytes: (_o, d) => BYTES * d,
  flops: (_o, d, N) => matmul(N, d, 2 * d) + matmul(N, d, 2 * d) + matmul(N, d, d) + N * d * (4 * 2 + 10),
  variants: [
    {
      id: 'rglru',
      name: 'Hawk (RG-LRU)',
      label: 'RG-LRU',
      source: 'De et al. 2024; recurrent width d, one state per channel',
      stateGrowsWithN: false,
      spec: () => ({}),
      atCost: () => ({}),
    },
  ],
  presets: [{ id: 'hawk' }, { id: 'griffin', layers: ({ window }) => griffinPattern(3, window) }],
  views: (trace, T) =>
    traceViews({
      matrices: matrixView('retention', trace.retention, T),
      gates: ['a', 'r', 'i'].flatMap((name) => gateView(name, trace[name], T)),
      states: stateView(trace.h, T, 1, trace.h.length / T, {
        what: 'RG-LRU state h_t (one value per channel)',
        rowLabel: 'h',
        colLabel: 'channel',
      }),
    }),
});
