/**
 * Playback of a scan network, level by level, as a pure reducer: `level` counts the levels executed (0 = the
 * inputs, depth = done). Playing advances one level per tick and stops at the end; with reduced motion the
 * component never plays and the user steps.
 */
export interface ScanPlayback {
  level: number;
  playing: boolean;
}

export type ScanPlaybackIntent =
  | { type: 'stepForward' }
  | { type: 'stepBack' }
  | { type: 'first' }
  | { type: 'last' }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'togglePlay' }
  | { type: 'tick' }
  | { type: 'reset'; level?: number };

export const INITIAL_PLAYBACK: ScanPlayback = { level: 0, playing: false };

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

export function reducePlayback(state: ScanPlayback, intent: ScanPlaybackIntent, depth: number): ScanPlayback {
  switch (intent.type) {
    case 'stepForward':
      return { level: clamp(state.level + 1, 0, depth), playing: false };
    case 'stepBack':
      return { level: clamp(state.level - 1, 0, depth), playing: false };
    case 'first':
      return { level: 0, playing: false };
    case 'last':
      return { level: depth, playing: false };
    case 'play':
      // Playing from the end restarts from the inputs.
      return depth === 0 ? state : { level: state.level >= depth ? 0 : state.level, playing: true };
    case 'pause':
      return { ...state, playing: false };
    case 'togglePlay':
      return reducePlayback(state, { type: state.playing ? 'pause' : 'play' }, depth);
    case 'tick': {
      if (!state.playing) return state;
      const level = clamp(state.level + 1, 0, depth);
      return { level, playing: level < depth };
    }
    case 'reset':
      return { level: clamp(intent.level ?? 0, 0, depth), playing: false };
  }
}

/** The intent of a key pressed on the circuit, or null for keys it does not handle. */
export function playbackIntentForKey(key: string): ScanPlaybackIntent | null {
  switch (key) {
    case 'ArrowRight':
      return { type: 'stepForward' };
    case 'ArrowLeft':
      return { type: 'stepBack' };
    case 'Home':
      return { type: 'first' };
    case 'End':
      return { type: 'last' };
    case ' ':
    case 'k':
      return { type: 'togglePlay' };
    default:
      return null;
  }
}
