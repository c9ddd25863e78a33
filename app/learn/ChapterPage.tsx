import 'katex/dist/katex.min.css';
import { type ComponentType, lazy, Suspense } from 'react';
import { CHAPTERS, type ChapterSlug } from '../router/routes';

const CONTENT: Record<ChapterSlug, ComponentType> = {
  attention: lazy(() => import('./chapters/attention.mdx')),
  recurrence: lazy(() => import('./chapters/recurrence.mdx')),
  systems: lazy(() => import('./chapters/systems.mdx')),
  conclusion: lazy(() => import('./chapters/conclusion.mdx')),
};

interface ChapterPageProps {
  /** Which chapter to show. */
  chapter: ChapterSlug;
}

/** One chapter of the explainer, with links to its neighbours. */
export default function ChapterPage({ chapter }: ChapterPageProps) {
  const i = CHAPTERS.findIndex((c) => c.slug === chapter);
  const meta = CHAPTERS[i];
  const Content = CONTENT[chapter];
  const prev = CHAPTERS[i - 1];
  const next = CHAPTERS[i + 1];
  return (
    <article className="page chapter" data-testid="chapter" data-chapter={chapter}>
      <p className="chapter-kicker">Chapter {meta.numeral}</p>
      <h1>{meta.title}</h1>
      <Suspense fallback={<p role="status">Loading the chapter…</p>}>
        <Content />
      </Suspense>
      <nav className="chapter-nav" aria-label="Chapters">
        {prev ? <a href={`#/learn/${prev.slug}`}>← {prev.title}</a> : <a href="#/">← Start</a>}
        {next ? (
          <a href={`#/learn/${next.slug}`}>{next.title} →</a>
        ) : (
          <a href="#/playground">The playground →</a>
        )}
      </nav>
    </article>
  );
}
