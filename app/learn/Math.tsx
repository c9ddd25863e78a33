import katex from 'katex';
import { useMemo } from 'react';

interface MathProps {
  /** TeX source. */
  tex: string;
}

function render(tex: string, displayMode: boolean): string {
  // KaTeX escapes its input; throwOnError false shows a bad formula in red instead of breaking the page.
  return katex.renderToString(tex, { displayMode, throwOnError: false, output: 'htmlAndMathml' });
}

/** Inline math. */
export function M({ tex }: MathProps) {
  const html = useMemo(() => render(tex, false), [tex]);
  // biome-ignore lint/security/noDangerouslySetInnerHtml: KaTeX output of our own chapter text
  return <span className="math" dangerouslySetInnerHTML={{ __html: html }} />;
}

/** Display math (a centred equation). */
export function Eq({ tex }: MathProps) {
  const html = useMemo(() => render(tex, true), [tex]);
  // biome-ignore lint/security/noDangerouslySetInnerHtml: KaTeX output of our own chapter text
  return <div className="math-display" dangerouslySetInnerHTML={{ __html: html }} />;
}
