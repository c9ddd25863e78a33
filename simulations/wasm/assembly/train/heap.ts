/** First free byte above the module's static data (operands must start above it). */
export function heapBase(): usize {
  return __heap_base;
}
