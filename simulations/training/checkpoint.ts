/**
 * A training run's resumable state and its storage format (one JSON text + one binary blob), free of any storage
 * API: the CLI keeps checkpoints in files (scripts/train/checkpointStore.ts), tests keep them in memory.
 *
 * A checkpoint holds everything a run carries from one step to the next, so a resumed run is bit-identical to a
 * straight one: the parameters in the Vars' own float type, AdamW's moments and step count, and the curves so
 * far. There is no random-number state to save: step i's batch is generated from trainSeed(seed, i) and the
 * held-out sets from the seed alone, so the data stream's position is the step.
 */
import type { AdamWState } from './adamw';
import type { EvalRecord, StepRecord } from './trainer';

export type FloatArray = Float64Array | Float32Array;

export interface TrainCheckpoint {
  /** Steps completed: the next step to run. */
  step: number;
  /**
   * Everything that changes the result (the TrainSettings, the number of gradient shards, …); a run resumes
   * only from a checkpoint whose settings equal its own.
   */
  settings: Record<string, unknown>;
  /** Parameter values, exactly as the run holds them (same array type). */
  params: Map<string, FloatArray>;
  optimizer: AdamWState;
  steps: StepRecord[];
  validation: EvalRecord[];
  tokens: number;
  wallSeconds: number;
  stoppedEarly: boolean;
}

/** Where train() keeps its checkpoint: `load` the last one saved (if any), `save` a newer one. */
export interface CheckpointStore {
  load(): TrainCheckpoint | undefined;
  save(checkpoint: TrainCheckpoint): void;
}

const FORMAT = 'beyond-attention-checkpoint/1';

interface ArrayEntry {
  /** `param:<name>`, `m:<name>` or `v:<name>`. */
  key: string;
  dtype: 'float32' | 'float64';
  offset: number;
  length: number;
}

/**
 * JSON (the step, settings and curves, and where each array lies in the binary) + the arrays' bytes, 8-byte
 * aligned, in the platform's byte order (little-endian everywhere this runs). The JSON carries the binary's
 * length and an FNV-1a checksum, so a JSON paired with another save's binary is refused.
 */
export function serializeCheckpoint(ck: TrainCheckpoint): { json: string; binary: Uint8Array } {
  const arrays: [string, FloatArray][] = [...ck.params].map(([name, a]) => [`param:${name}`, a]);
  for (const [name, { m, v }] of ck.optimizer.moments) arrays.push([`m:${name}`, m], [`v:${name}`, v]);
  const entries: ArrayEntry[] = [];
  let offset = 0;
  for (const [key, a] of arrays) {
    entries.push({ key, dtype: a instanceof Float32Array ? 'float32' : 'float64', offset, length: a.length });
    offset += Math.ceil(a.byteLength / 8) * 8;
  }
  const binary = new Uint8Array(offset);
  for (const [i, [, a]] of arrays.entries())
    binary.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), entries[i].offset);
  const json = JSON.stringify({
    format: FORMAT,
    step: ck.step,
    settings: ck.settings,
    optimizerStep: ck.optimizer.step,
    tokens: ck.tokens,
    wallSeconds: ck.wallSeconds,
    stoppedEarly: ck.stoppedEarly,
    binaryBytes: binary.length,
    checksum: fnv1a(binary),
    arrays: entries,
    steps: ck.steps,
    validation: ck.validation,
  });
  return { json, binary };
}

export function deserializeCheckpoint(json: string, binary: Uint8Array): TrainCheckpoint {
  const doc = JSON.parse(json);
  if (doc.format !== FORMAT) throw new Error(`Not a checkpoint of format ${FORMAT}`);
  if (doc.binaryBytes !== binary.length || doc.checksum !== fnv1a(binary))
    throw new Error(
      'The checkpoint’s binary part does not belong to its JSON part (length or checksum differ)',
    );
  const arrays = new Map<string, FloatArray>();
  for (const { key, dtype, offset, length } of doc.arrays as ArrayEntry[]) {
    const a = dtype === 'float32' ? new Float32Array(length) : new Float64Array(length);
    new Uint8Array(a.buffer).set(binary.subarray(offset, offset + a.byteLength));
    arrays.set(key, a);
  }
  const named = (prefix: string) =>
    new Map([...arrays].filter(([k]) => k.startsWith(prefix)).map(([k, a]) => [k.slice(prefix.length), a]));
  const v = named('v:');
  const moments = new Map(
    [...named('m:')].map(([name, m]) => {
      const second = v.get(name);
      if (!second) throw new Error(`The checkpoint has AdamW’s first moment of “${name}” but not its second`);
      return [name, { m, v: second }];
    }),
  );
  return {
    step: doc.step,
    settings: doc.settings,
    params: named('param:'),
    optimizer: { step: doc.optimizerStep, moments },
    steps: doc.steps,
    validation: doc.validation,
    tokens: doc.tokens,
    wallSeconds: doc.wallSeconds,
    stoppedEarly: doc.stoppedEarly,
  };
}

/** A store in memory (tests, the browser): each save is serialized, so later training cannot alter it. */
export function memoryCheckpointStore(): CheckpointStore & { saves: number } {
  let saved: { json: string; binary: Uint8Array } | undefined;
  return {
    saves: 0,
    load: () => saved && deserializeCheckpoint(saved.json, saved.binary),
    save(ck) {
      saved = serializeCheckpoint(ck);
      this.saves++;
    },
  };
}

/** The settings that differ between a checkpoint and the run resuming from it, one line each. */
export function settingsMismatch(saved: Record<string, unknown>, current: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(saved), ...Object.keys(current)])];
  const text = (value: unknown) => {
    const s = stableJson(value) ?? 'absent';
    return s.length > 60 ? `${s.slice(0, 57)}…` : s;
  };
  return keys
    .filter((k) => stableJson(saved[k]) !== stableJson(current[k]))
    .map((k) => `${k}: ${text(saved[k])} in the checkpoint, ${text(current[k])} now`);
}

/** JSON with object keys sorted (undefined members dropped), so equal values give equal text. */
function stableJson(value: unknown): string | undefined {
  return JSON.stringify(value, (_, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, v[k]]),
        )
      : v,
  );
}

/** 32-bit FNV-1a of the bytes. */
function fnv1a(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}
