/**
 * Moved: the S4D kernel lives in kernels/ssm/ (as simulations/ssm/s4d.ts on the CPU). This re-export remains
 * only for bench/kernels.ts's import until that file follows; then delete kernels/s4d/.
 */
export { runS4DKernel, type S4DBank, s4dKernelParams } from '../ssm/s4dKernel';
