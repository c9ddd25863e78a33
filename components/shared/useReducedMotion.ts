import { useEffect, useState } from 'react';

const QUERY = '(prefers-reduced-motion: reduce)';

/**
 * True while the user's system asks for reduced motion (followed live); `override` (a component's prop) wins
 * when it is a boolean. The one reduced-motion hook of the library and the app.
 */
export function useReducedMotion(override?: boolean): boolean {
  const [prefers, setPrefers] = useState(
    () =>
      typeof window !== 'undefined' &&
      typeof window.matchMedia === 'function' &&
      window.matchMedia(QUERY).matches,
  );
  useEffect(() => {
    if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return;
    const media = window.matchMedia(QUERY);
    const update = () => setPrefers(media.matches);
    update();
    media.addEventListener('change', update);
    return () => media.removeEventListener('change', update);
  }, []);
  return override ?? prefers;
}
