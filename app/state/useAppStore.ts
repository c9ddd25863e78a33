import { useStore } from 'zustand';
import { createAttentionBackend } from '../compute/attentionBackend';
import { createWorkerInferenceClient } from '../inference/inferenceClient';
import { trainInWorker } from '../workers/trainInWorker';
import { type AppState, createAppStore } from './appStore';

function browserStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled by the user's settings
  }
}

/** The app's one inference worker, shared by the playground, the chapters' live figures and talk mode. */
export const inferenceClient = typeof Worker !== 'undefined' ? createWorkerInferenceClient() : null;

/** The site's base URL: models are fetched relative to it, so the site works under any path. */
export const siteBaseUrl = typeof document !== 'undefined' ? document.baseURI : 'http://localhost/';

/** The single store instance of the running app. */
export const appStore = createAppStore({
  backend: createAttentionBackend(typeof navigator !== 'undefined' ? navigator.gpu : undefined),
  inference: inferenceClient,
  storage: browserStorage(),
  baseUrl: siteBaseUrl,
  trainer: typeof Worker !== 'undefined' ? trainInWorker : null,
});

export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}
