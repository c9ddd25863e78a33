// AssemblyScript entry of the float32 TRAINING kernels (forward and backward of the step's heavy ops), built by
// scripts/build-wasm.mjs with SIMD, once with a private memory and once with a shared memory (worker threads of
// one step share it). Every kernel reads and writes float32 arrays at byte offsets of the imported memory; the
// TypeScript side (simulations/wasm/trainKernels.ts) lays them out in an arena and splits the last (start, end)
// range argument of each kernel across threads. One file per concept in ./train/.
export { heapBase } from './train/heap';
export {
  selectiveScanBackward,
  selectiveScanForward,
  selectiveScanParamGrads,
  selectiveScanPartialFloats,
  selectiveScanSavedFloats,
  selectiveScanScratchFloats,
} from './train/selectiveScan';
export { rgLruBackward, rgLruForward, rgLruScratchFloats } from './train/rgLru';
export { causalConvBackward, causalConvForward } from './train/causalConv';
export { addRowVector, columnSums, gemm, gemmScratchFloats } from './train/gemm';
export { attentionBackward, attentionForward, attentionScratchFloats } from './train/attention';
export {
  layerNormBackward,
  layerNormForward,
  layerNormParamGrads,
  rmsNormBackward,
  rmsNormForward,
  rmsNormParamGrads,
} from './train/norms';
export { embedBackward, embedForward } from './train/embedding';
export {
  accumulate,
  addForward,
  columnSlice,
  mulBackward,
  mulForward,
  unaryBackward,
  unaryForward,
} from './train/elementwise';
export {
  gatedLinearAttentionBackward,
  gatedLinearAttentionForward,
  gatedLinearAttentionScratchFloats,
} from './train/gatedLinearAttention';
export {
  linearAttentionBackward,
  linearAttentionForward,
  linearAttentionSavedFloats,
  linearAttentionScratchFloats,
} from './train/linearAttention';
export { longConvBackward, longConvForward, longConvScratchFloats } from './train/longConv';
