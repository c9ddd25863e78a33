/**
 * The app's one zustand store (vanilla, so it is testable without React), made of slices (./slices):
 * the attention demo, the playground sequence, the playground's models and runs, the figures' runs, the
 * inspector, talk mode and notices, and the hybrids trained in this tab. Effects come in as dependencies: the
 * attention backend, the inference client, the trainer, storage, the base URL. The store re-runs the
 * playground's models itself whenever what they see changes (below), not a page.
 */
import { createStore } from 'zustand/vanilla';
import type { AttentionBackend } from '../compute/attentionBackend';
import type { InferenceClient } from '../inference/inferenceClient';
import type { KeyValueStorage } from './savedSequences';
import { createAttentionDemoSlice } from './slices/attentionDemoSlice';
import { createFigureRunsSlice } from './slices/figureRunsSlice';
import { createHybridSlice, type Trainer } from './slices/hybridSlice';
import { createInspectorSlice } from './slices/inspectorSlice';
import { createNoticesSlice } from './slices/noticesSlice';
import { createPlaygroundSlice, playgroundInputs } from './slices/playgroundSlice';
import { createSequenceSlice } from './slices/sequenceSlice';
import { createTalkSlice } from './slices/talkSlice';
import type { AppState } from './slices/types';

export { DEFAULT_SEQUENCE } from './slices/attentionDemoSlice';
export type { AppState } from './slices/types';

export interface AppStoreDeps {
  backend: AttentionBackend;
  /** Runs shipped models (a Web Worker in the app); null disables the playground's runs. */
  inference?: InferenceClient | null;
  /** Where saved sequences live; null when the browser has no storage. */
  storage?: KeyValueStorage | null;
  /** The site's base URL (models are fetched relative to it). */
  baseUrl?: string;
  /** The attention demo's first text. */
  initialText?: string;
  /** Trains the hybrid designer's stacks off the main thread (a Web Worker in the app); null disables it. */
  trainer?: Trainer | null;
}

export function createAppStore({
  backend,
  inference = null,
  storage = null,
  baseUrl = 'http://localhost/',
  initialText,
  trainer = null,
}: AppStoreDeps) {
  const store = createStore<AppState>()((set, get) => ({
    ...createNoticesSlice(set, get),
    ...createAttentionDemoSlice(backend, initialText)(set, get),
    ...createSequenceSlice(storage)(set, get),
    ...createPlaygroundSlice(inference, baseUrl)(set, get),
    ...createFigureRunsSlice(inference, baseUrl)(set, get),
    ...createInspectorSlice(set, get),
    ...createTalkSlice(set, get),
    ...createHybridSlice(trainer, inference)(set, get),
  }));
  backend.onStatusChange((backendStatus) => store.setState({ backendStatus }));
  // Any action that changes what the playground's models see (an edit, a preset, a link, the model selection,
  // the index arriving, a trained hybrid joining) re-derives the ground truth and re-runs them while watched.
  store.subscribe((state, previous) => {
    if (playgroundInputs(state) !== playgroundInputs(previous)) state.playgroundInputsChanged();
  });
  store.getState().playgroundInputsChanged();
  return store;
}

export type AppStore = ReturnType<typeof createAppStore>;
