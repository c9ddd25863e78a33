/**
 * The app's one zustand store (vanilla, so it is testable without React). Slices: the sequence being edited,
 * the inspected head and row, and the latest attention result with the backend that produced it.
 * Invalid text never replaces the last good token sequence: the matrix keeps showing it while the editor
 * shows what is wrong.
 */
import { createStore } from 'zustand/vanilla';
import { buildHandBuiltHeads } from '../../simulations/attention/handBuiltHeads';
import { parseSequence, type SequenceProblem } from '../../simulations/vocabulary/parseSequence';
import type { AttentionBackend, BackendStatus, TimedResult } from '../compute/attentionBackend';

export const DEFAULT_SEQUENCE = 'ant 3 bee 5 cow 8 dog 2 bee ant dog cow';

export interface AppState {
  /** Exactly what the user typed. */
  sequenceText: string;
  /** The last sequence that parsed; what the models run on. */
  tokens: string[];
  problems: SequenceProblem[];
  head: number;
  lockedRow: number | null;
  backendStatus: BackendStatus;
  /** Result for `tokens` (null until the first run finishes). */
  result: (TimedResult & { tokens: string[] }) | null;
  computing: boolean;
  setSequenceText(text: string): void;
  setHead(head: number): void;
  setLockedRow(row: number | null): void;
  /** Runs the model on the current tokens; stale results (from an older edit) are dropped. */
  recompute(): Promise<void>;
}

export function createAppStore(backend: AttentionBackend, initialText = DEFAULT_SEQUENCE) {
  const initial = parseSequence(initialText);
  let runId = 0;
  const store = createStore<AppState>()((set, get) => ({
    sequenceText: initialText,
    tokens: initial.ok ? initial.tokens : parseSequenceOrThrow(DEFAULT_SEQUENCE),
    problems: initial.ok ? [] : initial.problems,
    head: 0,
    lockedRow: null,
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
    setHead: (head) => set({ head }),
    setLockedRow: (lockedRow) => set({ lockedRow }),
    async recompute() {
      const id = ++runId;
      const tokens = get().tokens;
      set({ computing: true });
      const result = await backend.run(buildHandBuiltHeads(tokens));
      if (id !== runId) return;
      set({ result: { ...result, tokens }, computing: false, backendStatus: backend.status() });
    },
  }));
  backend.onStatusChange((backendStatus) => store.setState({ backendStatus }));
  return store;
}

function parseSequenceOrThrow(text: string): string[] {
  const parsed = parseSequence(text);
  if (!parsed.ok) throw new Error(`Built-in sequence does not parse: ${text}`);
  return parsed.tokens;
}

export type AppStore = ReturnType<typeof createAppStore>;
