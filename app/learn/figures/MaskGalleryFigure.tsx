import { useMemo } from 'react';
import { MaskGallery } from '../../../components/MaskGallery/MaskGallery';
import { defaultMaskEntries } from '../../../components/MaskGallery/maskEntries';

interface MaskGalleryFigureProps {
  /** Sequence length T. */
  seqLen?: number;
}

/** Every fixed sparse family side by side (the component library's gallery), with density, FLOPs and reach. */
export function MaskGalleryFigure({ seqLen = 32 }: MaskGalleryFigureProps) {
  const entries = useMemo(() => defaultMaskEntries(seqLen, false), [seqLen]);
  return (
    <figure className="figure" data-testid="mask-gallery">
      <MaskGallery
        entries={entries}
        seqLen={seqLen}
        label={`Sparse attention patterns on ${seqLen} tokens`}
      />
      <figcaption>
        The fixed families at T = {seqLen}, each with the share of causal pairs it computes and how many
        positions a query can reach as layers stack.
      </figcaption>
    </figure>
  );
}
