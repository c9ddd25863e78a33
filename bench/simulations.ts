import { createModel, forward } from '../simulations/model/forward';
import { initParams } from '../simulations/model/params';
import { ARCHITECTURES, architecturePreset } from '../simulations/model/presets';
import { createRng } from '../simulations/random/rng';
import { medianMs } from './timing';

/** CPU forward time of each architecture the engine builds: 2 layers, d = 64, T = 256 (the CPU reference). */
export async function runSimulationBench(): Promise<void> {
  const T = 256;
  const rng = createRng(1);
  const tokens = Array.from({ length: T }, () => rng.nextInt(512));
  console.log(`CPU reference forward, 2 layers, d = 64, T = ${T}, vocab 512 (median of 5)`);
  console.log('architecture        ms    tokens/s');
  for (const arch of ARCHITECTURES) {
    const config = architecturePreset(arch, { vocabSize: 512, dModel: 64, maxSeqLen: T, window: 32 });
    const model = createModel(config, initParams(config, 1));
    const ms = await medianMs(() => forward(model, tokens), { warmup: 1, repeats: 5 });
    console.log(
      `${arch.padEnd(16)} ${ms.toFixed(1).padStart(7)} ${((T / ms) * 1000).toFixed(0).padStart(10)}`,
    );
  }
}
