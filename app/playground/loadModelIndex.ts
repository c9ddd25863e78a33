/** Fetches the shipped-model index into the store once at start; a failure becomes a visible notice. */
import type { AppStore } from '../state/appStore';
import { fetchModelIndex } from './modelIndex';

export async function loadModelIndexInto(store: AppStore, baseUrl: string): Promise<void> {
  try {
    const models = await fetchModelIndex((url) => fetch(url), baseUrl);
    store.getState().setModelIndex({ status: 'ready', models });
    const known = new Set(models.map((m) => m.id));
    // A link (now, or pasted later) may name models this site does not ship: drop them and say which.
    const check = () => {
      const selected = store.getState().selectedModels ?? [];
      const unknown = selected.filter((id) => !known.has(id));
      if (unknown.length === 0) return;
      store.getState().addNotice(`This link names models this site does not have: ${unknown.join(', ')}.`);
      store.getState().setSelectedModels(selected.filter((id) => known.has(id)));
    };
    check();
    store.subscribe((state, previous) => {
      if (state.selectedModels !== previous.selectedModels) check();
    });
  } catch (error) {
    const message = (error as Error).message;
    store.getState().setModelIndex({ status: 'error', message });
    store.getState().addNotice(message);
  }
}
