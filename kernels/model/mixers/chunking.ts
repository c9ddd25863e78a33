/**
 * When the GPU forward runs linear attention / RetNet / GLA / Mamba-2 in chunkwise form rather than token by
 * token (decision 008). The recurrent kernels keep one state column per thread — H·d_v threads walking T·d_k
 * dependent steps — while the chunked kernels run d_k·d_v threads per head over T steps for the chunk states,
 * then every token in parallel (C·d_k steps each). From a few chunks on, the chunked form has the shorter
 * critical path on any GPU; below that, the one-dispatch recurrent kernel wins on launch overhead.
 */
export const GPU_CHUNK = 32;
export const CHUNKED_FROM_T = 4 * GPU_CHUNK;

export const chunkedByDefault = (T: number): boolean => T >= CHUNKED_FROM_T;
