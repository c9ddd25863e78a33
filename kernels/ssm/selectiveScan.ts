/** Dispatch of Mamba's selective scan (selectiveScan.wgsl.ts): same inputs and output as simulations/ssm/selectiveScan.ts. */
import type { SelectiveScanInputs } from '../../simulations/ssm/selectiveScan';
import { DeviceLimitError } from '../runtime/gpuErrors';
import { runComputeKernel } from '../runtime/runComputeKernel';
import { SELECTIVE_SCAN_MAX_STATE, SELECTIVE_SCAN_WORKGROUP, selectiveScanWgsl } from './selectiveScan.wgsl';

/** Mamba's selective scan on the GPU → y [T, D]. */
export async function runSelectiveScan(
  device: GPUDevice,
  s: SelectiveScanInputs,
  code = selectiveScanWgsl,
): Promise<Float32Array> {
  if (s.stateSize > SELECTIVE_SCAN_MAX_STATE)
    throw new DeviceLimitError(
      `selective scan kernel supports d_state ≤ ${SELECTIVE_SCAN_MAX_STATE}, got ${s.stateSize}`,
    );
  const [y] = await runComputeKernel(device, {
    label: 'selectiveScan',
    code,
    uniforms: new Uint32Array([s.seqLen, s.channels, s.stateSize, 0]).buffer,
    inputs: [s.x, s.delta, s.A, s.B, s.C, s.Dskip],
    outputLengths: [s.seqLen * s.channels],
    workgroups: [Math.ceil(s.channels / SELECTIVE_SCAN_WORKGROUP)],
  });
  return y;
}
