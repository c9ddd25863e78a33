import { type ReactNode, useEffect, useRef } from 'react';
import { CHAPTERS, type Route, routePath } from '../router/routes';
import { Notices } from './Notices';

interface LayoutProps {
  /** The current route, to mark the active nav link. */
  route: Route;
  /** The page. */
  children: ReactNode;
}

const NAV: { label: string; path: string; active: (r: Route) => boolean }[] = [
  { label: 'Home', path: '/', active: (r) => r.name === 'landing' },
  ...CHAPTERS.map((c) => ({
    label: c.slug === 'conclusion' ? 'Conclusion' : `${c.numeral}. ${c.title.split(':')[0]}`,
    path: `/learn/${c.slug}`,
    active: (r: Route) => r.name === 'chapter' && r.chapter === c.slug,
  })),
  { label: 'Playground', path: '/playground', active: (r) => r.name === 'playground' },
  { label: 'Talk', path: '/talk/1', active: (r) => r.name === 'talk' },
];

/** Site header with the nav, the notices, and the page; focus moves to the page on navigation. */
export function Layout({ route, children }: LayoutProps) {
  const mainRef = useRef<HTMLElement>(null);
  const path = routePath(route);
  const lastPath = useRef(path);
  useEffect(() => {
    if (lastPath.current === path) return;
    lastPath.current = path;
    window.scrollTo(0, 0);
    mainRef.current?.focus({ preventScroll: true });
  }, [path]);
  return (
    <>
      <button type="button" className="skip-link" onClick={() => mainRef.current?.focus()}>
        Skip to content
      </button>
      <header className="site-header">
        <a className="site-title" href="#/">
          Beyond Attention
        </a>
        <nav aria-label="Site">
          <ul className="site-nav">
            {NAV.map((item) => (
              <li key={item.path}>
                <a href={`#${item.path}`} aria-current={item.active(route) ? 'page' : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <Notices />
      <main id="main" ref={mainRef} tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
