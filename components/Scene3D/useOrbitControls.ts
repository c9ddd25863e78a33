import { type KeyboardEvent, type PointerEvent, useCallback, useReducer, useRef, useState } from 'react';
import { type OrbitIntent, type OrbitState, orbitIntentForKey, reduceOrbit } from './orbit';

/** Degrees per dragged pixel. */
const DRAG_DEGREES = 0.4;

export interface OrbitControls {
  orbit: OrbitState;
  /** True while the idle spin runs (never under reduced motion, and it stops at the first interaction). The
   *  spin itself turns the camera inside the WebGL scene (OrbitCamera), without re-rendering React. */
  spinning: boolean;
  dispatch: (intent: OrbitIntent) => void;
  /** Folds the azimuth the idle spin turned (degrees) into the orbit state when the spin stops. */
  absorbSpin: (degrees: number) => void;
  /** Spread on the focusable element that owns the view. */
  handlers: {
    onKeyDown: (e: KeyboardEvent<HTMLElement>) => void;
    onPointerDown: (e: PointerEvent<HTMLElement>) => void;
    onPointerMove: (e: PointerEvent<HTMLElement>) => void;
    onPointerUp: (e: PointerEvent<HTMLElement>) => void;
  };
  /** Attach to the same element: wheel zoom needs a non-passive native listener. */
  wheelRef: (el: HTMLElement | null) => void;
}

/** Keyboard, pointer and wheel orbiting over the pure reducer in orbit.ts, plus the optional idle spin. */
export function useOrbitControls(
  initial: OrbitState,
  autoRotate: boolean,
  reducedMotion: boolean,
): OrbitControls {
  const [orbit, dispatchOrbit] = useReducer(
    (s: OrbitState, intent: OrbitIntent) => reduceOrbit(s, intent, initial),
    initial,
  );
  const [interacted, setInteracted] = useState(false);
  const spinning = autoRotate && !reducedMotion && !interacted;
  const drag = useRef<{ x: number; y: number } | null>(null);

  const dispatch = useCallback((intent: OrbitIntent) => {
    setInteracted(true);
    dispatchOrbit(intent);
  }, []);

  const absorbSpin = useCallback((degrees: number) => {
    dispatchOrbit({ type: 'rotate', azimuth: degrees, elevation: 0 });
  }, []);

  const wheelTarget = useRef<HTMLElement | null>(null);
  const onWheel = useCallback(
    (e: WheelEvent) => {
      e.preventDefault();
      dispatch({ type: 'zoom', factor: Math.exp(-e.deltaY * 0.001) });
    },
    [dispatch],
  );
  const wheelRef = useCallback(
    (el: HTMLElement | null) => {
      wheelTarget.current?.removeEventListener('wheel', onWheel);
      wheelTarget.current = el;
      el?.addEventListener('wheel', onWheel, { passive: false });
    },
    [onWheel],
  );

  return {
    orbit,
    spinning,
    dispatch,
    absorbSpin,
    wheelRef,
    handlers: {
      onKeyDown: (e) => {
        if (e.altKey || e.ctrlKey || e.metaKey) return;
        const intent = orbitIntentForKey(e.key);
        if (!intent) return;
        e.preventDefault();
        dispatch(intent);
      },
      onPointerDown: (e) => {
        drag.current = { x: e.clientX, y: e.clientY };
        e.currentTarget.setPointerCapture?.(e.pointerId);
      },
      onPointerMove: (e) => {
        if (!drag.current) return;
        const dx = e.clientX - drag.current.x;
        const dy = e.clientY - drag.current.y;
        drag.current = { x: e.clientX, y: e.clientY };
        if (dx !== 0 || dy !== 0)
          dispatch({ type: 'rotate', azimuth: -dx * DRAG_DEGREES, elevation: dy * DRAG_DEGREES });
      },
      onPointerUp: (e) => {
        drag.current = null;
        e.currentTarget.releasePointerCapture?.(e.pointerId);
      },
    },
  };
}
