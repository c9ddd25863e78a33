import { describe, expect, it } from 'vitest';
import {
  deleteSequence,
  type KeyValueStorage,
  loadSavedSequences,
  SAVED_SEQUENCES_KEY,
  saveSequence,
} from './savedSequences';

const memoryStorage = (
  initial: Record<string, string> = {},
): KeyValueStorage & { data: Record<string, string> } => {
  const data = { ...initial };
  return {
    data,
    getItem: (k) => (k in data ? data[k] : null),
    setItem: (k, v) => {
      data[k] = v;
    },
  };
};

describe('saved sequences', () => {
  it('saves, reloads from storage, replaces by name and deletes', () => {
    const storage = memoryStorage();
    let { sequences } = saveSequence(
      storage,
      [],
      { name: 'two pairs', text: 'ant 3 bee 5 ant', presetId: 'free' },
      10,
    );
    ({ sequences } = saveSequence(
      storage,
      sequences,
      { name: 'other', text: 'cat 1 cat', presetId: 'free' },
      11,
    ));
    ({ sequences } = saveSequence(
      storage,
      sequences,
      { name: 'two pairs', text: 'ant 4 ant', presetId: 'free' },
      12,
    ));
    const reloaded = loadSavedSequences(storage);
    expect(reloaded.problem).toBeUndefined();
    expect(reloaded.sequences.map((s) => [s.name, s.text])).toEqual([
      ['two pairs', 'ant 4 ant'],
      ['other', 'cat 1 cat'],
    ]);
    ({ sequences } = deleteSequence(storage, sequences, 'other'));
    expect(loadSavedSequences(storage).sequences.map((s) => s.name)).toEqual(['two pairs']);
  });

  it('corrupt storage yields an empty list and a message, never a throw', () => {
    const r = loadSavedSequences(memoryStorage({ [SAVED_SEQUENCES_KEY]: '{not json' }));
    expect(r.sequences).toEqual([]);
    expect(r.problem).toMatch(/corrupt/);
    const partial = loadSavedSequences(
      memoryStorage({
        [SAVED_SEQUENCES_KEY]: JSON.stringify([
          { name: 'ok', text: 'ant 3 ant', presetId: 'free', savedAt: 1 },
          { name: 'bad', text: '<script>', presetId: 'free', savedAt: 1 },
          42,
        ]),
      }),
    );
    expect(partial.sequences.map((s) => s.name)).toEqual(['ok']);
    expect(partial.problem).toMatch(/2 saved/);
  });

  it('reports a full storage and an invalid sequence instead of losing the list', () => {
    const full: KeyValueStorage = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('quota exceeded', 'QuotaExceededError');
      },
    };
    const before = [{ name: 'a', text: 'ant 3 ant', presetId: 'free', savedAt: 1 }];
    const r = saveSequence(full, before, { name: 'b', text: 'bee 3 bee', presetId: 'free' });
    expect(r.sequences).toEqual(before);
    expect(r.problem).toMatch(/quota/);
    expect(saveSequence(memoryStorage(), [], { name: 'x', text: '<b>', presetId: 'free' }).problem).toMatch(
      /valid/,
    );
    expect(saveSequence(memoryStorage(), [], { name: '  ', text: 'ant', presetId: 'free' }).problem).toMatch(
      /name/,
    );
  });
});
