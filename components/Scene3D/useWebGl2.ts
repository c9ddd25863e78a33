import { useEffect, useState } from 'react';

/** Whether this browser can create a WebGL 2 context (probed once on a throwaway canvas, then released). */
export function probeWebGl2(): boolean {
  if (typeof document === 'undefined') return false;
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (!gl) return false;
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return true;
  } catch {
    return false;
  }
}

/**
 * null until probed (the first render, and server rendering), then whether WebGL 2 works. `forceFallback`
 * answers false without probing, for tests and for users who prefer the 2D view.
 */
export function useWebGl2(forceFallback: boolean): boolean | null {
  const [available, setAvailable] = useState<boolean | null>(forceFallback ? false : null);
  useEffect(() => {
    setAvailable(forceFallback ? false : probeWebGl2());
  }, [forceFallback]);
  return forceFallback ? false : available;
}
