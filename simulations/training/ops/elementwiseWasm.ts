/**
 * The float32 path of the elementwise ops that every step runs many times (elementwise.ts has the math):
 * sums, products, column slices and the activations sigmoid, SiLU, softplus and −exp, through the kernels of
 * simulations/wasm/assembly/train/elementwise.ts, split across the team's threads by element or row.
 */
import type { Tape, Var } from '../tape';
import type { TrainKernels } from '../trainKernels';

const off = (kernels: TrainKernels, a: Var['data']) => kernels.offset(a);

export function addWasm(tape: Tape, kernels: TrainKernels, a: Var, b: Var): Var {
  const n = a.data.length;
  const out = tape.var(tape.output(n), a.shape);
  kernels.run('addForward', [off(kernels, a.data), off(kernels, b.data), off(kernels, out.data)], n, {
    align: 4,
    work: n,
  });
  tape.record(() => {
    const g = off(kernels, out.grad);
    kernels.run('accumulate', [g, off(kernels, a.grad)], n, { align: 4, work: n });
    kernels.run('accumulate', [g, off(kernels, b.grad)], n, { align: 4, work: n });
  });
  return out;
}

export function mulWasm(tape: Tape, kernels: TrainKernels, a: Var, b: Var): Var {
  const n = a.data.length;
  const out = tape.var(tape.output(n), a.shape);
  const [pa, pb] = [off(kernels, a.data), off(kernels, b.data)];
  kernels.run('mulForward', [pa, pb, off(kernels, out.data)], n, { align: 4, work: n });
  tape.record(() => {
    const args = [off(kernels, out.grad), pa, pb, off(kernels, a.grad), off(kernels, b.grad)];
    kernels.run('mulBackward', args, n, { align: 4, work: 2 * n });
  });
  return out;
}

/** Activation codes of the unary kernels. */
export const WASM_UNARY: Readonly<Record<string, number>> = { sigmoid: 0, silu: 1, softplus: 2, negExp: 3 };

export function unaryWasm(tape: Tape, kernels: TrainKernels, code: number, x: Var): Var {
  const n = x.data.length;
  const out = tape.var(tape.output(n), x.shape);
  const px = off(kernels, x.data);
  kernels.run('unaryForward', [code, px, off(kernels, out.data)], n, { work: 8 * n });
  tape.record(() => {
    const args = [code, off(kernels, out.grad), px, off(kernels, out.data), off(kernels, x.grad)];
    kernels.run('unaryBackward', args, n, { work: 8 * n });
  });
  return out;
}

export function columnsWasm(tape: Tape, kernels: TrainKernels, x: Var, from: number, width: number): Var {
  const [R, C] = [x.rows, x.cols];
  const out = tape.var(tape.output(R * width), [R, width]);
  kernels.run('columnSlice', [off(kernels, x.data), off(kernels, out.data), C, from, width, 0], R, {
    work: R * width,
  });
  tape.record(() => {
    const args = [off(kernels, x.grad), off(kernels, out.grad), C, from, width, 1];
    kernels.run('columnSlice', args, R, { work: R * width });
  });
  return out;
}
