/** The current hash route as React state; re-renders on navigation (links, back/forward, pasted links). */
import { useSyncExternalStore } from 'react';
import { parseRoute, type Route, splitHash } from './routes';

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

const currentPath = () => splitHash(window.location.hash).path;

let cachedPath = '';
let cachedRoute: Route = { name: 'landing' };
function snapshot(): Route {
  const path = currentPath();
  if (path !== cachedPath || cachedPath === '') {
    cachedPath = path;
    cachedRoute = parseRoute(path);
  }
  return cachedRoute;
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, snapshot, () => ({ name: 'landing' }));
}

/** Navigates to a path, keeping the current query (the shared state). */
export function navigate(path: string): void {
  const { query } = splitHash(window.location.hash);
  window.location.hash = `${path}${query ? `?${query}` : ''}`;
}
