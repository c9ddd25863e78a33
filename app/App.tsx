import { AttentionSlicePage } from './pages/AttentionSlicePage';

export function App() {
  return (
    <>
      <header className="site-header">
        <p className="site-title">Beyond Attention</p>
        <p className="site-tagline">
          Is attention all you need? Edit a sequence and watch the models recall.
        </p>
      </header>
      <main>
        <AttentionSlicePage />
      </main>
    </>
  );
}
