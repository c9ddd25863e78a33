/** Direct causal long convolution on the GPU (longConv.wgsl.ts), with the CPU reference's layout. */
import { runComputeKernel } from '../runtime/runComputeKernel';
import { LONG_CONV_WORKGROUP, longConvWgsl } from './longConv.wgsl';

export interface LongConvInputs {
  /** [T, channels] */
  x: Float32Array;
  /** [channels, stride]; the first `taps` lags are used. */
  h: Float32Array;
  /** [channels] skip weights (D, bias); zeros for a plain convolution. */
  skip: Float32Array;
  seqLen: number;
  channels: number;
  taps: number;
  stride: number;
}

export async function runLongConv(
  device: GPUDevice,
  s: LongConvInputs,
  code = longConvWgsl,
): Promise<Float32Array> {
  if (s.taps < 1 || s.taps > s.stride)
    throw new RangeError(`taps must be in 1 … stride (${s.stride}), got ${s.taps}`);
  const [y] = await runComputeKernel(device, {
    label: code === longConvWgsl ? 'longConv' : 'longConv (override)',
    code,
    uniforms: new Uint32Array([s.seqLen, s.channels, s.taps, s.stride]).buffer,
    inputs: [s.x, s.h, s.skip],
    outputLengths: [s.seqLen * s.channels],
    workgroups: [Math.ceil((s.seqLen * s.channels) / LONG_CONV_WORKGROUP)],
  });
  return y;
}
