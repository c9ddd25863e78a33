import { useMemo } from 'react';
import { ScanTree } from '../../../components/ScanTree/ScanTree';
import { createRng } from '../../../simulations/random/rng';

interface ScanFigureProps {
  /** Length of the recurrence. */
  n?: number;
  /** Seed of the decays and inputs. */
  seed?: number;
}

/** A scalar linear recurrence h_t = a_t·h_{t−1} + b_t solved by parallel-scan networks, with real values. */
export function ScanFigure({ n = 8, seed = 3 }: ScanFigureProps) {
  const { a, b } = useMemo(() => {
    const rng = createRng(seed);
    const round = (x: number) => Math.round(x * 100) / 100;
    return {
      a: Array.from({ length: n }, () => round(0.5 + 0.5 * rng.nextFloat())),
      b: Array.from({ length: n }, () => round(rng.nextFloat() * 2 - 1)),
    };
  }, [n, seed]);
  return (
    <figure className="figure">
      <ScanTree a={a} b={b} label={`Parallel scan of a ${n}-step linear recurrence`} width={560} />
      <figcaption>
        Each wire carries a pair (a, b); combining (a₁, b₁) then (a₂, b₂) gives (a₂a₁, a₂b₁ + b₂). Because
        that combination is associative, the {n} steps can be solved in log₂{n} = {Math.log2(n)} levels
        instead of {n}.
      </figcaption>
    </figure>
  );
}
