import { useMemo } from 'react';
import { ConvolutionKernel } from '../../../components/ConvolutionKernel/ConvolutionKernel';
import { createRng } from '../../../simulations/random/rng';
import { initS4DChannel, s4dConvolution, s4dKernel, s4dRecurrent } from '../../../simulations/ssm/s4d';

interface S4DKernelFigureProps {
  /** Kernel length L. */
  length?: number;
  /** Seed of the channels and the input. */
  seed?: number;
}

/**
 * The convolution view of an SSM: S4D channels (S4D-Lin and S4D-Inv initialisations) as kernels
 * K_ℓ = C Ā^ℓ B over lags, and the same channel run as a recurrence and as an FFT convolution on one input.
 */
export function S4DKernelFigure({ length = 64, seed = 2 }: S4DKernelFigureProps) {
  const { kernels, equivalence } = useMemo(() => {
    const rng = createRng(seed);
    const lin = initS4DChannel(8, 'lin', rng);
    const inv = initS4DChannel(8, 'inv', rng);
    const u = Array.from({ length }, () => rng.nextNormal());
    return {
      kernels: [
        { id: 's4d-lin', name: 'S4D-Lin channel', values: s4dKernel(lin, length) },
        { id: 's4d-inv', name: 'S4D-Inv channel', values: s4dKernel(inv, length) },
      ],
      equivalence: {
        label: 'S4D-Lin channel on a random input',
        recurrent: s4dRecurrent(lin, u).y,
        convolution: s4dConvolution(lin, u),
      },
    };
  }, [length, seed]);
  return (
    <figure className="figure">
      <ConvolutionKernel
        title={`S4D kernels over ${length} lags`}
        kernels={kernels}
        equivalence={equivalence}
        width={560}
        height={240}
      />
      <figcaption>
        Two S4D channels at initialisation, computed by our reference. The same channel run step by step
        (recurrence) and as one FFT convolution gives the same output, to rounding error.
      </figcaption>
    </figure>
  );
}
