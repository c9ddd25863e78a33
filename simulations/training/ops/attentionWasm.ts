/**
 * The float32 path of causalAttention (attention.ts has the math): the Wasm kernels of
 * simulations/wasm/assembly/train/attention.ts, (sequence, head) pairs split across the team's threads; the
 * softmax weights P [B·H, T, T] are kept in the step memory for the backward pass.
 */
import type { Tape, Var } from '../tape';
import type { AttentionShape } from './attention';

export function causalAttentionWasm(tape: Tape, q: Var, k: Var, v: Var, shape: AttentionShape): Var {
  const kernels = tape.kernels;
  if (!kernels) throw new Error('causalAttentionWasm needs the float32 kernels');
  const { batch: B, seqLen: T, heads: H, window } = shape;
  const dh = q.cols / H;
  const w = window ?? -1;
  const out = tape.var(tape.output(q.data.length), q.shape);
  const probs = tape.output(B * H * T * T);
  const pairs = B * H;
  const work = pairs * T * T * dh;
  const off = (x: Var['data']) => kernels.offset(x);
  kernels.run(
    'attentionForward',
    [off(q.data), off(k.data), off(v.data), off(out.data), off(probs), B, T, H, dh, w],
    pairs,
    { work },
  );
  tape.record(() => {
    kernels.run(
      'attentionBackward',
      [
        off(q.data),
        off(k.data),
        off(v.data),
        off(probs),
        off(out.grad),
        off(q.grad),
        off(k.grad),
        off(v.grad),
        0,
        B,
        T,
        H,
        dh,
        w,
      ],
      pairs,
      { work: 2 * work, scratchIndex: 8, scratchFloats: kernels.call('attentionScratchFloats', [T, dh]) },
    );
  });
  return out;
}
