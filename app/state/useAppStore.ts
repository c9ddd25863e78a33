import { useStore } from 'zustand';
import { createAttentionBackend } from '../compute/attentionBackend';
import { type AppState, createAppStore } from './appStore';

/** The single store instance of the running app. */
export const appStore = createAppStore(
  createAttentionBackend(typeof navigator !== 'undefined' ? navigator.gpu : undefined),
);

export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}
