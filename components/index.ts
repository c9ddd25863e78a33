/** The component library's entry point. */
export { AttentionMatrix, type AttentionMatrixProps } from './AttentionMatrix/AttentionMatrix';
export { weightColorScale } from './AttentionMatrix/colorScale';
