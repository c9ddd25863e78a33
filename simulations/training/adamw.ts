/**
 * AdamW (Loshchilov & Hutter 2019, PyTorch's `torch.optim.AdamW`): decoupled weight decay θ ← θ − lr·λ·θ
 * applied only to parameters whose spec does not set `noWeightDecay` (norms, biases, A_log, D, Δ bias, Λ —
 * the exclusions of the reference code), then the bias-corrected Adam step.
 */
import type { Var } from './tape';

export interface AdamWOptions {
  beta1?: number;
  beta2?: number;
  eps?: number;
  weightDecay?: number;
}

/** AdamW's state by parameter name: the moments as the optimizer holds them, and its step count. */
export interface AdamWState {
  step: number;
  moments: Map<string, { m: Float64Array | Float32Array; v: Float64Array | Float32Array }>;
}

export class AdamW {
  private readonly m = new Map<Var, Float64Array | Float32Array>();
  private readonly v = new Map<Var, Float64Array | Float32Array>();
  private step = 0;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly eps: number;
  private readonly weightDecay: number;

  constructor(
    private readonly params: ReadonlyMap<string, Var>,
    private readonly decays: (name: string) => boolean,
    { beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay = 0.1 }: AdamWOptions = {},
  ) {
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
  }

  /** One update with learning rate `lr` from the gradients in each parameter's `.grad`. */
  update(lr: number): void {
    this.step++;
    const c1 = 1 - this.beta1 ** this.step;
    const c2 = 1 - this.beta2 ** this.step;
    for (const [name, p] of this.params) {
      if (!p.hasGrad) continue;
      const g = p.grad;
      let m = this.m.get(p);
      let v = this.v.get(p);
      if (!m || !v) {
        m = new Float64Array(g.length);
        v = new Float64Array(g.length);
        this.m.set(p, m);
        this.v.set(p, v);
      }
      const decay = this.decays(name) ? 1 - lr * this.weightDecay : 1;
      for (let i = 0; i < g.length; i++) {
        m[i] = this.beta1 * m[i] + (1 - this.beta1) * g[i];
        v[i] = this.beta2 * v[i] + (1 - this.beta2) * g[i] * g[i];
        p.data[i] = p.data[i] * decay - (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + this.eps);
      }
    }
  }

  /** A copy of the state, for a checkpoint (later updates leave it unchanged). */
  exportState(): AdamWState {
    const moments: AdamWState['moments'] = new Map();
    for (const [name, p] of this.params) {
      const m = this.m.get(p);
      const v = this.v.get(p);
      if (m && v) moments.set(name, { m: m.slice(), v: v.slice() });
    }
    return { step: this.step, moments };
  }

  /** Continues from an exported state (copied in): the next update is the one the exporter would have made. */
  importState({ step, moments }: AdamWState): void {
    for (const [name, { m, v }] of moments) {
      const p = this.params.get(name);
      if (!p) throw new Error(`Optimizer state for “${name}”, which is not a parameter`);
      if (m.length !== p.data.length || v.length !== p.data.length)
        throw new Error(
          `Optimizer state for “${name}” has ${m.length} values, the parameter ${p.data.length}`,
        );
      this.m.set(p, m.slice());
      this.v.set(p, v.slice());
      // The exporter's parameter had a gradient buffer (update() skips those without); so does this one now.
      void p.grad;
    }
    this.step = step;
  }
}

/** Scales all gradients so their global L2 norm is at most `maxNorm`; returns the norm before clipping. */
export function clipGradNorm(params: Iterable<Var>, maxNorm: number): number {
  const list = [...params].filter((p) => p.hasGrad);
  let sq = 0;
  for (const p of list) for (const g of p.grad) sq += g * g;
  const norm = Math.sqrt(sq);
  if (norm > maxNorm) {
    const s = maxNorm / (norm + 1e-6);
    for (const p of list) {
      const g = p.grad;
      for (let i = 0; i < g.length; i++) g[i] *= s;
    }
  }
  return norm;
}

/** Linear warm-up to `peak`, then cosine annealing to `floor` at `total` steps. */
export function cosineLearningRate(
  step: number,
  { peak, warmup, total, floor = 0 }: { peak: number; warmup: number; total: number; floor?: number },
): number {
  if (step < warmup) return (peak * (step + 1)) / warmup;
  const progress = Math.min(1, (step - warmup) / Math.max(1, total - warmup));
  return floor + 0.5 * (peak - floor) * (1 + Math.cos(Math.PI * progress));
}
