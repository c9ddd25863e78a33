/** Fetches the shipped-model index into the store once at start; a failure becomes a visible notice. */

import { fetchModelIndex } from '../domain/modelIndex';
import type { AppStore } from './appStore';

export async function loadModelIndexInto(store: AppStore, baseUrl: string): Promise<void> {
  try {
    const models = await fetchModelIndex((url) => fetch(url), baseUrl);
    store.getState().setModelIndex({ status: 'ready', models });
    const shipped = new Set(models.map((m) => m.id));
    const known = (id: string) => shipped.has(id) || store.getState().trainedModels.some((m) => m.id === id);
    // A link (now, or pasted later) may name models this site does not ship: drop them and say which.
    const check = () => {
      const selected = store.getState().selectedModels ?? [];
      const unknown = selected.filter((id) => !known(id));
      if (unknown.length === 0) return;
      const mine = unknown.filter((id) => id.startsWith('hybrid-'));
      const others = unknown.filter((id) => !id.startsWith('hybrid-'));
      if (others.length > 0)
        store.getState().addNotice(`This link names models this site does not have: ${others.join(', ')}.`);
      if (mine.length > 0)
        store
          .getState()
          .addNotice(
            `A hybrid you train lives only in the tab that trained it; this page does not have ${mine.join(', ')}.`,
          );
      store.getState().setSelectedModels(selected.filter(known));
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
