/**
 * The orbit camera as data: a point on a sphere around the scene's centre, in degrees and scene units, so
 * the keyboard, the pointer and the tests all drive the same pure reducer.
 */

export interface OrbitState {
  /** Rotation around the vertical axis, degrees (0 = looking from the front, +z). */
  azimuth: number;
  /** Angle above the horizontal plane, degrees, within ±ORBIT_LIMITS.maxElevation. */
  elevation: number;
  /** Distance from the centre, scene units, within [minDistance, maxDistance]. */
  distance: number;
}

export type OrbitIntent =
  | { type: 'rotate'; azimuth: number; elevation: number }
  | { type: 'zoom'; factor: number }
  | { type: 'reset' };

export const ORBIT_LIMITS = { maxElevation: 85, minDistance: 1.5, maxDistance: 40 } as const;
/** Degrees per arrow key press, and the zoom factor per +/− press. */
export const ORBIT_KEY_STEP = { azimuth: 15, elevation: 10, zoom: 1.2 } as const;

export const ORBIT_HINT =
  'Arrow keys rotate the view, + and − zoom, 0 resets it; drag to rotate and scroll to zoom with a pointer.';

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
/** Wraps an angle into (−180, 180]. */
export const wrapDegrees = (a: number) => {
  const w = ((((a + 180) % 360) + 360) % 360) - 180;
  return w === -180 ? 180 : w;
};

export function reduceOrbit(state: OrbitState, intent: OrbitIntent, initial: OrbitState): OrbitState {
  switch (intent.type) {
    case 'rotate':
      return {
        ...state,
        azimuth: wrapDegrees(state.azimuth + intent.azimuth),
        elevation: clamp(
          state.elevation + intent.elevation,
          -ORBIT_LIMITS.maxElevation,
          ORBIT_LIMITS.maxElevation,
        ),
      };
    case 'zoom':
      return {
        ...state,
        distance: clamp(state.distance / intent.factor, ORBIT_LIMITS.minDistance, ORBIT_LIMITS.maxDistance),
      };
    case 'reset':
      return initial;
  }
}

/** The orbit intent of a key press, or null for keys the view does not handle. */
export function orbitIntentForKey(key: string): OrbitIntent | null {
  switch (key) {
    case 'ArrowLeft':
      return { type: 'rotate', azimuth: -ORBIT_KEY_STEP.azimuth, elevation: 0 };
    case 'ArrowRight':
      return { type: 'rotate', azimuth: ORBIT_KEY_STEP.azimuth, elevation: 0 };
    case 'ArrowUp':
      return { type: 'rotate', azimuth: 0, elevation: ORBIT_KEY_STEP.elevation };
    case 'ArrowDown':
      return { type: 'rotate', azimuth: 0, elevation: -ORBIT_KEY_STEP.elevation };
    case '+':
    case '=':
      return { type: 'zoom', factor: ORBIT_KEY_STEP.zoom };
    case '-':
    case '_':
      return { type: 'zoom', factor: 1 / ORBIT_KEY_STEP.zoom };
    case '0':
    case 'Home':
      return { type: 'reset' };
    default:
      return null;
  }
}

/** Camera position for an orbit state around `target` (y up): spherical → Cartesian. */
export function orbitPosition(
  state: OrbitState,
  target: readonly [number, number, number],
): [number, number, number] {
  const az = (state.azimuth * Math.PI) / 180;
  const el = (state.elevation * Math.PI) / 180;
  return [
    target[0] + state.distance * Math.cos(el) * Math.sin(az),
    target[1] + state.distance * Math.sin(el),
    target[2] + state.distance * Math.cos(el) * Math.cos(az),
  ];
}

/** "azimuth 30°, elevation 20°, distance 8.0" — the view's live text. */
export const describeOrbit = (s: OrbitState) =>
  `azimuth ${Math.round(s.azimuth)}°, elevation ${Math.round(s.elevation)}°, distance ${s.distance.toFixed(1)}`;
