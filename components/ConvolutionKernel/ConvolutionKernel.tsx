import type { JSX } from 'react';
import type { ChartSeries } from '../shared/chartScales';
import { formatNumber } from '../shared/format';
import { SeriesChart } from '../shared/SeriesChart';
import { outputDifference, outputsAgree } from './kernelDifference';
import './ConvolutionKernel.css';

/** One convolution kernel K_0 … K_{L−1} (one channel of S4D, Hyena, H3, …). */
export interface KernelCurve {
  /** Stable identity, e.g. "s4d-c0". */
  id: string;
  /** Legend name, e.g. "S4D channel 0". */
  name: string;
  /** K_ℓ for lags ℓ = 0 … L−1. */
  values: ArrayLike<number>;
}

/** The same layer computed two ways over an input u_0 … u_{T−1}. */
export interface KernelEquivalence {
  /** What was run, e.g. "S4D channel 0 on a random input". */
  label: string;
  /** Output of the recurrence h_t = Ā h_{t−1} + B u_t, y_t = C h_t (+ D u_t). */
  recurrent: ArrayLike<number>;
  /** Output of the convolution y = K ∗ u (+ D u). */
  convolution: ArrayLike<number>;
}

export interface ConvolutionKernelProps {
  /** Title of the kernel chart; also its accessible name. */
  title: string;
  /** The kernels to draw over lags. */
  kernels: readonly KernelCurve[];
  /** Plot |K_ℓ| on a log axis to show how fast the kernel forgets. @default false */
  magnitude?: boolean;
  /** Recurrence and convolution outputs to overlay, with their largest difference reported. */
  equivalence?: KernelEquivalence;
  /** Relative difference below which the two forms count as equal. @default 1e-6 */
  tolerance?: number;
  /** Width of each chart in CSS px. @default 520 */
  width?: number;
  /** Height of each chart in CSS px. @default 280 */
  height?: number;
}

const toSeries = (id: string, name: string, values: ArrayLike<number>, transform = (v: number) => v) => ({
  id,
  name,
  points: Array.from(values, (v, i) => ({ x: i, y: transform(v) })),
});

/**
 * A long-convolution view: the kernel K over lags ℓ (what a token ℓ steps back contributes), and — for an LTI
 * SSM such as S4D — the recurrence ↔ convolution equivalence: both outputs overlaid, with the largest
 * difference reported in words (✓ equal to rounding, or ✗ with where they part).
 */
export function ConvolutionKernel({
  title,
  kernels,
  magnitude = false,
  equivalence,
  tolerance = 1e-6,
  width = 520,
  height = 280,
}: ConvolutionKernelProps): JSX.Element {
  const kernelSeries: ChartSeries[] = kernels.map((k) =>
    toSeries(k.id, k.name, k.values, magnitude ? Math.abs : undefined),
  );
  const diff = equivalence ? outputDifference(equivalence.recurrent, equivalence.convolution) : null;
  const agree = diff ? outputsAgree(diff, tolerance) : false;
  return (
    <section className="ba-conv-kernel" data-testid="convolution-kernel" aria-label={title}>
      <SeriesChart
        title={title}
        series={kernelSeries}
        xLabel="lag ℓ (tokens back)"
        yLabel={magnitude ? '|K_ℓ|' : 'K_ℓ'}
        yScale={magnitude ? 'log10' : 'linear'}
        width={width}
        height={height}
        description="Each line is one channel's kernel: the weight a token ℓ steps back gets in the output."
      />
      {equivalence && diff && (
        <>
          <SeriesChart
            title={`Recurrence vs convolution: ${equivalence.label}`}
            series={[
              { ...toSeries('recurrent', 'recurrence (scan)', equivalence.recurrent), styleIndex: 0 },
              {
                ...toSeries('convolution', 'convolution K ∗ u (dashed)', equivalence.convolution),
                styleIndex: 1,
                dash: '6 4',
              },
            ]}
            xLabel="position t"
            yLabel="output y_t"
            width={width}
            height={height}
            description="The two outputs are drawn on top of each other; where they coincide only one line shows."
          />
          <p
            className="ba-conv-kernel__verdict"
            data-testid="equivalence-verdict"
            data-agree={agree}
            role="status"
          >
            <span aria-hidden="true" className="ba-conv-kernel__mark">
              {agree ? '✓' : '✗'}
            </span>{' '}
            {diff.lengthMismatch
              ? `The outputs have different lengths (${equivalence.recurrent.length} vs ${equivalence.convolution.length}): not the same computation. `
              : ''}
            {diff.nonFinite > 0
              ? `${diff.nonFinite} output ${diff.nonFinite === 1 ? 'value is' : 'values are'} NaN or infinite: the forms cannot be compared.`
              : `Largest difference |y_rec − y_conv| = ${formatNumber(diff.max)}${
                  diff.at >= 0 ? ` at t = ${diff.at}` : ''
                } (${formatNumber(diff.relative)} of the largest output): ${
                  agree
                    ? `equal up to rounding (tolerance ${formatNumber(tolerance)}).`
                    : `the two forms differ by more than the tolerance ${formatNumber(tolerance)}.`
                }`}
          </p>
        </>
      )}
    </section>
  );
}
