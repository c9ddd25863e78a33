/** The component library's entry point. */
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
export { SCAN_TREE_HINT, ScanTree, type ScanTreeProps } from './ScanTree/ScanTree';
export { RecallCurves, type RecallCurvesProps } from './RecallCurves/RecallCurves';
export {
  type AxisScale,
  type ChartPoint,
  type ChartSeries,
  formatBytes,
  formatNumber,
} from './RecallCurves/chartScales';
export { MARKER_SHAPES, type MarkerShape, markerPath, OKABE_ITO, seriesStyle } from './RecallCurves/palette';
export { architectureOrder, type RecallAxis, type RecallResult, recallSeries } from './RecallCurves/recallSeries';
export { SERIES_CHART_HINT, SeriesChart, type SeriesChartProps } from './RecallCurves/SeriesChart';
export {
  HiddenStateEvolution,
  type HiddenStateEvolutionProps,
} from './HiddenStateEvolution/HiddenStateEvolution';
export type { StateProbe, StateShape } from './HiddenStateEvolution/stateSeries';
export { CostCharts, type CostChartsProps, type LatencyCurve } from './CostCharts/CostCharts';
export { type CostCurve, type CostPoint, costSweep, powersOfTwo } from './CostCharts/costSweep';
export {
  ConvolutionKernel,
  type ConvolutionKernelProps,
  type KernelCurve,
  type KernelEquivalence,
} from './ConvolutionKernel/ConvolutionKernel';
export { type OutputDifference, outputDifference, outputsAgree } from './ConvolutionKernel/kernelDifference';
export {
  ImplicitAttention,
  type ImplicitAttentionPanel,
  type ImplicitAttentionProps,
} from './ImplicitAttention/ImplicitAttention';
export { MaskGallery, type MaskGalleryProps } from './MaskGallery/MaskGallery';
export { defaultMaskEntries, type MaskGalleryEntry } from './MaskGallery/maskEntries';
