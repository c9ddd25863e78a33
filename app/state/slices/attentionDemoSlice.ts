/**
 * The landing page's attention demo: the typed text, the last valid tokens, and the latest result of the two
 * hand-built heads with the backend that produced it. Invalid text never replaces the last good tokens.
 */
import type { RunnerStatus } from '../../../kernels/runtime/gpuRunner';
import { buildHandBuiltHeads } from '../../../simulations/attention/handBuiltHeads';
import { parseSequence, type SequenceProblem } from '../../../simulations/vocabulary/parseSequence';
import type { AttentionBackend, TimedResult } from '../../compute/attentionBackend';
import type { SliceCreator } from './types';

export const DEFAULT_SEQUENCE = 'ant 3 bee 5 cow 8 dog 2 bee ant dog cow';

export interface AttentionDemoSlice {
  /** Exactly what the user typed. */
  sequenceText: string;
  /** The last sequence that parsed; what the heads run on. */
  tokens: string[];
  problems: SequenceProblem[];
  backendStatus: RunnerStatus;
  /** Result for `tokens` (null until the first run finishes). */
  result: (TimedResult & { tokens: string[] }) | null;
  computing: boolean;
  setSequenceText(text: string): void;
  /** Runs the heads on the current tokens; stale results (from an older edit) are dropped. */
  recompute(): Promise<void>;
}

function parseOrThrow(text: string): string[] {
  const parsed = parseSequence(text);
  if (!parsed.ok) throw new Error(`Built-in sequence does not parse: ${text}`);
  return parsed.tokens;
}

export const createAttentionDemoSlice =
  (backend: AttentionBackend, initialText = DEFAULT_SEQUENCE): SliceCreator<AttentionDemoSlice> =>
  (set, get) => {
    const initial = parseSequence(initialText);
    let runId = 0;
    return {
      sequenceText: initialText,
      tokens: initial.ok ? initial.tokens : parseOrThrow(DEFAULT_SEQUENCE),
      problems: initial.ok ? [] : initial.problems,
      backendStatus: backend.status(),
      result: null,
      computing: false,
      setSequenceText(text) {
        const parsed = parseSequence(text);
        if (!parsed.ok) {
          set({ sequenceText: text, problems: parsed.problems });
          return;
        }
        const changed = parsed.tokens.join(' ') !== get().tokens.join(' ');
        const { lockedRow } = get();
        set({
          sequenceText: text,
          problems: [],
          tokens: parsed.tokens,
          lockedRow: lockedRow !== null && lockedRow < parsed.tokens.length ? lockedRow : null,
        });
        if (changed) void get().recompute();
      },
      async recompute() {
        const id = ++runId;
        const tokens = get().tokens;
        set({ computing: true });
        const result = await backend.run(buildHandBuiltHeads(tokens));
        if (id !== runId) return;
        set({ result: { ...result, tokens }, computing: false, backendStatus: backend.status() });
      },
    };
  };
