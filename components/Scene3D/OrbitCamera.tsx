import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useRef } from 'react';
import { type OrbitState, orbitPosition } from './orbit';

/** Degrees per second of the idle spin. */
export const SPIN_SPEED = 12;

export interface OrbitCameraProps {
  /** Where the camera sits on its sphere. */
  orbit: OrbitState;
  /** The point it looks at. */
  target: readonly [number, number, number];
  /** Turn slowly around the vertical axis, frame by frame (the canvas must render continuously). */
  spin?: boolean;
  /** Called with the degrees the spin turned when it stops, to fold them into the orbit state. */
  onSpinStop?: (degrees: number) => void;
}

/**
 * Puts the r3f camera where the orbit state says and asks for one frame (the canvas renders on demand). The
 * idle spin adds an azimuth offset per frame here, so that React does not re-render the whole view 60 times a
 * second.
 */
export function OrbitCamera({ orbit, target, spin = false, onSpinStop }: OrbitCameraProps) {
  const camera = useThree((s) => s.camera);
  const invalidate = useThree((s) => s.invalidate);
  const offset = useRef(0);

  useEffect(() => {
    if (spin || offset.current === 0) return;
    const turned = offset.current;
    offset.current = 0;
    onSpinStop?.(turned);
  }, [spin, onSpinStop]);

  useEffect(() => {
    camera.position.set(...orbitPosition({ ...orbit, azimuth: orbit.azimuth + offset.current }, target));
    camera.lookAt(target[0], target[1], target[2]);
    camera.updateProjectionMatrix();
    invalidate();
  }, [camera, invalidate, orbit, target]);

  useFrame((_, delta) => {
    if (!spin) return;
    offset.current += delta * SPIN_SPEED;
    camera.position.set(...orbitPosition({ ...orbit, azimuth: orbit.azimuth + offset.current }, target));
    camera.lookAt(target[0], target[1], target[2]);
  });
  return null;
}
