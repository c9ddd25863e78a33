/**
 * Seeded pseudo-random numbers: xoshiro128** (Blackman & Vigna, 2018), seeded through splitmix32.
 * Every stochastic function in simulations/ takes an `Rng` so that results are reproducible from a seed.
 */
export interface Rng {
  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number;
  /** Uniform float in [0, 1) with 32 bits of randomness. */
  nextFloat(): number;
  /** Uniform integer in [0, n). Unbiased (rejection sampling). */
  nextInt(n: number): number;
  /** Standard normal sample (Box–Muller). */
  nextNormal(): number;
}

/** splitmix32: expands one 32-bit seed into a well-mixed stream, used only to seed xoshiro's state. */
function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

const rotl = (x: number, k: number): number => ((x << k) | (x >>> (32 - k))) >>> 0;

/** Creates a xoshiro128** generator; the same seed always yields the same stream. */
export function createRng(seed: number): Rng {
  if (!Number.isInteger(seed)) throw new RangeError(`Seed must be an integer, got ${seed}`);
  const init = splitmix32(seed);
  const s = new Uint32Array([init(), init(), init(), init()]);
  let spareNormal: number | null = null;

  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  };
  const nextFloat = (): number => nextUint32() / 4294967296;
  const nextInt = (n: number): number => {
    if (!Number.isInteger(n) || n <= 0 || n > 4294967296)
      throw new RangeError(`nextInt needs 0 < n ≤ 2^32, got ${n}`);
    // Reject the top partial bucket so every residue is equally likely.
    const limit = 4294967296 - (4294967296 % n);
    for (;;) {
      const x = nextUint32();
      if (x < limit) return x % n;
    }
  };
  const nextNormal = (): number => {
    if (spareNormal !== null) {
      const z = spareNormal;
      spareNormal = null;
      return z;
    }
    // Box–Muller; 1 − u keeps the logarithm finite.
    const u = 1 - nextFloat();
    const v = nextFloat();
    const r = Math.sqrt(-2 * Math.log(u));
    spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  return { nextUint32, nextFloat, nextInt, nextNormal };
}
