/**
 * `npm run bench [-- <suite>]`: performance measured, never asserted. Each suite prints ratios measured in the
 * same run. Suites: simulations (CPU forward of each architecture), kernels (WebGPU kernels vs the CPU
 * reference), train (the float32 CPU trainer vs the float64 reference, PyTorch and numpy; `--only=a,b` limits
 * its presets), cpu (the Wasm SIMD kernels on both cores vs native BLAS, plain TypeScript and TensorFlow.js's
 * Wasm backend), app (the landing page's JS size, the playground's edit-to-readout latency). On this project's
 * CI machines WebGPU is SwiftShader (a CPU emulation): its timings prove nothing about GPU speed and are printed
 * as such.
 */
import { runAppBench } from './app';
import { runCpuBench } from './cpu';
import { runKernelBench } from './kernels';
import { runSimulationBench } from './simulations';
import { runTrainBench } from './train';

const suites: Record<string, () => Promise<void>> = {
  simulations: runSimulationBench,
  kernels: runKernelBench,
  train: runTrainBench,
  cpu: runCpuBench,
  app: runAppBench,
};

const requested = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = requested.filter((s) => !(s in suites));
if (unknown.length > 0) {
  console.error(
    `Unknown bench suite(s): ${unknown.join(', ')}. Available: ${Object.keys(suites).join(', ')}`,
  );
  process.exit(2);
}
for (const name of requested.length > 0 ? requested : Object.keys(suites)) {
  console.log(`\n## bench: ${name}`);
  await suites[name]();
}
// Dawn keeps the process alive (see testing/webgpu.ts): exit explicitly.
process.exit(0);
