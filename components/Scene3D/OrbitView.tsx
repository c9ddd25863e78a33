import { Canvas } from '@react-three/fiber';
import type { KeyboardEvent, ReactNode } from 'react';
import { OrbitCamera } from './OrbitCamera';
import type { OrbitControls } from './useOrbitControls';
import { WebGlBoundary } from './WebGlBoundary';

export interface OrbitViewProps {
  /** The orbit state and its keyboard, pointer and wheel handlers (useOrbitControls). */
  controls: OrbitControls;
  /** The point the camera orbits and looks at. */
  target: readonly [number, number, number];
  /** Class of the focusable element around the canvas. */
  className: string;
  /** aria-roledescription, e.g. "3D attention view". */
  roleDescription: string;
  /** Accessible name: what the view shows, in words. */
  label: string;
  /** Id of the element that describes the keys. */
  describedBy: string;
  /** Size of the view in CSS px. */
  width: number;
  height: number;
  /** Keys the view handles before the orbit keys (e.g. [ and ] to step); answers true when it handled one. */
  onKey?: (e: KeyboardEvent<HTMLElement>) => boolean;
  /** Called with the message when the WebGL scene throws (the caller then falls back to 2D). */
  onError: (message: string) => void;
  /** The scene: meshes and sprites of @react-three/fiber. */
  children: ReactNode;
}

/**
 * The 3D views' shared frame: a focusable `role="application"` element that owns the orbit keys, drag and wheel,
 * around an @react-three/fiber canvas that renders on demand (continuously only while the idle spin runs) with
 * the orbit camera, inside an error boundary that reports a failed WebGL scene instead of breaking the page.
 */
export function OrbitView({
  controls,
  target,
  className,
  roleDescription,
  label,
  describedBy,
  width,
  height,
  onKey,
  onError,
  children,
}: OrbitViewProps) {
  const { orbit, spinning, absorbSpin, handlers, wheelRef } = controls;
  return (
    <div
      ref={wheelRef}
      className={className}
      // "application": the view handles the arrow keys itself; the readout beside it is its live text
      role="application"
      aria-roledescription={roleDescription}
      aria-label={label}
      aria-describedby={describedBy}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: role="application" is a focusable widget with its own keys
      tabIndex={0}
      style={{ width, height }}
      {...handlers}
      onKeyDown={(e) => {
        if (onKey?.(e)) return;
        handlers.onKeyDown(e);
      }}
    >
      <WebGlBoundary
        fallback={(error) => {
          queueMicrotask(() => onError(error.message));
          return null;
        }}
      >
        <Canvas
          frameloop={spinning ? 'always' : 'demand'}
          camera={{ fov: 32, near: 0.05, far: 200 }}
          dpr={[1, 2]}
          gl={{ antialias: true, preserveDrawingBuffer: true }}
        >
          <OrbitCamera orbit={orbit} target={target} spin={spinning} onSpinStop={absorbSpin} />
          {children}
        </Canvas>
      </WebGlBoundary>
    </div>
  );
}
