import { describe, expect, it } from 'vitest';
import { CHAPTERS, parseRoute, type Route, routeHref, routePath, splitHash } from './routes';

describe('hash routes', () => {
  it('parses every route and formats it back to the same path', () => {
    const routes: Route[] = [
      { name: 'landing' },
      { name: 'playground' },
      { name: 'talk', scene: 3 },
      ...CHAPTERS.map((c) => ({ name: 'chapter' as const, chapter: c.slug })),
    ];
    for (const r of routes) expect(parseRoute(routePath(r))).toEqual(r);
  });

  it('splits the hash into path and query, with an empty hash meaning the landing page', () => {
    expect(splitHash('')).toEqual({ path: '/', query: '' });
    expect(splitHash('#')).toEqual({ path: '/', query: '' });
    expect(splitHash('#/playground?v=1&s=ant')).toEqual({ path: '/playground', query: 'v=1&s=ant' });
    expect(routeHref({ name: 'playground' }, 'v=1')).toBe('#/playground?v=1');
  });

  it('sends unknown paths, unknown chapters and bad scene numbers to not-found', () => {
    for (const p of ['/nope', '/learn', '/learn/zzz', '/talk/0', '/talk/x', '/talk/1/2', '/playground/x'])
      expect(parseRoute(p)).toEqual({ name: 'notFound', path: p });
    expect(parseRoute('/talk')).toEqual({ name: 'talk', scene: 1 });
  });
});
