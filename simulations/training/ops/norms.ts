/** LayerNorm and RMSNorm over the last axis, as simulations/ops/norms.ts (biased variance, same ε). */
import type { Tape, Var } from '../tape';
import { layerNormWasm, rmsNormWasm } from './normsWasm';

/** y = x̂·γ + β, x̂ = (x − μ)/σ. Backward: dx = (1/σ)(g − mean(g) − x̂·mean(g·x̂)) with g = dy·γ. */
export function layerNorm(tape: Tape, x: Var, gamma: Var, beta: Var, eps = 1e-5): Var {
  if (tape.kernels) return layerNormWasm(tape, tape.kernels, x, gamma, beta, eps);
  const [R, d] = [x.rows, x.cols];
  const xhat = new Float64Array(R * d);
  const inv = new Float64Array(R);
  const y = tape.floats(R * d);
  for (let r = 0; r < R; r++) {
    let mean = 0;
    for (let c = 0; c < d; c++) mean += x.data[r * d + c];
    mean /= d;
    let variance = 0;
    for (let c = 0; c < d; c++) variance += (x.data[r * d + c] - mean) ** 2;
    inv[r] = 1 / Math.sqrt(variance / d + eps);
    for (let c = 0; c < d; c++) {
      xhat[r * d + c] = (x.data[r * d + c] - mean) * inv[r];
      y[r * d + c] = xhat[r * d + c] * gamma.data[c] + beta.data[c];
    }
  }
  const out = tape.var(y, [R, d]);
  tape.record(() => {
    const dy = out.grad;
    const [dx, dg, db] = [x.grad, gamma.grad, beta.grad];
    for (let r = 0; r < R; r++) {
      let meanG = 0;
      let meanGx = 0;
      for (let c = 0; c < d; c++) {
        const i = r * d + c;
        dg[c] += dy[i] * xhat[i];
        db[c] += dy[i];
        const g = dy[i] * gamma.data[c];
        meanG += g;
        meanGx += g * xhat[i];
      }
      meanG /= d;
      meanGx /= d;
      for (let c = 0; c < d; c++) {
        const i = r * d + c;
        dx[i] += inv[r] * (dy[i] * gamma.data[c] - meanG - xhat[i] * meanGx);
      }
    }
  });
  return out;
}

/** y = x·γ/ρ, ρ = √(mean(x²) + ε). Backward: dx = (1/ρ)(g − x·mean(g·x)/ρ²) with g = dy·γ. */
export function rmsNorm(tape: Tape, x: Var, gamma: Var, eps = 1e-6): Var {
  if (tape.kernels) return rmsNormWasm(tape, tape.kernels, x, gamma, eps);
  const [R, d] = [x.rows, x.cols];
  const inv = new Float64Array(R);
  const y = tape.floats(R * d);
  for (let r = 0; r < R; r++) {
    let ms = 0;
    for (let c = 0; c < d; c++) ms += x.data[r * d + c] ** 2;
    inv[r] = 1 / Math.sqrt(ms / d + eps);
    for (let c = 0; c < d; c++) y[r * d + c] = x.data[r * d + c] * inv[r] * gamma.data[c];
  }
  const out = tape.var(y, [R, d]);
  tape.record(() => {
    const dy = out.grad;
    const [dx, dg] = [x.grad, gamma.grad];
    for (let r = 0; r < R; r++) {
      let dot = 0;
      for (let c = 0; c < d; c++) {
        const i = r * d + c;
        dg[c] += dy[i] * x.data[i] * inv[r];
        dot += dy[i] * gamma.data[c] * x.data[i];
      }
      const k = (dot / d) * inv[r] * inv[r];
      for (let c = 0; c < d; c++) {
        const i = r * d + c;
        dx[i] += inv[r] * (dy[i] * gamma.data[c] - x.data[i] * k);
      }
    }
  });
  return out;
}
