import { useState } from 'react';
import { useReducedMotion } from '../shared/useReducedMotion';
import { describeOrbit, type OrbitState } from './orbit';
import { type OrbitControls, useOrbitControls } from './useOrbitControls';
import { useWebGl2 } from './useWebGl2';

/** What a 3D view shows: still probing for WebGL 2, the 3D scene, or its 2D fallback. */
export type View3dMode = 'probing' | '3d' | '2d';

export interface View3d {
  mode: View3dMode;
  /** The orbit state and its handlers, for OrbitView. */
  controls: OrbitControls;
  /** Give to OrbitView's onError: a failed WebGL scene switches the view to 2D and says why. */
  onGlError: (message: string) => void;
  /** Why the view is 2D, as the start of a sentence. */
  fallbackReason: string;
  /** data-* attributes of the view's root (the orbit and the spin), for tests and styling. */
  dataAttributes: Record<`data-${string}`, string | number | boolean>;
  /** The orbit's part of the live readout (empty unless 3D): the view angle, and why there is no spin. */
  readout: string;
}

/**
 * The state both 3D views share: the WebGL 2 probe and the 2D fallback (forced, missing WebGL 2, or a scene
 * that failed), the orbit controls with the optional idle spin (never under prefers-reduced-motion), and the
 * orbit's words for the live readout.
 */
export function useView3d(initialOrbit: OrbitState, autoRotate: boolean, forceFallback: boolean): View3d {
  const webgl = useWebGl2(forceFallback);
  const reducedMotion = useReducedMotion();
  const controls = useOrbitControls(initialOrbit, autoRotate, reducedMotion);
  const [glError, setGlError] = useState<string | null>(null);
  const mode: View3dMode = webgl === null ? 'probing' : webgl && !glError ? '3d' : '2d';
  const { orbit, spinning } = controls;
  return {
    mode,
    controls,
    onGlError: setGlError,
    fallbackReason: glError
      ? `The 3D view failed (${glError})`
      : forceFallback
        ? 'The 2D view was requested'
        : 'WebGL 2 is not available in this browser',
    dataAttributes: {
      'data-mode': mode,
      'data-azimuth': Math.round(orbit.azimuth),
      'data-elevation': Math.round(orbit.elevation),
      'data-distance': orbit.distance.toFixed(2),
      'data-spinning': spinning,
    },
    readout:
      mode !== '3d'
        ? ''
        : ` View: ${describeOrbit(orbit)}.${autoRotate && reducedMotion ? ' Auto-rotation is off: your system asks for reduced motion.' : ''}`,
  };
}
