/**
 * Griffin's recurrent block (recurrentgemma modules.py; architectures.md §3.10), the mixer of Hawk and of
 * Griffin's recurrent layers, with recurrent width d:
 *   y = GeLU(u·W_y + b_y)
 *   x = RG-LRU(Conv1D₄(u·W_x + b_x))
 *   out = (x ⊙ y)·W_o + b_o
 * Gates r_t, i_t are dense d×d projections (recurrentgemma uses block-diagonal ones, one block per head; with
 * one head they coincide — we use one head). Conv weights ~ 𝒩(0, 0.01/4), bias 0; Λ with a² ~ U[0.9², 0.999²].
 */
import { gelu, sigmoid, softplus } from '../../ops/activations';
import { initLambda } from '../../recurrent/rgLru';
import { REFERENCE_KERNELS } from '../kernelSet';
import { type MixerDefinition, registerMixer } from '../mixerRegistry';
import { decayRetention } from './retention';

const CONV = 4;

export const rgLruMixer: MixerDefinition = {
  kind: 'rglru',
  description: 'Hawk/Griffin recurrent block: gated linear recurrence RG-LRU with a GeLU branch',
  problems: () => [],
  params(_spec, { dModel: d }) {
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
  forward(params, u, T, _spec, { dModel: d }, run) {
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
  stateSizeBytes: (_spec, { dModel: d }) => 4 * d,
};

registerMixer(rgLruMixer);
