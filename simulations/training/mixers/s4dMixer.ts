/** The S4D layer: GELU(K ∗ u + D·u) → 1×1 projection to 2d → GLU, as simulations/model/mixers/s4dMixer.ts. */
import { s4dCard } from '../../model/mixers/s4dMixer';
import { add, columns, mul, mulChannels, unary } from '../ops/elementwise';
import { linear } from '../ops/linear';
import { longConv } from '../ops/longConv';
import { s4dKernel } from '../ops/s4dKernel';
import { registerTrainableMixer } from './trainableMixer';

registerTrainableMixer(s4dCard, (tape, p, x, { seqLen, config }) => {
  const d = config.dModel;
  const K = s4dKernel(tape, { logDt: p.log_dt, logAReal: p.log_A_real, aImag: p.A_imag, C: p.C }, seqLen);
  const conv = unary(tape, 'gelu', add(tape, longConv(tape, x, K, seqLen), mulChannels(tape, x, p.D)));
  const proj = linear(tape, conv, p.W_out, p.b_out);
  return mul(tape, columns(tape, proj, 0, d), unary(tape, 'sigmoid', columns(tape, proj, d, d)));
});
