/** Short causal depthwise convolution on the GPU (depthwiseConvWgsl), signature of `causalDepthwiseConv1d`. */
import { depthwiseConvWgsl } from '../model/shellKernels.wgsl';
import { runComputeKernel } from '../runtime/runComputeKernel';

export async function runShortConv(
  device: GPUDevice,
  x: Float32Array,
  T: number,
  d: number,
  weight: Float32Array,
  kernelSize: number,
  bias: Float32Array,
  code = depthwiseConvWgsl,
): Promise<Float32Array> {
  if (weight.length !== d * kernelSize)
    throw new RangeError(`conv weight has ${weight.length} values, expected ${d}×${kernelSize}`);
  const [y] = await runComputeKernel(device, {
    label: code === depthwiseConvWgsl ? 'depthwiseConv' : 'depthwiseConv (override)',
    code,
    uniforms: new Uint32Array([T, d, kernelSize, 0]).buffer,
    inputs: [x, weight, bias],
    outputLengths: [T * d],
    workgroups: [Math.ceil((T * d) / 64)],
  });
  return y;
}
