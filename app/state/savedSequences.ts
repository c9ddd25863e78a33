/**
 * The user's own sequences, kept in localStorage under a versioned key. Reading never throws: a corrupt or
 * foreign value yields an empty list plus a problem message; a full or blocked storage is reported on save.
 */
import { parseSequence } from '../../simulations/vocabulary/parseSequence';

export const SAVED_SEQUENCES_KEY = 'beyond-attention:sequences:v1';
export const MAX_SAVED_SEQUENCES = 50;
const MAX_NAME_LENGTH = 60;

export interface SavedSequence {
  name: string;
  text: string;
  presetId: string;
  /** ms since epoch. */
  savedAt: number;
}

/** The part of the Storage interface we use (so tests can pass a fake). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

const isSaved = (x: unknown): x is SavedSequence => {
  const s = x as SavedSequence;
  return (
    typeof s === 'object' &&
    s !== null &&
    typeof s.name === 'string' &&
    s.name.length > 0 &&
    s.name.length <= MAX_NAME_LENGTH &&
    typeof s.text === 'string' &&
    parseSequence(s.text).ok &&
    typeof s.presetId === 'string' &&
    typeof s.savedAt === 'number'
  );
};

export function loadSavedSequences(storage: KeyValueStorage | null): {
  sequences: SavedSequence[];
  problem?: string;
} {
  if (!storage) return { sequences: [] };
  let raw: string | null;
  try {
    raw = storage.getItem(SAVED_SEQUENCES_KEY);
  } catch (error) {
    return { sequences: [], problem: `Saved sequences could not be read: ${(error as Error).message}` };
  }
  if (raw === null) return { sequences: [] };
  try {
    const data: unknown = JSON.parse(raw);
    if (!Array.isArray(data)) throw new Error('not a list');
    const sequences = data.filter(isSaved).slice(0, MAX_SAVED_SEQUENCES);
    const dropped = data.length - sequences.length;
    return dropped > 0
      ? { sequences, problem: `${dropped} saved sequence(s) were unreadable and were skipped.` }
      : { sequences };
  } catch {
    return { sequences: [], problem: 'Your saved sequences were corrupt and could not be read.' };
  }
}

/** Adds (or replaces, by name) a sequence; returns the new list, or a problem if it cannot be stored. */
export function saveSequence(
  storage: KeyValueStorage | null,
  current: readonly SavedSequence[],
  entry: Omit<SavedSequence, 'savedAt'>,
  now = Date.now(),
): { sequences: SavedSequence[]; problem?: string } {
  const name = entry.name.trim().slice(0, MAX_NAME_LENGTH);
  if (!name) return { sequences: [...current], problem: 'Give the sequence a name to save it.' };
  if (!parseSequence(entry.text).ok)
    return { sequences: [...current], problem: 'Only a valid sequence can be saved.' };
  const next = [{ ...entry, name, savedAt: now }, ...current.filter((s) => s.name !== name)].slice(
    0,
    MAX_SAVED_SEQUENCES,
  );
  return writeAll(storage, current, next);
}

export function deleteSequence(
  storage: KeyValueStorage | null,
  current: readonly SavedSequence[],
  name: string,
): { sequences: SavedSequence[]; problem?: string } {
  return writeAll(
    storage,
    current,
    current.filter((s) => s.name !== name),
  );
}

function writeAll(
  storage: KeyValueStorage | null,
  current: readonly SavedSequence[],
  next: SavedSequence[],
): { sequences: SavedSequence[]; problem?: string } {
  if (!storage) return { sequences: [...current], problem: 'This browser has no local storage.' };
  try {
    storage.setItem(SAVED_SEQUENCES_KEY, JSON.stringify(next));
    return { sequences: next };
  } catch (error) {
    return { sequences: [...current], problem: `Could not save: ${(error as Error).message}` };
  }
}
