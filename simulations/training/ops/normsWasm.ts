/**
 * The float32 path of layerNorm and rmsNorm (norms.ts has the math): rows split across threads, the γ/β
 * gradients (sums over rows) split by column. Kernels: simulations/wasm/assembly/train/norms.ts.
 */
import type { Tape, Var } from '../tape';
import type { TrainKernels } from '../trainKernels';

export function layerNormWasm(
  tape: Tape,
  kernels: TrainKernels,
  x: Var,
  gamma: Var,
  beta: Var,
  eps: number,
): Var {
  const [R, d] = [x.rows, x.cols];
  const off = (a: Var['data']) => kernels.offset(a);
  const out = tape.var(tape.output(R * d), [R, d]);
  const xhat = tape.floats(R * d);
  const inv = tape.floats(R);
  kernels.run(
    'layerNormForward',
    [off(x.data), off(gamma.data), off(beta.data), off(out.data), off(xhat), off(inv), R, d, eps],
    R,
    { work: 4 * R * d },
  );
  tape.record(() => {
    const dy = off(out.grad);
    kernels.run('layerNormBackward', [dy, off(gamma.data), off(xhat), off(inv), off(x.grad), R, d], R, {
      work: 4 * R * d,
    });
    kernels.run('layerNormParamGrads', [dy, off(xhat), off(gamma.grad), off(beta.grad), R, d], d, {
      work: 2 * R * d,
    });
  });
  return out;
}

export function rmsNormWasm(tape: Tape, kernels: TrainKernels, x: Var, gamma: Var, eps: number): Var {
  const [R, d] = [x.rows, x.cols];
  const off = (a: Var['data']) => kernels.offset(a);
  const out = tape.var(tape.output(R * d), [R, d]);
  const inv = tape.floats(R);
  kernels.run('rmsNormForward', [off(x.data), off(gamma.data), off(out.data), off(inv), R, d, eps], R, {
    work: 3 * R * d,
  });
  tape.record(() => {
    const dy = off(out.grad);
    kernels.run('rmsNormBackward', [dy, off(x.data), off(gamma.data), off(inv), off(x.grad), R, d], R, {
      work: 4 * R * d,
    });
    kernels.run('rmsNormParamGrads', [dy, off(x.data), off(inv), off(gamma.grad), R, d], d, {
      work: 2 * R * d,
    });
  });
  return out;
}
