/** Errors the WebGPU runtime raises, each with a message a user (or a test log) can act on. */

/** No WebGPU: `navigator.gpu` is missing, no adapter was found, or `requestDevice` failed. */
export class WebGpuUnavailableError extends Error {
  override name = 'WebGpuUnavailableError';
}

/** A WGSL module failed to compile; `message` lists each error with the offending source line. */
export class ShaderCompileError extends Error {
  override name = 'ShaderCompileError';
  constructor(
    readonly label: string,
    readonly diagnostics: readonly string[],
  ) {
    super(`WGSL shader “${label}” failed to compile:\n${diagnostics.join('\n')}`);
  }
}

/** WebGPU rejected a submitted program (a binding or dispatch failed validation); the message is WebGPU's. */
export class GpuValidationError extends Error {
  override name = 'GpuValidationError';
}

/** A shape needs more than the device allows (buffer size, workgroups); names the limit and the numbers. */
export class DeviceLimitError extends Error {
  override name = 'DeviceLimitError';
}

/** Formats compilation messages as "line:col error: text" followed by the source line and a caret. */
export function formatCompilationMessages(
  source: string,
  messages: readonly GPUCompilationMessage[],
): string[] {
  const lines = source.split('\n');
  return messages.map((m) => {
    const where = `${m.lineNum}:${m.linePos}`;
    const text = lines[m.lineNum - 1];
    if (text === undefined) return `${where} ${m.type}: ${m.message}`;
    const caret = `${' '.repeat(Math.max(0, m.linePos - 1))}^`;
    return `${where} ${m.type}: ${m.message}\n  ${m.lineNum} | ${text}\n  ${' '.repeat(String(m.lineNum).length)} | ${caret}`;
  });
}
