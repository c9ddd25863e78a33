import type { ReactNode } from 'react';

interface ScrollRegionProps {
  /** Accessible name of the region (what the wide content is). */
  label: string;
  /** The wide content (a table). */
  children: ReactNode;
}

/** A horizontally scrollable region that keyboard users can focus and scroll. */
export function ScrollRegion({ label, children }: ScrollRegionProps) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to scroll by keyboard
    <section className="table-scroll" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
