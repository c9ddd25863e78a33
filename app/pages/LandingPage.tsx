import { CHAPTERS } from '../router/routes';
import { AttentionSlicePage } from './AttentionSlicePage';

const SUMMARY: Record<string, string> = {
  attention:
    'Why every token paying attention to every other costs N², why most of that attention is local anyway, and the sparse patterns that exploit it.',
  recurrence:
    'RNNs come back as linear recurrences: state-space models, selective gating, the parallel scan — and the recall problem a fixed state cannot escape.',
  systems:
    'Keep exact attention and make it cheaper to run: FlashAttention’s tiling, ring attention across devices, mixtures of experts, a smaller KV cache.',
  conclusion: 'Our own tiny models, measured: how much state buys how much recall.',
};

/** The start page: the question, the way through the chapters, and a live attention demo. */
export function LandingPage() {
  return (
    <div className="landing">
      <section className="hero">
        <h1>Is attention all you need?</h1>
        <p className="lede">
          A Transformer remembers everything it has read: each new token looks back at every earlier one. That
          gives it perfect recall, and a memory and compute bill that grows with the text. Recurrent models —
          linear RNNs, state-space models — squeeze the past into a state of fixed size instead: constant
          memory, fast generation, but recall can fail. Hybrids try to have both. Here you can watch that
          trade-off happen, in tiny models running in your browser.
        </p>
        <p className="cta">
          <a className="button" href="#/learn/attention">
            Start reading
          </a>{' '}
          <a className="button button-secondary" href="#/playground">
            Open the playground
          </a>
        </p>
      </section>
      <nav aria-label="Chapters">
        <ol className="chapter-cards">
          {CHAPTERS.map((c) => (
            <li key={c.slug}>
              <a href={`#/learn/${c.slug}`}>
                <span className="chapter-numeral">{c.numeral}</span>
                <span className="chapter-title">{c.title}</span>
              </a>
              <p>{SUMMARY[c.slug]}</p>
            </li>
          ))}
        </ol>
      </nav>
      <AttentionSlicePage />
    </div>
  );
}
