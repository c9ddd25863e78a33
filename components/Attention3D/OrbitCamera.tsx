import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { type OrbitState, orbitPosition } from './orbit';

export interface OrbitCameraProps {
  /** Where the camera sits on its sphere. */
  orbit: OrbitState;
  /** The point it looks at. */
  target: readonly [number, number, number];
}

/** Puts the r3f camera where the orbit state says and asks for one frame (the canvas renders on demand). */
export function OrbitCamera({ orbit, target }: OrbitCameraProps) {
  const camera = useThree((s) => s.camera);
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    camera.position.set(...orbitPosition(orbit, target));
    camera.lookAt(target[0], target[1], target[2]);
    camera.updateProjectionMatrix();
    invalidate();
  }, [camera, invalidate, orbit, target]);
  return null;
}
