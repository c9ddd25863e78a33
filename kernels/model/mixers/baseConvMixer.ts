/**
 * BaseConv on the GPU (simulations/model/mixers/baseConvMixer.ts): y = Conv_k(u) ⊙ (W u + b) + u. When tracing,
 * the CPU trace's fields: kernelSize, gate, retention.
 */
import { baseConvCard } from '../../../simulations/model/mixers/baseConvMixer';
import { registerGpuMixer } from './gpuMixer';

registerGpuMixer(baseConvCard, {
  forward(ops, x, pre, { kernelSize: k }) {
    const n = ops.T * ops.d;
    const conv = ops.shortConv(x, ops.d, k, `${pre}.mixer.conv_weight`, `${pre}.mixer.conv_bias`);
    const gate = ops.linear(x, ops.d, ops.d, `${pre}.mixer.W`, `${pre}.mixer.b`, 'gate');
    // The CPU trace: kernelSize, the gate [T, d] and the conv window's retention (|tap of lag i − j|, mean over channels).
    ops.traceInfo({ kernelSize: k });
    ops.trace('gate', gate, n);
    ops.traceToeplitzRetention(ops.weight(`${pre}.mixer.conv_weight`), ops.d, k, k, true);
    return ops.add(ops.mul(conv, gate, n), x, n, `${pre} mixer out`);
  },
});
