/** Elementwise ops with their derivatives. Activations match simulations/ops/activations.ts exactly. */
import { gelu, sigmoid, silu, softplus } from '../../ops/activations';
import type { Tape, Var } from '../tape';
import { addWasm, columnsWasm, mulWasm, unaryWasm, WASM_UNARY } from './elementwiseWasm';

function sameShape(name: string, a: Var, b: Var): void {
  if (a.data.length !== b.data.length)
    throw new RangeError(`${name}: shapes [${a.shape.join(', ')}] and [${b.shape.join(', ')}] differ`);
}

export function add(tape: Tape, a: Var, b: Var): Var {
  sameShape('add', a, b);
  if (tape.kernels) return addWasm(tape, tape.kernels, a, b);
  const y = tape.floats(a.data.length);
  for (let i = 0; i < y.length; i++) y[i] = a.data[i] + b.data[i];
  const out = tape.var(y, a.shape);
  tape.record(() => {
    const g = out.grad;
    const [ga, gb] = [a.grad, b.grad];
    for (let i = 0; i < g.length; i++) {
      ga[i] += g[i];
      gb[i] += g[i];
    }
  });
  return out;
}

export function mul(tape: Tape, a: Var, b: Var): Var {
  sameShape('mul', a, b);
  if (tape.kernels) return mulWasm(tape, tape.kernels, a, b);
  const y = tape.floats(a.data.length);
  for (let i = 0; i < y.length; i++) y[i] = a.data[i] * b.data[i];
  const out = tape.var(y, a.shape);
  tape.record(() => {
    const g = out.grad;
    const [ga, gb] = [a.grad, b.grad];
    for (let i = 0; i < g.length; i++) {
      ga[i] += g[i] * b.data[i];
      gb[i] += g[i] * a.data[i];
    }
  });
  return out;
}

/** A scalar function with its derivative f′(x) (given x and y = f(x)). */
export interface Unary {
  f: (x: number) => number;
  df: (x: number, y: number) => number;
}

const gaussianPdf = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

export const UNARY = {
  sigmoid: { f: sigmoid, df: (_x, y) => y * (1 - y) },
  silu: {
    f: silu,
    df: (x) => {
      const s = sigmoid(x);
      return s * (1 + x * (1 - s));
    },
  },
  softplus: { f: softplus, df: (x) => sigmoid(x) },
  /** Exact GELU x·Φ(x): d/dx = Φ(x) + x·φ(x), with Φ(x) = GELU(x)/x recovered as ½(1 + erf(x/√2)). */
  gelu: {
    f: gelu,
    df: (x, y) => (x === 0 ? 0.5 : y / x) + x * gaussianPdf(x),
  },
  /** −exp(x): Mamba's A = −exp(A_log). */
  negExp: { f: (x) => -Math.exp(x), df: (_x, y) => y },
  /** elu(x) + 1, the linear-attention feature map of Katharopoulos et al. */
  eluPlusOne: { f: (x) => (x > 0 ? x + 1 : Math.exp(x)), df: (x, y) => (x > 0 ? 1 : y) },
  relu: { f: (x) => Math.max(0, x), df: (x) => (x > 0 ? 1 : 0) },
  /** log σ(x), GLA's log-decay before its 1/16 scale: d/dx = σ(−x). */
  logSigmoid: {
    f: (x) => (x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x))),
    df: (x) => sigmoid(-x),
  },
} satisfies Record<string, Unary>;

export type UnaryName = keyof typeof UNARY;

export function unary(tape: Tape, name: UnaryName, x: Var): Var {
  if (tape.kernels && name in WASM_UNARY) return unaryWasm(tape, tape.kernels, WASM_UNARY[name], x);
  const { f, df } = UNARY[name] as Unary;
  const y = tape.floats(x.data.length);
  for (let i = 0; i < y.length; i++) y[i] = f(x.data[i]);
  const out = tape.var(y, x.shape);
  tape.record(() => {
    const g = out.grad;
    const gx = x.grad;
    for (let i = 0; i < g.length; i++) if (g[i] !== 0) gx[i] += g[i] * df(x.data[i], y[i]);
  });
  return out;
}

/** Columns [from, from + width) of x [R, C] as a new [R, width] Var. */
export function columns(tape: Tape, x: Var, from: number, width: number): Var {
  const [R, C] = [x.rows, x.cols];
  if (from < 0 || from + width > C) throw new RangeError(`columns ${from}…${from + width} of ${C}`);
  if (tape.kernels) return columnsWasm(tape, tape.kernels, x, from, width);
  const y = tape.floats(R * width);
  for (let r = 0; r < R; r++) y.set(x.data.subarray(r * C + from, r * C + from + width), r * width);
  const out = tape.var(y, [R, width]);
  tape.record(() => {
    const g = out.grad;
    const gx = x.grad;
    for (let r = 0; r < R; r++) for (let c = 0; c < width; c++) gx[r * C + from + c] += g[r * width + c];
  });
  return out;
}

/** y[r, c] = x[r, c]·s[c]: a per-channel scale (S4D's and H3's skip D·u). */
export function mulChannels(tape: Tape, x: Var, s: Var): Var {
  const [R, C] = [x.rows, x.cols];
  if (s.data.length !== C) throw new RangeError(`mulChannels: ${s.data.length} scales for ${C} channels`);
  const y = tape.floats(R * C);
  for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) y[r * C + c] = x.data[r * C + c] * s.data[c];
  const out = tape.var(y, x.shape);
  tape.record(() => {
    const g = out.grad;
    const [gx, gs] = [x.grad, s.grad];
    for (let r = 0; r < R; r++)
      for (let c = 0; c < C; c++) {
        gx[r * C + c] += g[r * C + c] * s.data[c];
        gs[c] += g[r * C + c] * x.data[r * C + c];
      }
  });
  return out;
}

/** y[:, o] = x[:, indices[o]] (columns may repeat). */
export function gatherColumns(tape: Tape, x: Var, indices: readonly number[]): Var {
  const [R, C] = [x.rows, x.cols];
  const W = indices.length;
  const y = tape.floats(R * W);
  for (let r = 0; r < R; r++) for (let o = 0; o < W; o++) y[r * W + o] = x.data[r * C + indices[o]];
  const out = tape.var(y, [R, W]);
  tape.record(() => {
    const g = out.grad;
    const gx = x.grad;
    for (let r = 0; r < R; r++) for (let o = 0; o < W; o++) gx[r * C + indices[o]] += g[r * W + o];
  });
  return out;
}

/** y[:, target[i]] += x[:, i]: sums groups of columns into `width` outputs. */
export function sumColumnsInto(tape: Tape, x: Var, target: readonly number[], width: number): Var {
  const [R, C] = [x.rows, x.cols];
  const y = tape.floats(R * width);
  for (let r = 0; r < R; r++) for (let i = 0; i < C; i++) y[r * width + target[i]] += x.data[r * C + i];
  const out = tape.var(y, [R, width]);
  tape.record(() => {
    const g = out.grad;
    const gx = x.grad;
    for (let r = 0; r < R; r++) for (let i = 0; i < C; i++) gx[r * C + i] += g[r * width + target[i]];
  });
  return out;
}

/** y = s·x for a constant s. */
export function scale(tape: Tape, x: Var, s: number): Var {
  const y = tape.floats(x.data.length);
  for (let i = 0; i < y.length; i++) y[i] = s * x.data[i];
  const out = tape.var(y, x.shape);
  tape.record(() => {
    const g = out.grad;
    const gx = x.grad;
    for (let i = 0; i < g.length; i++) gx[i] += s * g[i];
  });
  return out;
}

/** The vector v [n] read at the given indices → [indices.length] (expands per-head scalars to channels). */
export function gatherVector(tape: Tape, v: Var, indices: readonly number[]): Var {
  const out = tape.var(
    Float64Array.from(indices, (i) => v.data[i]),
    [indices.length],
  );
  tape.record(() => {
    const g = out.grad;
    const gv = v.grad;
    indices.forEach((i, o) => {
      gv[i] += g[o];
    });
  });
  return out;
}

/** RMS normalisation of each head's w-wide block of x [R, H·w], no gain (RetNet's GroupNorm, GLA's norm). */
export function headRmsNorm(tape: Tape, x: Var, heads: number, eps: number): Var {
  const [R, C] = [x.rows, x.cols];
  const w = C / heads;
  const inv = new Float64Array(R * heads);
  const y = tape.floats(R * C);
  for (let r = 0; r < R; r++)
    for (let h = 0; h < heads; h++) {
      const o = r * C + h * w;
      let ms = 0;
      for (let c = 0; c < w; c++) ms += x.data[o + c] ** 2;
      inv[r * heads + h] = 1 / Math.sqrt(ms / w + eps);
      for (let c = 0; c < w; c++) y[o + c] = x.data[o + c] * inv[r * heads + h];
    }
  const out = tape.var(y, x.shape);
  tape.record(() => {
    const g = out.grad;
    const gx = x.grad;
    for (let r = 0; r < R; r++)
      for (let h = 0; h < heads; h++) {
        const o = r * C + h * w;
        const s = inv[r * heads + h];
        let dot = 0;
        for (let c = 0; c < w; c++) dot += g[o + c] * x.data[o + c];
        const k = (dot / w) * s * s * s;
        for (let c = 0; c < w; c++) gx[o + c] += g[o + c] * s - x.data[o + c] * k;
      }
  });
  return out;
}

/** y[r, c] = x[r, c] + b[c]: a per-channel bias. */
export function addChannels(tape: Tape, x: Var, b: Var): Var {
  const [R, C] = [x.rows, x.cols];
  if (b.data.length !== C) throw new RangeError(`addChannels: ${b.data.length} biases for ${C} channels`);
  const y = tape.floats(R * C);
  for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) y[r * C + c] = x.data[r * C + c] + b.data[c];
  const out = tape.var(y, x.shape);
  tape.record(() => {
    const g = out.grad;
    const [gx, gb] = [x.grad, b.grad];
    for (let i = 0; i < g.length; i++) {
      gx[i] += g[i];
      gb[i % C] += g[i];
    }
  });
  return out;
}

/** y[r, c] = sin(φ[c]·x[r, c]): Hyena's filter activation with learnable frequencies φ. */
export function sinFreq(tape: Tape, x: Var, freq: Var): Var {
  const [R, C] = [x.rows, x.cols];
  const y = tape.floats(R * C);
  for (let r = 0; r < R; r++)
    for (let c = 0; c < C; c++) y[r * C + c] = Math.sin(freq.data[c] * x.data[r * C + c]);
  const out = tape.var(y, x.shape);
  tape.record(() => {
    const g = out.grad;
    const [gx, gf] = [x.grad, freq.grad];
    for (let r = 0; r < R; r++)
      for (let c = 0; c < C; c++) {
        const i = r * C + c;
        const cos = Math.cos(freq.data[c] * x.data[i]) * g[i];
        gx[i] += cos * freq.data[c];
        gf[c] += cos * x.data[i];
      }
  });
  return out;
}

/** [R, C] → [C, R]. */
export function transposeVar(tape: Tape, x: Var): Var {
  const [R, C] = [x.rows, x.cols];
  const y = tape.floats(R * C);
  for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) y[c * R + r] = x.data[r * C + c];
  const out = tape.var(y, [C, R]);
  tape.record(() => {
    const g = out.grad;
    const gx = x.grad;
    for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) gx[r * C + c] += g[c * R + r];
  });
  return out;
}
