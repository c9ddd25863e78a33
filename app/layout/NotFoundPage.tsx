import { CHAPTERS } from '../router/routes';

interface NotFoundPageProps {
  /** The path that did not match. */
  path: string;
}

/** An unknown path: say so, and offer every real page. */
export function NotFoundPage({ path }: NotFoundPageProps) {
  return (
    <article className="page" data-testid="not-found">
      <h1>Page not found</h1>
      <p>
        There is no page at <code>{path}</code>. Try one of these:
      </p>
      <ul>
        <li>
          <a href="#/">The start page</a>
        </li>
        {CHAPTERS.map((c) => (
          <li key={c.slug}>
            <a href={`#/learn/${c.slug}`}>
              Chapter {c.numeral}: {c.title}
            </a>
          </li>
        ))}
        <li>
          <a href="#/playground">The recall playground</a>
        </li>
        <li>
          <a href="#/talk/1">Talk mode</a>
        </li>
      </ul>
    </article>
  );
}
