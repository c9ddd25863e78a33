/**
 * What RetNet and GLA (retnetMixer.ts, glaMixer.ts) share over `gatedLinearAttention.ts`: the heads run in the
 * chunked form (chunk 16), with a trace each head's implicit attention matrix and state at every step; the
 * per-head RMS normalisation of the output; the heads option's check.
 */
import {
  type GatedLinearAttentionInputs,
  glaChunked,
  glaParallel,
  glaStates,
} from '../../linearAttention/gatedLinearAttention';

const CHUNK = 16;

/** The heads option of RetNet and GLA (default 2). */
export interface DecayedHeadsOptions {
  heads: number;
}

/** Per-head RMS normalisation of o [T, H·w] (RetNet's GroupNorm without affine; GLA's output norm). */
export function headNorm(o: Float32Array, T: number, heads: number, w: number): Float32Array {
  const out = new Float32Array(o.length);
  for (let t = 0; t < T; t++) {
    for (let h = 0; h < heads; h++) {
      let ms = 0;
      for (let c = 0; c < w; c++) ms += o[t * heads * w + h * w + c] ** 2;
      const inv = 1 / Math.sqrt(ms / w + 1e-5);
      for (let c = 0; c < w; c++) out[t * heads * w + h * w + c] = o[t * heads * w + h * w + c] * inv;
    }
  }
  return out;
}

/** Decayed linear attention per head: out [H, T, dv]; with `trace`, implicit attention and states. */
export function runHeads(
  q: Float32Array,
  k: Float32Array,
  v: Float32Array,
  logDecay: Float32Array,
  T: number,
  heads: number,
  dk: number,
  dv: number,
  trace: boolean,
) {
  const out = new Float32Array(heads * T * dv);
  const implicitAttention = new Float32Array(trace ? heads * T * T : 0);
  // With a trace, also every head's state S_t at every step, [heads, T, dk, dv].
  const states = new Float32Array(trace ? heads * T * dk * dv : 0);
  for (let h = 0; h < heads; h++) {
    const head: GatedLinearAttentionInputs = {
      q: q.subarray(h * T * dk, (h + 1) * T * dk),
      k: k.subarray(h * T * dk, (h + 1) * T * dk),
      v: v.subarray(h * T * dv, (h + 1) * T * dv),
      logDecay: logDecay.subarray(h * T * dk, (h + 1) * T * dk),
      seqLen: T,
      keyDim: dk,
      valueDim: dv,
    };
    out.set(glaChunked(head, CHUNK), h * T * dv);
    if (trace) implicitAttention.set(glaParallel(head).weights, h * T * T);
    if (trace) states.set(glaStates(head), h * T * dk * dv);
  }
  return { out, implicitAttention, states, stateShape: [heads, T, dk, dv] };
}

/** The heads must divide the value width d and the key width. */
export function headProblems(heads: number, d: number, keyWidth: number): string[] {
  return Number.isInteger(heads) && heads >= 1 && d % heads === 0 && keyWidth % heads === 0
    ? []
    : [`heads must divide the widths ${d} and ${keyWidth} (got ${heads})`];
}
