/**
 * Chapter III's live figures, from the component library with data computed by the engine: FlashAttention's
 * tiling schedule, ring attention across simulated devices (checked against the reference), MoE top-k routing.
 */
import { useMemo } from 'react';
import { FlashAttentionTiling } from '../../../components/FlashAttentionTiling/FlashAttentionTiling';
import { MoeRouting } from '../../../components/MoeRouting/MoeRouting';
import { RingAttention } from '../../../components/RingAttention/RingAttention';
import type { AttentionInputs } from '../../../simulations/attention/causalSoftmaxAttention';
import { routerLogits } from '../../../simulations/moe/topKRouting';
import { createRng } from '../../../simulations/random/rng';

/** FlashAttention on 16 tokens with an SRAM of 64 floats: which tiles move between HBM and SRAM, step by step. */
export function FlashTilingFigure() {
  return (
    <figure className="figure" data-testid="flash-figure">
      <FlashAttentionTiling
        seqLen={16}
        headDim={4}
        sramFloats={64}
        causal
        label="FlashAttention tiling, T = 16"
      />
      <figcaption>
        Step through the schedule: key and value tiles stream through SRAM past each query tile, and the
        counters compare HBM traffic with standard attention’s.
      </figcaption>
    </figure>
  );
}

function seededInputs(heads: number, seqLen: number, headDim: number, seed: number): AttentionInputs {
  const rng = createRng(seed);
  const fill = () => Float32Array.from({ length: heads * seqLen * headDim }, () => rng.nextNormal());
  return { q: fill(), k: fill(), v: fill(), heads, seqLen, headDim };
}

/** Ring attention of 16 tokens over 4 simulated devices, on seeded projections. */
export function RingFigure() {
  const inputs = useMemo(() => seededInputs(1, 16, 4, 5), []);
  return (
    <figure className="figure" data-testid="ring-figure">
      <RingAttention inputs={inputs} devices={4} label="Ring attention over 4 devices" />
      <figcaption>
        Each device keeps its query block; key–value blocks travel around the ring, one hop per round. After
        the last round every device holds exact attention for its queries.
      </figcaption>
    </figure>
  );
}

const SENTENCE = 'the cat sat on the mat and the dog ate my hat'.split(' ');

/** Top-2 routing of a sentence over 4 experts, with router logits from seeded embeddings and weights. */
export function MoeFigure() {
  const logits = useMemo(() => {
    const d = 8;
    const E = 4;
    const rng = createRng(11);
    const x = Float32Array.from({ length: SENTENCE.length * d }, () => rng.nextNormal());
    const w = Float32Array.from({ length: d * E }, () => rng.nextNormal() / Math.sqrt(d));
    return routerLogits(x, w, SENTENCE.length, d, E);
  }, []);
  return (
    <figure className="figure" data-testid="moe-figure">
      <MoeRouting
        logits={logits}
        tokens={SENTENCE}
        experts={4}
        k={2}
        capacityFactor={1.25}
        label="Top-2 routing over 4 experts"
      />
      <figcaption>
        A random (untrained) router: each token goes to its two highest-scoring experts; with a capacity
        factor of 1.25 an over-subscribed expert drops the tokens that do not fit.
      </figcaption>
    </figure>
  );
}
