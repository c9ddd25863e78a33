/**
 * A training checkpoint in a directory: checkpoint.json + checkpoint.bin (simulations/training/checkpoint.ts).
 * A save writes both under temporary names, then renames the binary, then the JSON, so a run killed at any
 * moment leaves a consistent pair: killed between the two renames, the new binary sits beside the old JSON and
 * the new checkpoint.json.tmp, which load() then takes (the JSON's checksum names the binary it belongs to).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type CheckpointStore,
  deserializeCheckpoint,
  serializeCheckpoint,
  type TrainCheckpoint,
} from '../../simulations/training/checkpoint';

export function fileCheckpointStore(dir: string): CheckpointStore {
  const json = join(dir, 'checkpoint.json');
  const bin = join(dir, 'checkpoint.bin');
  return {
    load(): TrainCheckpoint | undefined {
      if (!existsSync(bin)) return undefined;
      const binary = readFileSync(bin);
      const candidates = [`${json}.tmp`, json].filter((path) => existsSync(path));
      let error: unknown;
      for (const path of candidates) {
        try {
          return deserializeCheckpoint(readFileSync(path, 'utf8'), binary);
        } catch (cause) {
          error ??= cause;
        }
      }
      if (candidates.length === 0) return undefined;
      throw new Error(
        `${dir} holds no usable checkpoint (${error instanceof Error ? error.message : String(error)}); delete it to start afresh`,
      );
    },
    save(checkpoint) {
      const { json: text, binary } = serializeCheckpoint(checkpoint);
      mkdirSync(dir, { recursive: true });
      writeFileSync(`${bin}.tmp`, binary);
      writeFileSync(`${json}.tmp`, text);
      renameSync(`${bin}.tmp`, bin);
      renameSync(`${json}.tmp`, json);
    },
  };
}
