/**
 * Worker threads for the float32 trainer on Node (simulations/wasm/trainTeam.ts): each runs the team loop on
 * its own instance of the shared-memory training kernels. Closing ends the loops and the threads.
 */
import { Worker } from 'node:worker_threads';
import type { SpawnTeamWorkers } from '../../simulations/wasm/trainEngine';

export const spawnNodeTeam: SpawnTeamWorkers = ({ module, memory, control, workers, names }) => {
  const threads = Array.from(
    { length: workers },
    (_, index) =>
      new Worker(new URL('./trainTeamWorkerEntry.mjs', import.meta.url), {
        workerData: { module, memory, control, workers, index, names },
      }),
  );
  for (const thread of threads) thread.unref();
  return {
    close() {
      // The team's close() has already told each loop to return; terminate whatever is left.
      for (const thread of threads) void thread.terminate();
    },
  };
};
