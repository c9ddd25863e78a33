/** Talk mode: the current scene (1-based) and a reset counter scenes use to restart deterministically. */
import type { SliceCreator } from './types';

export interface TalkSlice {
  talk: { scene: number; resets: number };
  setTalkScene(scene: number): void;
  resetTalkScene(): void;
}

export const createTalkSlice: SliceCreator<TalkSlice> = (set, get) => ({
  talk: { scene: 1, resets: 0 },
  setTalkScene: (scene) => set({ talk: { ...get().talk, scene } }),
  resetTalkScene: () => set({ talk: { ...get().talk, resets: get().talk.resets + 1 } }),
});
