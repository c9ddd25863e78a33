/**
 * The float32 WebAssembly training kernels of the dense products and of softmax attention
 * (assembly/train/gemm.ts and attention.ts, exported by assembly/trainKernels.ts): the float32 twins of the
 * float64 gemm (simulations/training/gemm.ts), bias ops and `causalAttention` (simulations/training/ops/
 * attention.ts), tested all-close against them in denseKernels.test.ts.
 *
 * Conventions: every array argument is the byte offset of a row-major float32 array in the module's memory
 * (operands above heapBase(); 16-byte alignment not required); sizes and flags are i32 (flags 0 or 1). The LAST
 * TWO arguments of every kernel are the (start, end) range that threads split; any split gives bit-identical
 * results (each element is summed in the same order), and the ranges of different threads write disjoint
 * memory. "Scratch" is per-thread memory whose content is not kept between calls: threads running one call
 * concurrently need disjoint scratch regions.
 */
export interface DenseKernelExports {
  // ------------------------------------------------------------------------------------------------------
  // Dense products: linear forward y = x W (x [R, dIn], W [dIn, dOut]), backward dx = dy Wᵀ (transB = 1) and
  // dW = xᵀ dy (transA = 1), all through one gemm.
  // ------------------------------------------------------------------------------------------------------

  /**
   * Floats of `scratch` that one gemm call with these sizes needs (packed blocks of opB and opA): at most
   * 256·⌈min(N, 1024)/8⌉·8 + 32768 + 16, whatever the row range.
   */
  gemmScratchFloats(M: number, N: number, K: number): number;
  /**
   * C[m, :] = (accumulate ? C[m, :] : 0) + Σ_k opA[m, k]·opB[k, :] for ROWS m in [rowStart, rowEnd) of C [M, N].
   * opA [M, K] is A stored [M, K] (transA = 0) or [K, M] (transA = 1); opB [K, N] is B stored [K, N]
   * (transB = 0) or [N, K] (transB = 1). C must not overlap A or B. Split: rows of C (each thread packs the
   * opB block it needs itself, so split only where a thread gets ≳ 32 rows). `scratch`:
   * gemmScratchFloats(M, N, K) floats of this thread. Any M, N, K ≥ 1.
   */
  gemm(
    a: number,
    b: number,
    c: number,
    M: number,
    N: number,
    K: number,
    transA: number,
    transB: number,
    accumulate: number,
    scratch: number,
    rowStart: number,
    rowEnd: number,
  ): void;
  /**
   * out[n] = (accumulate ? out[n] : 0) + Σ_r x[r, n] (r in order) for COLUMNS n in [colStart, colEnd) of
   * x [R, N]: the bias gradient. Split: columns. No scratch.
   */
  columnSums(
    x: number,
    out: number,
    R: number,
    N: number,
    accumulate: number,
    colStart: number,
    colEnd: number,
  ): void;
  /** y[r, :] += bias[:] for ROWS r in [rowStart, rowEnd) of y [R, N]: the bias forward. Split: rows. No scratch. */
  addRowVector(y: number, bias: number, R: number, N: number, rowStart: number, rowEnd: number): void;

  // ------------------------------------------------------------------------------------------------------
  // Causal multi-head softmax attention. q, k, v, y, dy, dq, dk, dv [B·T, H·dh] (head h = column block
  // h·dh … h·dh + dh − 1 of rows b·T … b·T + T − 1); probs [B·H, T, T]; scale 1/√dh; query i sees keys
  // max(0, i − window) … i (window ≥ 0) or 0 … i (window < 0). Split: (sequence, head) PAIRS p = b·H + h in
  // [start, end) of B·H.
  // ------------------------------------------------------------------------------------------------------

  /**
   * Floats of `scratch` one attentionBackward call needs: T·T + 4·T + ⌈T/8⌉·8·dh + 4·dh + 16 (dP/dS [T, T], a
   * column strip, Vᵀ packed in panels of 8 keys, 4 rows of dy packed).
   */
  attentionScratchFloats(T: number, dh: number): number;
  /**
   * P = softmax(scale·Q Kᵀ) over each query's keys and y = P V for pairs [start, end): OVERWRITES their head
   * blocks of y and their [T, T] blocks of probs (exactly 0 outside the allowed keys; the backward reads it).
   * No scratch.
   */
  attentionForward(
    q: number,
    k: number,
    v: number,
    y: number,
    probs: number,
    B: number,
    T: number,
    H: number,
    dh: number,
    window: number,
    start: number,
    end: number,
  ): void;
  /**
   * From dy = ∂L/∂y and the forward's probs: dP = dy Vᵀ, dS = P ⊙ (dP − rowsum(P ⊙ dP)), and
   * dq += scale·dS K, dk += scale·dSᵀ Q, dv += Pᵀ dy (ACCUMULATES) for pairs [start, end).
   * `scratch`: attentionScratchFloats(T, dh) floats of this thread.
   */
  attentionBackward(
    q: number,
    k: number,
    v: number,
    probs: number,
    dy: number,
    dq: number,
    dk: number,
    dv: number,
    scratch: number,
    B: number,
    T: number,
    H: number,
    dh: number,
    window: number,
    start: number,
    end: number,
  ): void;
}
