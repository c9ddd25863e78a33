/** One worker of the float32 trainer's team: its own instance of the shared module, the team's task loop. */
import { workerData } from 'node:worker_threads';
import { instantiateTrainKernels } from '../../simulations/wasm/trainModule';
import { runTeamWorker } from '../../simulations/wasm/trainTeam';

const { module, memory, control, workers, index, names } = workerData as {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  control: number;
  workers: number;
  index: number;
  names: string[];
};
runTeamWorker(instantiateTrainKernels(module, memory).exports, memory, control, workers, index, names);
