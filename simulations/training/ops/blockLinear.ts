/**
 * Block-diagonal linear layer (M2's Monarch MLP): x [R, b·n_in] split into b blocks, block g multiplied by its
 * own W_g [n_in, n_out] (W stored [b, n_in, n_out]), plus bias [b·n_out]:
 *   y[r, g·n_out + o] = bias[g·n_out + o] + Σ_i x[r, g·n_in + i]·W[g, i, o]
 */
import type { Tape, Var } from '../tape';

export function blockLinear(tape: Tape, x: Var, W: Var, bias: Var, blocks: number): Var {
  const R = x.rows;
  const nIn = x.cols / blocks;
  const nOut = W.data.length / (blocks * nIn);
  const width = blocks * nOut;
  const y = tape.floats(R * width);
  for (let r = 0; r < R; r++)
    for (let g = 0; g < blocks; g++)
      for (let o = 0; o < nOut; o++) {
        let s = bias.data[g * nOut + o];
        for (let i = 0; i < nIn; i++)
          s += x.data[r * x.cols + g * nIn + i] * W.data[(g * nIn + i) * nOut + o];
        y[r * width + g * nOut + o] = s;
      }
  const out = tape.var(y, [R, width]);
  tape.record(() => {
    const dy = out.grad;
    const [gx, gW, gb] = [x.grad, W.grad, bias.grad];
    for (let r = 0; r < R; r++)
      for (let g = 0; g < blocks; g++)
        for (let o = 0; o < nOut; o++) {
          const d = dy[r * width + g * nOut + o];
          if (d === 0) continue;
          gb[g * nOut + o] += d;
          for (let i = 0; i < nIn; i++) {
            const xi = r * x.cols + g * nIn + i;
            const wi = (g * nIn + i) * nOut + o;
            gx[xi] += d * W.data[wi];
            gW[wi] += d * x.data[xi];
          }
        }
  });
  return out;
}
