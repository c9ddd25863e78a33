/** S4D kernel generation on the GPU (s4dKernel.wgsl.ts) from a bank of channels' raw parameters. */
import { runComputeKernel } from '../runtime/runComputeKernel';
import { S4D_KERNEL_WORKGROUP, s4dKernelWgsl } from './s4dKernel.wgsl';

export interface S4DBank {
  /** [channels] */
  logDt: Float32Array;
  /** [channels, M] */
  logAReal: Float32Array;
  /** [channels, M] */
  aImag: Float32Array;
  /** [channels, M, 2] (re, im) */
  C: Float32Array;
  channels: number;
  modes: number;
}

/** Uniform words of the kernel generator. */
export const s4dKernelParams = (channels: number, modes: number, L: number) =>
  new Uint32Array([channels, modes, L, 0]).buffer;

/** K [channels, L]. */
export async function runS4DKernel(device: GPUDevice, bank: S4DBank, L: number, code = s4dKernelWgsl) {
  const [K] = await runComputeKernel(device, {
    label: code === s4dKernelWgsl ? 's4dKernel' : 's4dKernel (override)',
    code,
    uniforms: s4dKernelParams(bank.channels, bank.modes, L),
    inputs: [bank.logDt, bank.logAReal, bank.aImag, bank.C],
    outputLengths: [bank.channels * L],
    workgroups: [Math.ceil((bank.channels * L) / S4D_KERNEL_WORKGROUP)],
  });
  return K;
}
