/**
 * A small made-up architecture, "token shift", registered the way README's "How to add… An architecture" says,
 * to prove that a card and its three registrations are all it takes (app/inference/addingAnArchitecture.test.ts,
 * kernels/model/addingAnArchitecture.gpu.test.ts):
 *   u = Conv_w(x·W_in + b_in)        (depthwise causal, width w: mixes the last w tokens per channel)
 *   g = σ(x·W_g + b_g)               (a gate per token and channel — the trace's `gate`)
 *   y = (u ⊙ g)·W_o
 * Option: width w (default 2). State: the last w − 1 inputs of the conv, d·(w − 1) floats.
 * In a real architecture these are three files (the card beside its CPU reference in simulations/model/mixers/,
 * the training mixer in simulations/training/mixers/, the GPU mixer in kernels/model/mixers/), each imported by
 * its folder's index; here one function registers all three, so only the tests that call it see the card.
 */
import { gpuMixer, registerGpuMixer } from '../kernels/model/mixers';
import { BYTES, matmul } from '../simulations/cost/flops';
import { positiveInteger, readOptions } from '../simulations/model/architectureCard';
import { REFERENCE_KERNELS } from '../simulations/model/kernelSet';
import {
  findArchitectureCard,
  type MixerTrace,
  registerArchitecture,
} from '../simulations/model/mixerRegistry';
import { gateView, traceViews } from '../simulations/model/traceViews';
import { sigmoid } from '../simulations/ops/activations';
import { registerTrainableMixer, TRAINABLE_MIXERS } from '../simulations/training/mixers';
import { causalConv } from '../simulations/training/ops/causalConv';
import { mul, unary } from '../simulations/training/ops/elementwise';
import { linear } from '../simulations/training/ops/linear';

export interface TokenShiftOptions {
  /** Conv width w: the tokens each output mixes. */
  width: number;
}

export interface TokenShiftTrace extends MixerTrace {
  kind: 'tokenShift';
  /** σ(x·W_g + b_g) [T, d]. */
  gate: Float32Array;
}

/** 1. The card, with its CPU reference (simulations/model/mixers/tokenShiftMixer.ts in a real one). */
function registerCard() {
  return registerArchitecture<TokenShiftOptions, TokenShiftTrace>({
    id: 'tokenShift',
    name: 'Token shift (made up)',
    description: 'A made-up test architecture: a gated short convolution',
    options: (spec) => readOptions(spec, { width: 2 }),
    problems: ({ width }) => positiveInteger('width', width),
    params: ({ width }, { dModel: d }) => ({
      W_in: { shape: [d, d], init: 'normal' },
      b_in: { shape: [d], init: 'zeros', noWeightDecay: true },
      conv_weight: { shape: [d, width], init: { uniform: [-0.5, 0.5] } },
      conv_bias: { shape: [d], init: 'zeros', noWeightDecay: true },
      W_g: { shape: [d, d], init: 'normal' },
      b_g: { shape: [d], init: 'zeros', noWeightDecay: true },
      W_o: { shape: [d, d], init: 'outProjection' },
    }),
    forward(params, x, T, { width }, { dModel: d }, run) {
      const cpu = run?.kernels ?? REFERENCE_KERNELS;
      const u = cpu.causalConv(
        cpu.linear(x, T, d, params.W_in, d, params.b_in),
        T,
        d,
        params.conv_weight,
        width,
        params.conv_bias,
      );
      const gate = cpu.linear(x, T, d, params.W_g, d, params.b_g).map(sigmoid);
      for (let i = 0; i < u.length; i++) u[i] *= gate[i];
      return { y: cpu.linear(u, T, d, params.W_o, d), trace: { kind: 'tokenShift', gate } };
    },
    stateBytes: ({ width }, d, N) => BYTES * d * Math.min(N, width - 1),
    flops: ({ width }, d, N) => 3 * matmul(N, d, d) + N * d * (2 * width + 2),
    variants: [
      {
        id: 'tokenShift',
        name: 'Token shift (made up)',
        label: 'token shift',
        source: 'this test',
        stateGrowsWithN: false,
        spec: () => ({ width: 2 }),
        atCost: () => ({ width: 2 }),
      },
    ],
    presets: [{ id: 'token-shift' }],
    views: (trace, T) => traceViews({ gates: gateView('gate', trace.gate, T) }),
  });
}

/** Registers the made-up card, its training mixer and (unless `cpuOnly`) its GPU mixer; once per test file. */
export function registerMadeUpArchitecture({ cpuOnly = false }: { cpuOnly?: boolean } = {}) {
  const card = findArchitectureCard('tokenShift') ? undefined : registerCard();
  if (!card) throw new Error('the made-up architecture is already registered in this test file');
  // 2. Its training mixer (simulations/training/mixers/tokenShiftMixer.ts in a real one).
  if (!('tokenShift' in TRAINABLE_MIXERS))
    registerTrainableMixer(card, (tape, p, x, { seqLen }) =>
      linear(
        tape,
        mul(
          tape,
          causalConv(tape, linear(tape, x, p.W_in, p.b_in), p.conv_weight, p.conv_bias, seqLen),
          unary(tape, 'sigmoid', linear(tape, x, p.W_g, p.b_g)),
        ),
        p.W_o,
      ),
    );
  // 3. Its GPU mixer (kernels/model/mixers/tokenShiftMixer.ts in a real one), from the shell's kernels.
  if (!cpuOnly && !gpuMixer('tokenShift'))
    registerGpuMixer(card, {
      forward(ops, x, pre, { width }) {
        const n = ops.T * ops.d;
        const u = ops.shortConv(
          ops.linear(x, ops.d, ops.d, `${pre}.mixer.W_in`, `${pre}.mixer.b_in`, 'token shift in'),
          ops.d,
          width,
          `${pre}.mixer.conv_weight`,
          `${pre}.mixer.conv_bias`,
        );
        const gate = ops.unary(
          ops.linear(x, ops.d, ops.d, `${pre}.mixer.W_g`, `${pre}.mixer.b_g`, 'token shift gate'),
          n,
          'sigmoid',
        );
        ops.trace('gate', gate, n);
        return ops.linear(ops.mul(u, gate, n), ops.d, ops.d, `${pre}.mixer.W_o`, null, `${pre} mixer out`);
      },
      limit: ({ width }) => (width > 64 ? 'conv width above 64' : null),
    });
  return card;
}
