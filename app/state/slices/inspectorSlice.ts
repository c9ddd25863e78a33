/**
 * What is being inspected: in the attention demo, the head and the locked query row; in the playground, one
 * model's layer, head and locked row.
 */
import type { SliceCreator } from './types';

export interface PlaygroundInspector {
  /** Model id whose internals are shown (null: the first selected model). */
  model: string | null;
  layer: number;
  head: number;
  row: number | null;
}

export interface InspectorSlice {
  head: number;
  lockedRow: number | null;
  inspector: PlaygroundInspector;
  setHead(head: number): void;
  setLockedRow(row: number | null): void;
  setInspector(patch: Partial<PlaygroundInspector>): void;
}

export const DEFAULT_INSPECTOR: PlaygroundInspector = { model: null, layer: 0, head: 0, row: null };

export const createInspectorSlice: SliceCreator<InspectorSlice> = (set, get) => ({
  head: 0,
  lockedRow: null,
  inspector: DEFAULT_INSPECTOR,
  setHead: (head) => set({ head }),
  setLockedRow: (lockedRow) => set({ lockedRow }),
  setInspector(patch) {
    const next = { ...get().inspector, ...patch };
    // Another model or layer: the old head and row may not exist there.
    if (patch.model !== undefined && patch.model !== get().inspector.model)
      Object.assign(next, { layer: 0, head: 0, row: null });
    set({ inspector: next });
  },
});
