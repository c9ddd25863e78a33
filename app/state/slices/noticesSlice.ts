/** Visible notices (bad links, storage problems, fallbacks): shown in the layout until dismissed. */
import type { SliceCreator } from './types';

export interface Notice {
  id: number;
  text: string;
  tone: 'warning' | 'info';
}

export interface NoticesSlice {
  notices: Notice[];
  addNotice(text: string, tone?: Notice['tone']): void;
  dismissNotice(id: number): void;
}

export const createNoticesSlice: SliceCreator<NoticesSlice> = (set, get) => {
  let nextId = 1;
  return {
    notices: [],
    addNotice(text, tone = 'warning') {
      // The same text twice (e.g. the same bad link re-read) is shown once.
      if (get().notices.some((n) => n.text === text)) return;
      set({ notices: [...get().notices, { id: nextId++, text, tone }] });
    },
    dismissNotice: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
  };
};
