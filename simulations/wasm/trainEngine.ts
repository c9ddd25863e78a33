/**
 * The float32 training path: one model's parameters, gradients and every activation of a step in the WebAssembly
 * memory of the training kernels (trainArena.ts), the tape's ops calling the kernels (Tape.kernels) and splitting
 * them over a team of threads (trainTeam.ts). The float64 TypeScript ops (simulations/training/ops) remain the
 * reference: trainEngine.test.ts requires this path's loss and every parameter gradient to match them.
 */
import type { ModelConfig } from '../model/config';
import { type Params, parameterSpecs } from '../model/params';
import type { TaskExample } from '../tasks/example';
import { type Evaluation, evaluate } from '../training/evaluate';
import { Tape, Var } from '../training/tape';
import { type Batch, type ParamVars, trainingForward } from '../training/trainingModel';
import type { TrainKernels } from '../training/trainKernels';
import { MemoryMovedError, TrainArena } from './trainArena';
import { kernelNames, loadTrainKernels, type TrainModule } from './trainModule';
import { controlBytes, inlineTeam, sharedTeam } from './trainTeam';

/** Starts `count` worker threads running `runTeamWorker` over the module's shared memory. */
export type SpawnTeamWorkers = (options: {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  control: number;
  workers: number;
  names: string[];
}) => { close(): void };

export interface EngineOptions {
  /** Threads for one step, the calling thread included (default 1). */
  threads?: number;
  /** How worker threads are started (Node: scripts/train/nodeTrainTeam.ts; a browser worker: Web Workers). */
  spawn?: SpawnTeamWorkers;
}

export class Float32Engine {
  readonly vars: ParamVars = new Map();
  readonly precision = 'float32';
  private readonly wasm: TrainModule;
  private readonly arena: TrainArena;
  private readonly kernels: TrainKernels & { close(): void };
  private readonly workers?: { close(): void };
  /** Byte offsets of each parameter's values and gradient (to re-view them if a private memory moves). */
  private readonly placed = new Map<string, { data: number; grad: number; n: number }>();

  constructor(
    readonly config: ModelConfig,
    params: Params,
    { threads = 1, spawn }: EngineOptions = {},
  ) {
    const teamWorkers = spawn ? Math.max(0, threads - 1) : 0;
    this.wasm = loadTrainKernels(teamWorkers > 0);
    const { memory, exports } = this.wasm;
    // Reserve the parameters up front: growing a private memory later moves them (see trainArena.ts).
    const specs = parameterSpecs(config);
    const total = [...specs.values()].reduce((s, { shape }) => s + 2 * shape.reduce((a, b) => a * b, 1), 0);
    const need = exports.heapBase() + controlBytes(teamWorkers) + 4 * total + (1 << 20);
    if (need > memory.buffer.byteLength) memory.grow(Math.ceil((need - memory.buffer.byteLength) / 65_536));
    this.arena = new TrainArena(memory, exports.heapBase());
    const control = teamWorkers > 0 ? this.arena.persistent(controlBytes(teamWorkers) / 4).byteOffset : 0;
    for (const [name, { shape }] of specs) {
      const value = params.get(name);
      if (!value) throw new Error(`Parameter ${name} is missing`);
      const cols = shape.length > 1 ? shape[shape.length - 1] : 1;
      const data = this.arena.persistent(value.length);
      data.set(value);
      const grad = this.arena.persistent(value.length);
      const v = new Var(data, shape.length > 1 ? [value.length / cols, cols] : [value.length], this.arena);
      v.rebind(data, grad);
      this.vars.set(name, v);
      this.placed.set(name, { data: data.byteOffset, grad: grad.byteOffset, n: value.length });
    }
    const team = {
      exports,
      scratch: (n: number) => this.arena.output(Math.max(1, n)).byteOffset,
      offset: (data: Float32Array | Float64Array) => {
        if (!this.arena.owns(data)) throw new Error('a Wasm kernel was given an array outside its memory');
        return data.byteOffset;
      },
    };
    if (teamWorkers > 0 && spawn) {
      const names = kernelNames(exports);
      this.workers = spawn({ module: this.wasm.module, memory, control, workers: teamWorkers, names });
      this.kernels = sharedTeam({ ...team, memory, control, workers: teamWorkers, names });
    } else this.kernels = inlineTeam(team);
  }

  get threads(): number {
    return this.kernels.threads;
  }

  /** Bytes of WebAssembly memory in use (parameters and the largest step). */
  get memoryBytes(): number {
    return this.arena.bytes.total;
  }

  /** Forward + backward on one batch: gradients land in each parameter Var's `.grad` (zeroed first). */
  gradients(batch: Batch): { loss: number; rows: number } {
    return this.retrying(() => {
      for (const v of this.vars.values()) v.zeroGrad();
      const tape = new Tape(this.arena, this.kernels);
      const { loss, rows } = trainingForward(tape, this.config, this.vars, batch);
      tape.backward(loss);
      return { loss: loss.data[0], rows: rows.length };
    });
  }

  /** Held-out accuracy and loss with the float32 forward (Zoology's metric, as evaluate.ts). */
  evaluate(examples: readonly TaskExample[], batchSize = 64): Evaluation {
    return this.retrying(() => evaluate(this.config, this.vars, examples, batchSize, () => this.stepTape()));
  }

  /** The current weights as float32 parameters (copies). */
  params(): Params {
    return new Map([...this.vars].map(([name, v]) => [name, Float32Array.from(v.data)]));
  }

  close(): void {
    this.kernels.close();
    this.workers?.close();
  }

  /** A tape over a freshly reset step region. */
  private stepTape(): Tape {
    this.arena.resetStep();
    return new Tape(this.arena, this.kernels);
  }

  /** Runs a step; if a private memory had to grow (and move), re-views the parameters and runs it again. */
  private retrying<T>(step: () => T): T {
    for (let attempt = 0; ; attempt++) {
      this.arena.resetStep();
      try {
        return step();
      } catch (error) {
        if (!(error instanceof MemoryMovedError) || attempt > 30) throw error;
        for (const [name, { data, grad, n }] of this.placed)
          this.vars.get(name)?.rebind(this.arena.view(data, n), this.arena.view(grad, n));
      }
    }
  }
}
