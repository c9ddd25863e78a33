/**
 * Parses the text a user types into a token sequence: words separated by whitespace.
 * Returns either the tokens or a list of problems, each pointing at the offending word, so the UI can
 * reject bad input inline while keeping the last good sequence.
 */
export const MAX_SEQUENCE_LENGTH = 1024;
export const MAX_TOKEN_LENGTH = 16;
const TOKEN_PATTERN = /^[\p{L}\p{N}_.?!'-]+$/u;

export interface SequenceProblem {
  /** Zero-based index of the word in the text, or −1 for problems with the whole sequence. */
  tokenIndex: number;
  /** Character offset of the word in the text. */
  offset: number;
  message: string;
}

export type ParseResult = { ok: true; tokens: string[] } | { ok: false; problems: SequenceProblem[] };

export function parseSequence(text: string): ParseResult {
  const problems: SequenceProblem[] = [];
  const tokens: string[] = [];
  for (const match of text.matchAll(/\S+/g)) {
    const word = match[0];
    const offset = match.index ?? 0;
    const tokenIndex = tokens.length;
    tokens.push(word);
    if (word.length > MAX_TOKEN_LENGTH) {
      problems.push({
        tokenIndex,
        offset,
        message: `Token ${tokenIndex + 1} (“${word.slice(0, 12)}…”) is longer than ${MAX_TOKEN_LENGTH} characters.`,
      });
    } else if (!TOKEN_PATTERN.test(word)) {
      problems.push({
        tokenIndex,
        offset,
        message: `Token ${tokenIndex + 1} (“${word}”) may contain only letters, digits and _ . ? ! ' -`,
      });
    }
  }
  if (tokens.length === 0)
    problems.push({ tokenIndex: -1, offset: 0, message: 'The sequence is empty: type at least one token.' });
  if (tokens.length > MAX_SEQUENCE_LENGTH) {
    problems.push({
      tokenIndex: -1,
      offset: 0,
      message: `The sequence has ${tokens.length} tokens; the limit is ${MAX_SEQUENCE_LENGTH}.`,
    });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, tokens };
}
