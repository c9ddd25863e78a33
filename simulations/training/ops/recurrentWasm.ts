/**
 * The float32 path of the recurrent and convolution training ops — selective scan (Mamba), RG-LRU (Hawk,
 * Griffin), depthwise causal convolution, decayed linear attention (RetNet, GLA, Mamba-2) and feature-map
 * linear attention — through the kernels of simulations/wasm/assembly/train/ (their calls are documented in
 * simulations/wasm/train/recurrentKernels.ts; the math is in each op's TypeScript file). Each kernel call is split
 * across the team's threads over sequences, channels or (sequence, head) pairs.
 */
import type { Tape, Var } from '../tape';
import type { TrainKernels } from '../trainKernels';

type Data = Var['data'];

export function selectiveScanWasm(
  tape: Tape,
  kernels: TrainKernels,
  { x, delta, A, B, C, D }: { x: Var; delta: Var; A: Var; B: Var; C: Var; D: Var },
  T: number,
): Var {
  const off = (a: Data) => kernels.offset(a);
  const [R, Ch] = [x.rows, x.cols];
  const N = A.data.length / Ch;
  const nSeq = R / T;
  const out = tape.var(tape.output(R * Ch), [R, Ch]);
  const scratchFloats = kernels.call('selectiveScanScratchFloats', [T, N]);
  const inputs = [off(x.data), off(delta.data), off(A.data), off(B.data), off(C.data), off(D.data)];
  const work = R * Ch * N * 4;
  // The forward keeps the decays exp(Δ·A) for the backward (a third faster than recomputing them).
  const saved = tape.output(kernels.call('selectiveScanSavedFloats', [nSeq, T, Ch, N]));
  kernels.run('selectiveScanForward', [...inputs, off(out.data), off(saved), 0, T, Ch, N], nSeq, {
    work,
    scratchIndex: 8,
    scratchFloats,
  });
  tape.record(() => {
    const partial = tape.output(kernels.call('selectiveScanPartialFloats', [nSeq, Ch, N]));
    const grads = [off(x.grad), off(delta.grad), off(B.grad), off(C.grad)];
    kernels.run(
      'selectiveScanBackward',
      [...inputs, off(out.grad), ...grads, off(partial), off(saved), 0, nSeq, T, Ch, N],
      nSeq,
      { work: 3 * work, scratchIndex: 13, scratchFloats },
    );
    kernels.run('selectiveScanParamGrads', [off(partial), off(A.grad), off(D.grad), nSeq, Ch, N], Ch, {
      work: nSeq * Ch * N,
    });
  });
  return out;
}

export function rgLruWasm(
  tape: Tape,
  kernels: TrainKernels,
  x: Var,
  r: Var,
  gateI: Var,
  lambda: Var,
  T: number,
): Var {
  const off = (a: Data) => kernels.offset(a);
  const [R, Ch] = [x.rows, x.cols];
  const nSeq = R / T;
  const out = tape.var(tape.output(R * Ch), [R, Ch]);
  const scratchFloats = kernels.call('rgLruScratchFloats', [T, Ch]);
  const inputs = [off(x.data), off(r.data), off(gateI.data), off(lambda.data)];
  kernels.run('rgLruForward', [...inputs, off(out.data), 0, nSeq, T, Ch], Ch, {
    align: 4,
    work: 8 * R * Ch,
    scratchIndex: 5,
    scratchFloats,
  });
  tape.record(() => {
    const grads = [off(x.grad), off(r.grad), off(gateI.grad), off(lambda.grad)];
    kernels.run('rgLruBackward', [...inputs, off(out.data), off(out.grad), ...grads, 0, nSeq, T, Ch], Ch, {
      align: 4,
      work: 16 * R * Ch,
      scratchIndex: 10,
      scratchFloats,
    });
  });
  return out;
}

export function causalConvWasm(
  tape: Tape,
  kernels: TrainKernels,
  x: Var,
  weight: Var,
  bias: Var | undefined,
  T: number,
): Var {
  const off = (a: Data) => kernels.offset(a);
  const [R, Ch] = [x.rows, x.cols];
  const K = weight.data.length / Ch;
  const nSeq = R / T;
  const out = tape.var(tape.output(R * Ch), [R, Ch]);
  const work = R * Ch * K;
  kernels.run(
    'causalConvForward',
    [off(x.data), off(weight.data), bias ? off(bias.data) : 0, off(out.data), nSeq, T, Ch, K],
    Ch,
    { align: 4, work },
  );
  tape.record(() => {
    kernels.run(
      'causalConvBackward',
      [
        off(x.data),
        off(weight.data),
        off(out.grad),
        off(x.grad),
        off(weight.grad),
        bias ? off(bias.grad) : 0,
        nSeq,
        T,
        Ch,
        K,
      ],
      Ch,
      { align: 4, work: 2 * work },
    );
  });
  return out;
}

export function gatedLinearAttentionWasm(
  tape: Tape,
  kernels: TrainKernels,
  q: Var,
  k: Var,
  v: Var,
  g: Var,
  { batch: B, seqLen: T, heads: H, scale }: { batch: number; seqLen: number; heads: number; scale: number },
): Var {
  const off = (a: Data) => kernels.offset(a);
  const dk = q.cols / H;
  const dv = v.cols / H;
  const out = tape.var(tape.output(B * T * H * dv), [B * T, H * dv]);
  const scratchFloats = kernels.call('gatedLinearAttentionScratchFloats', [T, dk, dv]);
  const inputs = [off(q.data), off(k.data), off(v.data), off(g.data)];
  const work = B * H * T * dk * dv * 2;
  kernels.run('gatedLinearAttentionForward', [...inputs, off(out.data), 0, T, H, dk, dv, scale], B * H, {
    work,
    scratchIndex: 5,
    scratchFloats,
  });
  tape.record(() => {
    const grads = [off(q.grad), off(k.grad), off(v.grad), off(g.grad)];
    kernels.run(
      'gatedLinearAttentionBackward',
      [...inputs, off(out.grad), ...grads, 0, T, H, dk, dv, scale],
      B * H,
      { work: 3 * work, scratchIndex: 9, scratchFloats },
    );
  });
  return out;
}

export function linearAttentionWasm(
  tape: Tape,
  kernels: TrainKernels,
  phiQ: Var,
  phiK: Var,
  v: Var,
  { batch: B, seqLen: T, heads: H }: { batch: number; seqLen: number; heads: number },
  eps: number,
): Var {
  const off = (a: Data) => kernels.offset(a);
  const D = phiQ.cols / H;
  const dv = v.cols / H;
  const out = tape.var(tape.output(B * T * H * dv), [B * T, H * dv]);
  const saved = tape.floats(kernels.call('linearAttentionSavedFloats', [B, T, H]));
  const inputs = [off(phiQ.data), off(phiK.data), off(v.data)];
  const work = B * H * T * T * (D + dv);
  kernels.run('linearAttentionForward', [...inputs, off(out.data), off(saved), B, T, H, D, dv, eps], B * H, {
    work,
  });
  tape.record(() => {
    kernels.run(
      'linearAttentionBackward',
      [
        ...inputs,
        off(out.data),
        off(out.grad),
        off(saved),
        off(phiQ.grad),
        off(phiK.grad),
        off(v.grad),
        0,
        B,
        T,
        H,
        D,
        dv,
      ],
      B * H,
      {
        work: 2 * work,
        scratchIndex: 9,
        scratchFloats: kernels.call('linearAttentionScratchFloats', [T, dv]),
      },
    );
  });
  return out;
}
