/**
 * RoPE for training, as simulations/attention/rope.ts with fraction 1 (pairs (2m, 2m+1) of each head rotated by
 * t·θ_m, θ_m = 10000^(−2m/d_h)). A rotation is orthogonal, so the backward pass rotates the gradient by −angle.
 */
import type { Floats } from '../storage';
import type { Tape, Var } from '../tape';

function rotate(src: Floats, dst: Floats, T: number, heads: number, dh: number, sign: 1 | -1) {
  const width = heads * dh;
  const rows = src.length / width;
  for (let r = 0; r < rows; r++) {
    const t = r % T;
    for (let h = 0; h < heads; h++)
      for (let m = 0; m < dh / 2; m++) {
        const angle = sign * t * 10_000 ** ((-2 * m) / dh);
        const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
        const i = r * width + h * dh + 2 * m;
        const [a, b] = [src[i], src[i + 1]];
        dst[i] += a * cos - b * sin;
        dst[i + 1] += a * sin + b * cos;
      }
  }
}

export function rope(tape: Tape, x: Var, seqLen: number, heads: number): Var {
  const dh = x.cols / heads;
  if (dh % 2 !== 0) throw new RangeError('RoPE needs an even head dimension');
  const y = tape.floats(x.data.length);
  rotate(x.data, y, seqLen, heads, dh, 1);
  const out = tape.var(y, x.shape);
  tape.record(() => rotate(out.grad, x.grad, seqLen, heads, dh, -1));
  return out;
}
