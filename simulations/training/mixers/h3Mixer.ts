/**
 * H3 with heads of width 2, as simulations/model/mixers/h3Mixer.ts: shift SSM (FIR by lag) on keys plus D_k·k,
 * per head the 4 outer-product channels kv[4h + 2i + j] = k̃[2h + i]·v[2h + j], a diagonal S4D SSM on each
 * (plus D_kv·kv), read out y[2h + j] = Σ_i q[2h + i]·s[4h + 2i + j], then the output projection.
 */
import { h3Card } from '../../model/mixers/h3Mixer';
import { add, gatherColumns, mul, mulChannels, sumColumnsInto } from '../ops/elementwise';
import { linear } from '../ops/linear';
import { longConv } from '../ops/longConv';
import { s4dKernel } from '../ops/s4dKernel';
import { registerTrainableMixer } from './trainableMixer';

registerTrainableMixer(h3Card, (tape, p, x, { seqLen, config }) => {
  const d = config.dModel;
  const q = linear(tape, x, p.W_q, p.b_q);
  const k = linear(tape, x, p.W_k, p.b_k);
  const v = linear(tape, x, p.W_v, p.b_v);
  const kShift = add(tape, longConv(tape, k, p.shift_kernel, seqLen), mulChannels(tape, k, p.D_k));
  // Channel 4h + 2i + j of the 2d kv channels.
  const channels = Array.from({ length: 2 * d }, (_, ch) => ({ h: ch >> 2, i: (ch >> 1) & 1, j: ch & 1 }));
  const kv = mul(
    tape,
    gatherColumns(
      tape,
      kShift,
      channels.map(({ h, i }) => 2 * h + i),
    ),
    gatherColumns(
      tape,
      v,
      channels.map(({ h, j }) => 2 * h + j),
    ),
  );
  const K = s4dKernel(
    tape,
    { logDt: p.ssm_log_dt, logAReal: p.ssm_log_A_real, aImag: p.ssm_A_imag, C: p.ssm_C },
    seqLen,
  );
  const s = add(tape, longConv(tape, kv, K, seqLen), mulChannels(tape, kv, p.D_kv));
  const read = mul(
    tape,
    gatherColumns(
      tape,
      q,
      channels.map(({ h, i }) => 2 * h + i),
    ),
    s,
  );
  const y = sumColumnsInto(
    tape,
    read,
    channels.map(({ h, j }) => 2 * h + j),
    d,
  );
  return linear(tape, y, p.W_o, p.b_o);
});
