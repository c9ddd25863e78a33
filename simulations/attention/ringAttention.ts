/**
 * Ring Attention (Liu, Zaharia & Abbeel 2023) on N simulated devices, for causal softmax attention.
 *
 * The sequence is split into N contiguous blocks; device d keeps query block Q_d and starts with K_d, V_d.
 * At step s (0 … N−1) device d holds the key/value block of device (d − s) mod N, computes the partial softmax of
 * Q_d over it, merges it into its running (m, ℓ, acc) with the online-softmax rule (onlineSoftmax.ts), and then
 * passes the block on to device d + 1. After N steps every device has seen every key block once, so
 * y = acc / ℓ is exactly full attention. Under the causal mask a block from a later device is entirely in the
 * future: it is still passed on (the ring is oblivious) but costs no compute.
 */
import { type AttentionInputs, validateAttentionInputs } from './causalSoftmaxAttention';
import { blockPartial, emptyPartial, finishPartial, mergePartial } from './onlineSoftmax';

/** A device's sequence block: positions [start, start + length). */
export interface SequenceBlock {
  start: number;
  length: number;
}

/** What device d did at one step. */
export interface RingDeviceStep {
  /** The device whose K/V block it held. */
  kvBlock: number;
  /** 'attend': computed and merged; 'masked': the block is entirely after its queries (causal), skipped. */
  action: 'attend' | 'masked';
  /** Query·key scores computed at this step (0 when masked). */
  scores: number;
  /** The running row maxima m of its first head after merging (−∞ where nothing is visible yet). */
  rowMax: number[];
}

/** One ring step: every device computes, then passes its K/V block to the next device. */
export interface RingStep {
  step: number;
  devices: RingDeviceStep[];
  /** Floats sent over all links together after this step (every device passes one K and one V block, all
   *  heads: 2 · H · T · d_h); 0 after the last step, when nothing needs to move. */
  floatsSent: number;
}

export interface RingAttentionResult {
  /** Outputs [heads, T, d_h], equal to causal softmax attention. */
  output: Float32Array;
  blocks: SequenceBlock[];
  steps: RingStep[];
}

/** Splits T positions into `devices` contiguous blocks whose lengths differ by at most one (longer ones first). */
export function splitSequence(seqLen: number, devices: number): SequenceBlock[] {
  if (!Number.isInteger(devices) || devices < 1 || devices > seqLen) {
    throw new RangeError(`Ring attention needs 1 … ${seqLen} devices for ${seqLen} tokens, got ${devices}`);
  }
  const base = Math.floor(seqLen / devices);
  const extra = seqLen % devices;
  const blocks: SequenceBlock[] = [];
  let start = 0;
  for (let d = 0; d < devices; d++) {
    const length = base + (d < extra ? 1 : 0);
    blocks.push({ start, length });
    start += length;
  }
  return blocks;
}

/** The device whose K/V block device d holds at step s: (d − s) mod N. */
export const ringSource = (device: number, step: number, devices: number): number =>
  (((device - step) % devices) + devices) % devices;

/** Causal ring attention over `devices` simulated devices, with a per-step trace. */
export function ringAttention(inputs: AttentionInputs, devices: number): RingAttentionResult {
  validateAttentionInputs(inputs);
  const { q, k, v, heads, seqLen: T, headDim: dh } = inputs;
  const blocks = splitSequence(T, devices);
  const output = new Float32Array(heads * T * dh);
  // running[h][d]: device d's partial for head h
  const running = Array.from({ length: heads }, () => blocks.map((b) => emptyPartial(b.length, dh)));
  const steps: RingStep[] = [];
  for (let s = 0; s < devices; s++) {
    const perDevice: RingDeviceStep[] = blocks.map((qb, d) => {
      const src = ringSource(d, s, devices);
      const kb = blocks[src];
      const masked = kb.start > qb.start + qb.length - 1;
      let scores = 0;
      if (!masked) {
        for (let h = 0; h < heads; h++) {
          const slice = (x: Float32Array) => x.subarray(h * T * dh, (h + 1) * T * dh);
          const part = blockPartial({
            q: slice(q),
            k: slice(k),
            v: slice(v),
            headDim: dh,
            qStart: qb.start,
            qLen: qb.length,
            kStart: kb.start,
            kLen: kb.length,
            causal: true,
          });
          mergePartial(running[h][d], part);
        }
        // causal count: query i sees keys up to i within the block
        for (let r = 0; r < qb.length; r++)
          scores += heads * Math.min(kb.length, qb.start + r - kb.start + 1);
      }
      return {
        kvBlock: src,
        action: masked ? 'masked' : 'attend',
        scores,
        rowMax: Array.from(running[0][d].m),
      };
    });
    const floatsSent = s < devices - 1 ? 2 * heads * T * dh : 0;
    steps.push({ step: s, devices: perDevice, floatsSent });
  }
  for (let h = 0; h < heads; h++) {
    const out = output.subarray(h * T * dh, (h + 1) * T * dh);
    blocks.forEach((b, d) => {
      finishPartial(running[h][d], out, b.start);
    });
  }
  return { output, blocks, steps };
}
