/**
 * Hash routes, so the built site works under any path of any static server (no server rewrites needed). Not from
 * file://: Chromium refuses module scripts and fetch() of the models from a file URL; offline, `npm run talk`
 * serves dist/ on 127.0.0.1 (scripts/talk.mjs).
 *   #/                 landing
 *   #/learn/<chapter>  a chapter
 *   #/playground       the recall playground
 *   #/talk/<n>         talk-mode scene n (1-based)
 * anything else is "not found". Shared state rides after the path as a query: #/playground?v=1&… .
 */
export const CHAPTERS = [
  { slug: 'attention', numeral: 'I', title: 'Attention and its sparse cousins' },
  { slug: 'recurrence', numeral: 'II', title: 'Recurrence returns: linear RNNs, SSMs and hybrids' },
  { slug: 'systems', numeral: 'III', title: 'Making attention cheaper in practice' },
  { slug: 'conclusion', numeral: 'IV', title: 'Conclusion: the frontier of state and recall' },
] as const;

export type ChapterSlug = (typeof CHAPTERS)[number]['slug'];

export type Route =
  | { name: 'landing' }
  | { name: 'chapter'; chapter: ChapterSlug }
  | { name: 'playground' }
  | { name: 'talk'; scene: number }
  | { name: 'notFound'; path: string };

const isChapter = (s: string): s is ChapterSlug => CHAPTERS.some((c) => c.slug === s);

/** Splits a location hash into the route path and the query string (without '?'). */
export function splitHash(hash: string): { path: string; query: string } {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  return { path: path === '' ? '/' : path, query: q < 0 ? '' : raw.slice(q + 1) };
}

export function parseRoute(path: string): Route {
  const parts = path.split('/').filter(Boolean);
  if (parts.length === 0) return { name: 'landing' };
  if (parts[0] === 'playground' && parts.length === 1) return { name: 'playground' };
  if (parts[0] === 'learn' && parts.length === 2 && isChapter(parts[1]))
    return { name: 'chapter', chapter: parts[1] };
  if (parts[0] === 'talk' && parts.length <= 2) {
    if (parts.length === 1) return { name: 'talk', scene: 1 };
    if (/^[1-9][0-9]{0,2}$/.test(parts[1])) return { name: 'talk', scene: Number(parts[1]) };
  }
  return { name: 'notFound', path };
}

export function routePath(route: Route): string {
  switch (route.name) {
    case 'landing':
      return '/';
    case 'chapter':
      return `/learn/${route.chapter}`;
    case 'playground':
      return '/playground';
    case 'talk':
      return `/talk/${route.scene}`;
    case 'notFound':
      return route.path;
  }
}

/** The href of a route, keeping an optional query (shared state). */
export function routeHref(route: Route, query = ''): string {
  return `#${routePath(route)}${query ? `?${query}` : ''}`;
}
