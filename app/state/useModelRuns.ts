/**
 * A figure's or talk scene's view of fixed models on a fixed sequence: a subscription to the store's runs
 * (slices/figureRunsSlice.ts), which starts and cancels them; nothing is run here.
 */
import { useEffect } from 'react';
import { type FigureRuns, type ModelRunsInput, modelRunsKey } from './slices/figureRunsSlice';
import { appStore, useAppStore } from './useAppStore';

const NOTHING_YET: FigureRuns = { queries: [], runs: {} };

export function useModelRuns(input: ModelRunsInput): FigureRuns {
  const key = modelRunsKey(input);
  // The key holds the input by value: a new array with the same labels does not restart the runs.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `input`
  useEffect(() => appStore.getState().watchModelRuns(input), [key]);
  return useAppStore((s) => s.figureRuns[key]) ?? NOTHING_YET;
}
