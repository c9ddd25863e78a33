/** The component library's entry point. */

export { Attention3D, type Attention3DProps } from './Attention3D/Attention3D';
export * from './AttentionMatrix/AttentionMatrix';
export {
  type ColorScaleMode,
  contrastRatio,
  LOG_FLOOR,
  legendTicks,
  textColorOn,
  weightColorScale,
} from './AttentionMatrix/colorScale';
export {
  highlightedRow,
  INITIAL_MATRIX_FOCUS,
  intentForKey,
  type MatrixCell,
  type MatrixFocus,
  type MatrixFocusIntent,
  type MatrixFocusState,
  type MatrixShape,
  normalizeMatrixFocus,
  reduceMatrixFocus,
  type UseMatrixFocusOptions,
  useMatrixFocus,
} from './AttentionMatrix/useMatrixFocus';
export {
  ConvolutionKernel,
  type ConvolutionKernelProps,
  type KernelCurve,
  type KernelEquivalence,
} from './ConvolutionKernel/ConvolutionKernel';
export { type OutputDifference, outputDifference, outputsAgree } from './ConvolutionKernel/kernelDifference';
export { CostCharts, type CostChartsProps, type LatencyCurve } from './CostCharts/CostCharts';
export { type CostCurve, type CostPoint, costSweep, powersOfTwo } from './CostCharts/costSweep';
export {
  FlashAttentionTiling,
  type FlashAttentionTilingProps,
  MAX_TILES,
} from './FlashAttentionTiling/FlashAttentionTiling';
export {
  GATE_STRIPS_HINT,
  type GateDecays,
  type GateStrip,
  GateStrips,
  type GateStripsProps,
} from './GateStrips/GateStrips';
export { retentionCurve, retentionDrop } from './GateStrips/retentionCurve';
export {
  HiddenStateEvolution,
  type HiddenStateEvolutionProps,
} from './HiddenStateEvolution/HiddenStateEvolution';
export type { StateProbe, StateShape } from './HiddenStateEvolution/stateSeries';
export {
  ImplicitAttention,
  type ImplicitAttentionPanel,
  type ImplicitAttentionProps,
} from './ImplicitAttention/ImplicitAttention';
export { MaskGallery, type MaskGalleryProps } from './MaskGallery/MaskGallery';
export { defaultMaskEntries, type MaskGalleryEntry } from './MaskGallery/maskEntries';
export { MOE_ROUTING_HINT, MoeRouting, type MoeRoutingProps } from './MoeRouting/MoeRouting';
export { RecallCurves, type RecallCurvesProps } from './RecallCurves/RecallCurves';
export {
  architectureOrder,
  type RecallAxis,
  type RecallResult,
  recallSeries,
} from './RecallCurves/recallSeries';
export {
  type Grade,
  grade as gradeRecall,
  type RecallPrediction,
  type RecallQuery,
  score as recallScore,
} from './RecallReadout/grading';
export {
  type ArchitectureReadout,
  RecallReadout,
  type RecallReadoutProps,
} from './RecallReadout/RecallReadout';
export { MAX_RING_DEVICES, RingAttention, type RingAttentionProps } from './RingAttention/RingAttention';
export { SCAN_TREE_HINT, ScanTree, type ScanTreeProps } from './ScanTree/ScanTree';
export { ORBIT_HINT, type OrbitState } from './Scene3D/orbit';
export { type ChipIntent, chipIntent } from './SequenceEditor/chipKeys';
export {
  SEQUENCE_EDITOR_HINT,
  SequenceEditor,
  type SequenceEditorProps,
  type SequencePreset,
  type TokenRole,
} from './SequenceEditor/SequenceEditor';
export {
  type EntryResult,
  insertTokens,
  moveToken,
  parseEntry,
  removeToken,
  replaceToken,
} from './SequenceEditor/sequenceEdits';
export { STATE_VOLUME_HINT, StateVolume3D, type StateVolume3DProps } from './StateVolume3D/StateVolume3D';
// Shared figure primitives (components/shared/): charts, colours, number formatting, motion, step controls.
export type { AxisScale, ChartPoint, ChartSeries } from './shared/chartScales';
export {
  formatBytes,
  formatCount,
  formatGrouped,
  formatNumber,
  formatProbability,
  formatValue,
} from './shared/format';
export {
  MARKER_SHAPES,
  type MarkerShape,
  markerPath,
  NON_FINITE_COLOR,
  OKABE_ITO,
  OKABE_ITO_BY_NAME,
  seriesStyle,
} from './shared/palette';
export { SERIES_CHART_HINT, SeriesChart, type SeriesChartProps } from './shared/SeriesChart';
export { StepControls } from './shared/StepControls';
export { type StateColorMode, stateColor } from './shared/stateColor';
export { useReducedMotion } from './shared/useReducedMotion';
