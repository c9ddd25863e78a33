/**
 * Token ids ↔ readable labels. Inside the models tokens are integers; the UI shows keys as short words,
 * values as numbers, filler as "_", and named special tokens. The mapping is part of a model's config
 * (`toJSON`), so a shared sequence means the same thing everywhere.
 *
 * MQAR layout (Zoology): id 0 is the filler, keys are 1 … ⌊V/2⌋−1, values are ⌊V/2⌋ … V−1.
 */
export type TokenKind = 'filler' | 'key' | 'value' | 'special';

export interface VocabularySpec {
  vocabSize: number;
  /** Special tokens by id, e.g. { "15": "→" } for a copy marker. They are neither keys nor values. */
  specials?: Record<number, string>;
}

export interface Vocabulary {
  readonly vocabSize: number;
  kind(id: number): TokenKind;
  label(id: number): string;
  /** The id of a label; throws an Error naming the label when it is not in this vocabulary. */
  idOf(label: string): number;
  isKey(id: number): boolean;
  isValue(id: number): boolean;
  toJSON(): VocabularySpec;
}

const ANIMALS = [
  'ant',
  'bee',
  'cat',
  'dog',
  'eel',
  'fox',
  'gnu',
  'hen',
  'ibis',
  'jay',
  'kiwi',
  'lark',
  'mole',
  'newt',
  'owl',
  'pig',
  'quail',
  'rat',
  'seal',
  'toad',
  'vole',
  'wasp',
  'yak',
  'zebu',
  'bat',
  'cod',
  'elk',
  'ram',
  'emu',
  'asp',
];
const CONSONANTS = 'bdfgklmnprstvz';
const VOWELS = 'aeiou';
export const FILLER_LABEL = '_';

let pseudoWords: string[] | null = null;
/** Two-syllable pseudo-words (baba, babe, …) that are not also animal names. */
function getPseudoWords(): string[] {
  if (!pseudoWords) {
    const syllables = [...CONSONANTS].flatMap((c) => [...VOWELS].map((v) => c + v));
    const animals = new Set(ANIMALS);
    pseudoWords = syllables.flatMap((a) => syllables.map((b) => a + b)).filter((w) => !animals.has(w));
  }
  return pseudoWords;
}

/** The n-th key word: animals first, then two-syllable pseudo-words, then "k<n>". */
export function keyWord(n: number): string {
  if (n < ANIMALS.length) return ANIMALS[n];
  const words = getPseudoWords();
  return n - ANIMALS.length < words.length ? words[n - ANIMALS.length] : `k${n}`;
}

export function createVocabulary({ vocabSize, specials = {} }: VocabularySpec): Vocabulary {
  if (!Number.isInteger(vocabSize) || vocabSize < 4)
    throw new RangeError(`vocabSize must be an integer ≥ 4, got ${vocabSize}`);
  const firstValue = Math.floor(vocabSize / 2);
  const specialIds = new Map<number, string>();
  for (const [id, label] of Object.entries(specials)) {
    const n = Number(id);
    if (!Number.isInteger(n) || n < 0 || n >= vocabSize)
      throw new RangeError(`Special token id ${id} is outside 0 … ${vocabSize - 1}`);
    specialIds.set(n, label);
  }
  const kind = (id: number): TokenKind => {
    if (!Number.isInteger(id) || id < 0 || id >= vocabSize)
      throw new RangeError(`Token id ${id} is outside 0 … ${vocabSize - 1}`);
    if (specialIds.has(id)) return 'special';
    if (id === 0) return 'filler';
    return id < firstValue ? 'key' : 'value';
  };
  const labels: string[] = Array.from({ length: vocabSize }, (_, id) => {
    const k = kind(id);
    if (k === 'special') return specialIds.get(id) as string;
    if (k === 'filler') return FILLER_LABEL;
    return k === 'key' ? keyWord(id - 1) : String(id - firstValue);
  });
  const ids = new Map<string, number>();
  labels.forEach((label, id) => {
    if (ids.has(label))
      throw new RangeError(`Label “${label}” is used by tokens ${ids.get(label)} and ${id}`);
    ids.set(label, id);
  });
  return {
    vocabSize,
    kind,
    label: (id) => {
      kind(id);
      return labels[id];
    },
    idOf(label) {
      const id = ids.get(label);
      if (id === undefined) {
        throw new Error(
          `“${label}” is not a token of this vocabulary (keys are words like ${labels[1]}, values are numbers 0 … ${vocabSize - firstValue - 1}, filler is ${FILLER_LABEL})`,
        );
      }
      return id;
    },
    isKey: (id) => kind(id) === 'key',
    isValue: (id) => kind(id) === 'value',
    toJSON: () => ({ vocabSize, specials: Object.fromEntries(specialIds) }),
  };
}
