/**
 * The float32 WebAssembly training kernels of the recurrent, convolution and linear-attention ops
 * (assembly/train/selectiveScan.ts, rgLru.ts, causalConv.ts, gatedLinearAttention.ts, linearAttention.ts,
 * exported by assembly/trainKernels.ts): forward and backward of the float64 TypeScript ops in
 * simulations/training/ops/, computing the same values in float32 with f32x4 SIMD (tested all-close against
 * them, split-invariant and identical on the shared-memory build, in recurrentKernels.test.ts).
 *
 * Exponentials use a polynomial e^x (≤ 3 ulp near 0, relative error ~|x|·6e-8 below; exact 0 under −87.3), not
 * Math.exp. Forward + backward on one thread, B = T = 64, Node 20 on a shared 2-vCPU EPYC (CPU-time minima,
 * noisy) against the float64 ops: scan Ch 128 N 16 ≈ 37 ms (31 with saved decays) vs ≈ 600 ms; scan N 1
 * ≈ 5.5 vs ≈ 70 ms; RG-LRU Ch 128 ≈ 5 vs ≈ 60 ms; conv Ch 128 K 4 ≈ 1.2 vs ≈ 39 ms; decayed linear attention
 * H 2, dk = dv = 32 ≈ 13 vs ≈ 390 ms; linear attention H 1, D 273, dv 64 ≈ 16 vs ≈ 95 ms.
 *
 * Conventions: every array argument is the byte offset of a row-major float32 array in the module's memory
 * (16-byte alignment is not required); sizes are i32. The LAST TWO arguments of every kernel are the
 * (start, end) range that threads split; any split gives bit-identical results, and ranges of different threads
 * write disjoint memory. Forward kernels OVERWRITE their outputs; backward kernels ACCUMULATE (+=) into the
 * gradients, exactly as the TypeScript backward does. "Scratch" is per-thread memory (content not kept
 * between calls; SplitOptions.scratchIndex); a "partial" or "saved" array is shared by all threads of a call.
 * An optional array (a bias) is absent when its offset is 0.
 */
export interface RecurrentKernelExports {
  // ------------------------------------------------------------------------------------------------------
  // Mamba's selective scan (simulations/training/ops/selectiveScan.ts). Per sequence b and channel c:
  //   h_t[n] = exp(Δ_t[c]·A[c, n])·h_{t−1}[n] + Δ_t[c]·B_t[n]·x_t[c],   y_t[c] = Σ_n C_t[n]·h_t[n] + D[c]·x_t[c]
  // x, delta, y, dy [nSeq·T, Ch] (row b·T + t); A [Ch, N]; B, C [nSeq·T, N]; D [Ch]. Split: SEQUENCES
  // [seqStart, seqEnd) of nSeq (gB, gC sum over channels, so channels cannot split them); the gradients of the
  // shared A and D go through per-sequence partials summed by selectiveScanParamGrads (split: channels).
  // ------------------------------------------------------------------------------------------------------

  /**
   * Per-thread scratch of selectiveScanForward and selectiveScanBackward: (2·T + 1)·N' floats, N' = ⌈N/4⌉·4
   * (one channel's decays and states); for N ≤ 8, where the kernels vectorise over four channels instead of
   * over the states, 4·N·(2·T + 3).
   */
  selectiveScanScratchFloats(T: number, N: number): number;
  /**
   * The optional `saved` array (the decays e^{Δ·A}, kept by the forward pass for the backward pass):
   * nSeq·Ch·T·N' floats (N > 8), nSeq·⌈Ch/4⌉·T·4N (N ≤ 8): 33.5 MB at nSeq = T = 64, Ch = 128, N = 16.
   */
  selectiveScanSavedFloats(nSeq: number, T: number, Ch: number, N: number): number;
  /** The `partial` array of selectiveScanBackward: nSeq·Ch·(N' + 1) floats (A's [nSeq, Ch, N'], then D's [nSeq, Ch]). */
  selectiveScanPartialFloats(nSeq: number, Ch: number, N: number): number;
  /**
   * y = selectiveScan(x, Δ, A, B, C, D) for sequences [seqStart, seqEnd) (overwrites their rows of y).
   * saved = 0: nothing is kept, the backward pass recomputes each channel's decays and states in its scratch.
   * saved ≠ 0 (selectiveScanSavedFloats): the decays are written there and the backward pass reads them
   * instead of recomputing the exponentials (single-threaded, B = T = 64, Ch = 128, N = 16: backward ~⅓
   * faster, forward ~7% slower, for 33.5 MB written and read back; worth it while memory bandwidth is not
   * the limit). `scratch`: selectiveScanScratchFloats(T, N) floats of this thread.
   */
  selectiveScanForward(
    x: number,
    delta: number,
    A: number,
    B: number,
    C: number,
    D: number,
    y: number,
    saved: number,
    scratch: number,
    T: number,
    Ch: number,
    N: number,
    seqStart: number,
    seqEnd: number,
  ): void;
  /**
   * Backpropagation through time for sequences [seqStart, seqEnd), from dy = ∂L/∂y:
   *   dh_t = C_t dy_t + a_{t+1} dh_{t+1};  dC_t += dy_t h_t;  dB_t += dh_t Δ_t x_t;  dx_t += D dy_t + Δ_t Σ_n dh_t B_t;
   *   dΔ_t += x_t Σ_n dh_t B_t + Σ_n da_t A;  dA += Σ_t da_t Δ_t;  dD += Σ_t dy_t x_t   (da_t = dh_t a_t h_{t−1}).
   * ACCUMULATES into gx, gDelta [nSeq·T, Ch] and gB, gC [nSeq·T, N]; OVERWRITES the rows b ∈ [seqStart, seqEnd)
   * of `partial` (selectiveScanPartialFloats(nSeq, Ch, N)) with each sequence's dA and dD; then, after every
   * sequence is done, selectiveScanParamGrads adds them into gA and gD. `saved`: the forward's (0 if it kept
   * nothing). `scratch`: selectiveScanScratchFloats.
   */
  selectiveScanBackward(
    x: number,
    delta: number,
    A: number,
    B: number,
    C: number,
    D: number,
    dy: number,
    gx: number,
    gDelta: number,
    gB: number,
    gC: number,
    partial: number,
    saved: number,
    scratch: number,
    nSeq: number,
    T: number,
    Ch: number,
    N: number,
    seqStart: number,
    seqEnd: number,
  ): void;
  /** gA[c, :] += Σ_b partial_A[b, c, :], gD[c] += Σ_b partial_D[b, c] (b in order) for channels [channelStart, channelEnd). */
  selectiveScanParamGrads(
    partial: number,
    gA: number,
    gD: number,
    nSeq: number,
    Ch: number,
    N: number,
    channelStart: number,
    channelEnd: number,
  ): void;

  // ------------------------------------------------------------------------------------------------------
  // RG-LRU of Hawk/Griffin (simulations/training/ops/rgLru.ts). Per sequence and channel c:
  //   a_t = exp(−8·r_t·softplus(Λ_c)),  h_t = a_t·h_{t−1} + m_t·i_t·x_t,  m_t = √(1 − a_t²) (m_0 = 1)
  // x, r, i, h, dh [nSeq·T, Ch] (row b·T + t); Λ [Ch]. Split: CHANNELS [channelStart, channelEnd).
  // Nothing is saved: the backward pass reads h (the forward's output) and recomputes the decays.
  // ------------------------------------------------------------------------------------------------------

  /** Per-thread scratch of rgLruForward and rgLruBackward: 8·T + 2·Ch floats (decays, multipliers, rates). */
  rgLruScratchFloats(T: number, Ch: number): number;
  /** h = RG-LRU(x, r, i, Λ) for channels [channelStart, channelEnd) of every sequence (overwrites h). */
  rgLruForward(
    x: number,
    r: number,
    i: number,
    lambda: number,
    h: number,
    scratch: number,
    nSeq: number,
    T: number,
    Ch: number,
    channelStart: number,
    channelEnd: number,
  ): void;
  /**
   * BPTT from dh = ∂L/∂h and the forward's output h: g_t = dh_t + a_{t+1} g_{t+1};  di += g·m·x;  dx += g·m·i;
   * da_t = g·(h_{t−1} − i x a/m) (t > 0);  dr += da·a·(−8·softplus(Λ));  dΛ += Σ_{b,t} da·a·r·(−8·σ(Λ)).
   * ACCUMULATES into gx, gr, gi [nSeq·T, Ch] and gLambda [Ch], for channels [channelStart, channelEnd).
   */
  rgLruBackward(
    x: number,
    r: number,
    i: number,
    lambda: number,
    h: number,
    dh: number,
    gx: number,
    gr: number,
    gi: number,
    gLambda: number,
    scratch: number,
    nSeq: number,
    T: number,
    Ch: number,
    channelStart: number,
    channelEnd: number,
  ): void;

  // ------------------------------------------------------------------------------------------------------
  // Depthwise causal convolution (simulations/training/ops/causalConv.ts), per sequence:
  //   y[b, t, c] = bias[c] + Σ_k w[c, k]·x[b, t − (K−1) + k, c]   (w[c, K−1] multiplies the current token)
  // x, y, dy [nSeq·T, Ch]; w [Ch, K]; bias [Ch] (offset 0: no bias). Split: CHANNELS [channelStart, channelEnd).
  // Nothing is saved (the backward pass reads x and w).
  // ------------------------------------------------------------------------------------------------------

  /** y = causalConv(x, w, bias) for channels [channelStart, channelEnd) of every sequence (overwrites y). */
  causalConvForward(
    x: number,
    w: number,
    bias: number,
    y: number,
    nSeq: number,
    T: number,
    Ch: number,
    K: number,
    channelStart: number,
    channelEnd: number,
  ): void;
  /**
   * ACCUMULATES dx[t − (K−1) + k] += dy[t]·w[c, k],  dw[c, k] += Σ dy[t]·x[t − (K−1) + k],  dbias[c] += Σ dy
   * (gBias offset 0: no bias) for channels [channelStart, channelEnd).
   */
  causalConvBackward(
    x: number,
    w: number,
    dy: number,
    gx: number,
    gw: number,
    gBias: number,
    nSeq: number,
    T: number,
    Ch: number,
    K: number,
    channelStart: number,
    channelEnd: number,
  ): void;

  // ------------------------------------------------------------------------------------------------------
  // Decayed (gated) linear attention, recurrent form: RetNet, GLA, Mamba-2's SSD
  // (simulations/training/ops/gatedLinearAttention.ts). Per (sequence b, head h), S_t ∈ ℝ^{dk×dv}:
  //   S_t = Diag(e^{g_t}) S_{t−1} + k_t v_tᵀ,   o_t = scale·S_tᵀ q_t
  // q, k, g [B·T, H·dk]; v, o, dO [B·T, H·dv] (heads as column blocks). Split: PAIRS p = b·H + h in
  // [pairStart, pairEnd) of B·H. Nothing is saved: the backward pass recomputes the pair's states into scratch.
  // ------------------------------------------------------------------------------------------------------

  /** Per-thread scratch of both kernels: T·dk' + (T + 1)·dk·dv' floats (x' = ⌈x/4⌉·4): decays, states, ∂L/∂S. */
  gatedLinearAttentionScratchFloats(T: number, dk: number, dv: number): number;
  /** o = gatedLinearAttention(q, k, v, g) for pairs [pairStart, pairEnd) (overwrites their columns of o). */
  gatedLinearAttentionForward(
    q: number,
    k: number,
    v: number,
    g: number,
    o: number,
    scratch: number,
    T: number,
    H: number,
    dk: number,
    dv: number,
    scale: number,
    pairStart: number,
    pairEnd: number,
  ): void;
  /**
   * BPTT from dO with P_t = ∂L/∂S_t:  P_t = scale·q_t dO_tᵀ + Diag(e^{g_{t+1}}) P_{t+1};  dq_t += scale·S_t dO_t;
   * dk_t += P_t v_t;  dv_t += P_tᵀ k_t;  dg_t[a] += e^{g_t[a]} Σ_c P_t[a, c] S_{t−1}[a, c] (t > 0).
   * ACCUMULATES into gq, gk, gg [B·T, H·dk] and gv [B·T, H·dv] for pairs [pairStart, pairEnd).
   */
  gatedLinearAttentionBackward(
    q: number,
    k: number,
    v: number,
    g: number,
    dO: number,
    gq: number,
    gk: number,
    gv: number,
    gg: number,
    scratch: number,
    T: number,
    H: number,
    dk: number,
    dv: number,
    scale: number,
    pairStart: number,
    pairEnd: number,
  ): void;

  // ------------------------------------------------------------------------------------------------------
  // Linear attention with a feature map, parallel form (simulations/training/ops/linearAttention.ts
  // `linearAttention`; the feature map φ stays in TypeScript). Per (sequence b, head h), with
  // Â = (φQ φKᵀ) ⊙ causal mask and den = Â·1 + ε:  y = Â V / den.
  // φQ, φK [B·T, H·D]; v, y, dy [B·T, H·dv]. Split: PAIRS p = b·H + h in [pairStart, pairEnd) of B·H.
  // ------------------------------------------------------------------------------------------------------

  /** The forward's `saved` array: B·H·T·(T + 1) floats: Â [B·H, T, T] (zero above the diagonal), den [B·H, T]. */
  linearAttentionSavedFloats(B: number, T: number, H: number): number;
  /** Per-thread scratch of the backward kernel: T·(T + dv' + 1) floats (dÂ, G = dY/den, e). */
  linearAttentionScratchFloats(T: number, dv: number): number;
  /** y for pairs [pairStart, pairEnd) (overwrites their columns); writes their Â and den into `saved`. eps: LINEAR_ATTENTION_EPS. */
  linearAttentionForward(
    phiQ: number,
    phiK: number,
    v: number,
    y: number,
    saved: number,
    B: number,
    T: number,
    H: number,
    D: number,
    dv: number,
    eps: number,
    pairStart: number,
    pairEnd: number,
  ): void;
  /**
   * From dy, the forward's output y and `saved`, with G = dY/den and e = −rowsum(dY ⊙ Y)/den:
   * dÂ = (G Vᵀ + e 1ᵀ) ⊙ mask;  ACCUMULATES gQ += dÂ φK, gK += dÂᵀ φQ [B·T, H·D] and gv += Âᵀ G [B·T, H·dv].
   */
  linearAttentionBackward(
    phiQ: number,
    phiK: number,
    v: number,
    y: number,
    dy: number,
    saved: number,
    gQ: number,
    gK: number,
    gv: number,
    scratch: number,
    B: number,
    T: number,
    H: number,
    D: number,
    dv: number,
    pairStart: number,
    pairEnd: number,
  ): void;
}
