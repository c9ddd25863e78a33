/**
 * The parameters of a bank of S4D channels, shared by the S4D layer and H3's diagonal SSM: names (with a
 * prefix), shapes and inits (architectures.md §3.5), and reading channel c back as an `S4DChannel`.
 *   <p>log_dt [C] ~ U[log 1e-3, log 1e-1];  <p>log_A_real [C, M] = log ½;  <p>A_imag [C, M] (S4D-Lin πn or
 *   S4D-Inv (N/π)(N/(2n+1) − 1));  <p>C [C, M, 2] ~ 𝒩(0, ½) per part;  skip D [C] ~ 𝒩(0, 1).
 */
import type { S4DChannel } from '../../ssm/s4d';
import type { ParamSpec } from '../mixerRegistry';

const DT_MIN = Math.log(1e-3);
const DT_MAX = Math.log(1e-1);

export function s4dParamSpecs(
  prefix: string,
  skipName: string,
  channels: number,
  N: number,
  init: 'lin' | 'inv',
): Record<string, ParamSpec> {
  const M = N / 2;
  const imag = (n: number) => (init === 'lin' ? Math.PI * n : (N / Math.PI) * (N / (2 * n + 1) - 1));
  return {
    [`${prefix}log_dt`]: {
      shape: [channels],
      init: { generate: (_, rng) => DT_MIN + rng.nextFloat() * (DT_MAX - DT_MIN) },
      noWeightDecay: true,
    },
    [`${prefix}log_A_real`]: {
      shape: [channels, M],
      init: { generate: () => Math.log(0.5) },
      noWeightDecay: true,
    },
    [`${prefix}A_imag`]: {
      shape: [channels, M],
      init: { generate: (i) => imag(i % M) },
      noWeightDecay: true,
    },
    [`${prefix}C`]: { shape: [channels, M, 2], init: { normal: Math.SQRT1_2 } },
    [skipName]: { shape: [channels], init: { normal: 1 }, noWeightDecay: true },
  };
}

export function s4dChannelFromParams(
  params: Readonly<Record<string, Float32Array>>,
  prefix: string,
  skipName: string,
  c: number,
  M: number,
): S4DChannel {
  const slice = (name: string) => Float64Array.from(params[`${prefix}${name}`].subarray(c * M, (c + 1) * M));
  const C = params[`${prefix}C`];
  return {
    logDt: params[`${prefix}log_dt`][c],
    logAReal: slice('log_A_real'),
    aImag: slice('A_imag'),
    cReal: Float64Array.from({ length: M }, (_, n) => C[(c * M + n) * 2]),
    cImag: Float64Array.from({ length: M }, (_, n) => C[(c * M + n) * 2 + 1]),
    d: params[skipName][c],
  };
}
