/**
 * The edits of the sequence editor as pure functions over token lists (new arrays, inputs untouched), and the
 * parsing of typed or pasted text with the engine's parser: a bad word is reported, the sequence is unchanged.
 */
import { MAX_SEQUENCE_LENGTH, parseSequence } from '../../simulations/vocabulary/parseSequence';

const clampIndex = (i: number, n: number) => Math.min(n, Math.max(0, Math.trunc(i)));

/** Inserts `words` before position `index` (index = length appends). */
export function insertTokens(tokens: readonly string[], index: number, words: readonly string[]): string[] {
  const i = clampIndex(index, tokens.length);
  return [...tokens.slice(0, i), ...words, ...tokens.slice(i)];
}

/** Removes the token at `index` (no change when out of range). */
export function removeToken(tokens: readonly string[], index: number): string[] {
  return index >= 0 && index < tokens.length
    ? [...tokens.slice(0, index), ...tokens.slice(index + 1)]
    : [...tokens];
}

/** Replaces the token at `index` with `words` (one or several). */
export function replaceToken(tokens: readonly string[], index: number, words: readonly string[]): string[] {
  if (index < 0 || index >= tokens.length) return [...tokens];
  return [...tokens.slice(0, index), ...words, ...tokens.slice(index + 1)];
}

/** Moves the token at `from` so that it ends up at position `to` (both clamped into the list). */
export function moveToken(tokens: readonly string[], from: number, to: number): string[] {
  if (from < 0 || from >= tokens.length) return [...tokens];
  const out = [...tokens];
  const [token] = out.splice(from, 1);
  out.splice(clampIndex(to, out.length), 0, token);
  return out;
}

/** The words of an entry, or the problems that keep it out (the sequence would lose nothing). */
export type EntryResult = { ok: true; words: string[] } | { ok: false; problems: string[] };

/**
 * Parses typed or pasted text with the engine's `parseSequence`; `room` is how many tokens still fit.
 * Problems name the offending word, e.g. “Token 2 (“b@d”) may contain only letters, digits and _ . ? ! ' -”.
 */
export function parseEntry(text: string, room = MAX_SEQUENCE_LENGTH): EntryResult {
  if (text.trim() === '') return { ok: false, problems: ['Type one or more words, separated by spaces.'] };
  const parsed = parseSequence(text);
  if (!parsed.ok) return { ok: false, problems: parsed.problems.map((p) => p.message) };
  if (parsed.tokens.length > room)
    return {
      ok: false,
      problems: [
        `${parsed.tokens.length} new tokens do not fit: the sequence has room for ${Math.max(0, room)} more (limit ${MAX_SEQUENCE_LENGTH}).`,
      ],
    };
  return { ok: true, words: parsed.tokens };
}
