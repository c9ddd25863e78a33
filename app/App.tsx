import { lazy, Suspense } from 'react';
import { Layout } from './layout/Layout';
import { NotFoundPage } from './layout/NotFoundPage';
import { LandingPage } from './pages/LandingPage';
import { useRoute } from './router/useRoute';

// Everything but the start page loads on demand, so the landing page's JavaScript stays small.
const ChapterPage = lazy(() => import('./learn/ChapterPage'));
const PlaygroundPage = lazy(() => import('./playground/PlaygroundPage'));
const TalkPage = lazy(() => import('./talk/TalkPage'));

export function App() {
  const route = useRoute();
  if (route.name === 'talk') {
    return (
      <Suspense fallback={<p role="status">Loading talk mode…</p>}>
        <TalkPage scene={route.scene} />
      </Suspense>
    );
  }
  return (
    <Layout route={route}>
      <Suspense fallback={<p role="status">Loading…</p>}>
        {route.name === 'landing' && <LandingPage />}
        {route.name === 'chapter' && <ChapterPage chapter={route.chapter} />}
        {route.name === 'playground' && <PlaygroundPage />}
        {route.name === 'notFound' && <NotFoundPage path={route.path} />}
      </Suspense>
    </Layout>
  );
}
