/** The app store's state: one object made of slices (each file in this folder makes one). */
import type { StoreApi } from 'zustand/vanilla';
import type { AttentionDemoSlice } from './attentionDemoSlice';
import type { FigureRunsSlice } from './figureRunsSlice';
import type { HybridSlice } from './hybridSlice';
import type { InspectorSlice } from './inspectorSlice';
import type { NoticesSlice } from './noticesSlice';
import type { PlaygroundSlice } from './playgroundSlice';
import type { SequenceSlice } from './sequenceSlice';
import type { TalkSlice } from './talkSlice';

export type AppState = AttentionDemoSlice &
  SequenceSlice &
  PlaygroundSlice &
  FigureRunsSlice &
  InspectorSlice &
  TalkSlice &
  NoticesSlice &
  HybridSlice;

type Setter = StoreApi<AppState>['setState'];
type Getter = StoreApi<AppState>['getState'];

/** A slice creator: gets the whole store's set/get, returns its own part. */
export type SliceCreator<S> = (set: Setter, get: Getter) => S;
