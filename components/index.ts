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
