/**
 * Keeps the shareable state and the URL in step. On start and whenever the user changes the link (pasting a
 * new one, back/forward), the query after the hash route is decoded and applied; a bad link applies the
 * defaults and shows a notice. Every change of the shared state rewrites the query in place
 * (history.replaceState: editing does not flood the back button). Talk mode's path is its deep link, so talk
 * routes carry no query.
 */
import { splitHash } from '../router/routes';
import { DEFAULT_INSPECTOR } from './slices/inspectorSlice';
import { defaultSequence } from './slices/sequenceSlice';
import type { AppState } from './slices/types';
import { decodeSharedState, encodeSharedState, type SharedState } from './urlCodec';

interface StoreLike {
  getState(): AppState;
  subscribe(listener: (state: AppState, previous: AppState) => void): () => void;
}

export function defaultSharedState(): SharedState {
  const s = defaultSequence();
  return {
    sequenceText: s.text,
    presetId: s.presetId,
    seed: s.seed,
    models: null,
    inspector: DEFAULT_INSPECTOR,
  };
}

export function sharedStateOf(state: AppState): SharedState {
  return {
    sequenceText: state.sequence.text,
    presetId: state.sequence.presetId,
    seed: state.sequence.seed,
    models: state.selectedModels,
    inspector: state.inspector,
  };
}

export function applySharedState(state: AppState, shared: SharedState): void {
  state.setSequenceState({ text: shared.sequenceText, presetId: shared.presetId, seed: shared.seed });
  state.setSelectedModels(shared.models);
  state.setInspector({ ...shared.inspector });
}

/** Decodes `query` into the store; returns whether it was a valid link. */
export function applyQuery(store: StoreLike, query: string): void {
  const decoded = decodeSharedState(query, defaultSharedState());
  if (decoded.status === 'empty') return;
  applySharedState(store.getState(), decoded.state);
  if (decoded.status === 'invalid') store.getState().addNotice(decoded.notice);
}

export function startUrlSync(store: StoreLike, win: Window): () => void {
  let written = '';
  const read = () => {
    const { path, query } = splitHash(win.location.hash);
    if (path.startsWith('/talk')) return;
    if (query !== written) {
      written = query;
      applyQuery(store, query);
    }
  };
  const write = () => {
    const { path } = splitHash(win.location.hash);
    if (path.startsWith('/talk')) return;
    const query = encodeSharedState(sharedStateOf(store.getState()));
    if (query === written) return;
    written = query;
    win.history.replaceState(win.history.state, '', `#${path}?${query}`);
  };
  read();
  win.addEventListener('hashchange', read);
  const unsubscribe = store.subscribe((state, previous) => {
    const changed =
      state.sequence !== previous.sequence ||
      state.selectedModels !== previous.selectedModels ||
      state.inspector !== previous.inspector;
    if (changed) write();
  });
  return () => {
    unsubscribe();
    win.removeEventListener('hashchange', read);
  };
}
