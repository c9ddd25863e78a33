/**
 * safetensors (huggingface/safetensors format): an 8-byte little-endian u64 header length N, N bytes of JSON
 * header `{ name: { dtype, shape, data_offsets: [begin, end] }, "__metadata__": { string: string } }` (padded
 * with spaces to a multiple of 8), then the byte buffer; offsets are relative to the buffer start, tensors are
 * contiguous and the buffer has no holes. We write and read F32, little-endian. Every way a file can be wrong
 * gets its own error code and a message naming the tensor and the numbers.
 */
export type SafetensorsErrorCode =
  | 'too-short'
  | 'header-length'
  | 'header-too-large'
  | 'header-json'
  | 'unknown-dtype'
  | 'unsupported-dtype'
  | 'bad-entry'
  | 'size-mismatch'
  | 'bad-offsets'
  | 'truncated';

export class SafetensorsError extends Error {
  override name = 'SafetensorsError';
  constructor(
    readonly code: SafetensorsErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The spec's limit on the header (100 MB); larger headers are refused before parsing. */
export const MAX_HEADER_BYTES = 100_000_000;
const KNOWN_DTYPES: Record<string, number> = {
  F64: 8,
  F32: 4,
  F16: 2,
  BF16: 2,
  I64: 8,
  I32: 4,
  I16: 2,
  I8: 1,
  U8: 1,
  BOOL: 1,
  U16: 2,
  U32: 4,
  U64: 8,
  F8_E4M3: 1,
  F8_E5M2: 1,
};

export interface NamedTensor {
  data: Float32Array;
  shape: number[];
}

export interface SafetensorsFile {
  tensors: Map<string, NamedTensor>;
  metadata: Record<string, string>;
}

export function writeSafetensors(
  tensors: ReadonlyMap<string, NamedTensor>,
  metadata: Record<string, string> = {},
): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  const names = [...tensors.keys()];
  for (const name of names) {
    const { data, shape } = tensors.get(name) as NamedTensor;
    const n = shape.reduce((a, b) => a * b, 1);
    if (n !== data.length)
      throw new SafetensorsError(
        'size-mismatch',
        `Tensor ${name}: shape [${shape.join(', ')}] needs ${n} values, got ${data.length}`,
      );
    header[name] = { dtype: 'F32', shape, data_offsets: [offset, offset + 4 * n] };
    offset += 4 * n;
  }
  let json = JSON.stringify(header);
  const encoder = new TextEncoder();
  while (encoder.encode(json).length % 8 !== 0) json += ' ';
  const headerBytes = encoder.encode(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const name of names) {
    const { data } = tensors.get(name) as NamedTensor;
    for (let i = 0; i < data.length; i++, at += 4) view.setFloat32(at, data[i], true);
  }
  return out;
}

export function readSafetensors(input: Uint8Array | ArrayBuffer): SafetensorsFile {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.length < 8)
    throw new SafetensorsError(
      'too-short',
      `File is ${bytes.length} bytes; a safetensors file starts with an 8-byte header length`,
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getBigUint64(0, true);
  if (headerLength > BigInt(MAX_HEADER_BYTES)) {
    throw new SafetensorsError(
      'header-too-large',
      `Header length ${headerLength} exceeds the ${MAX_HEADER_BYTES}-byte limit (is this a safetensors file?)`,
    );
  }
  const N = Number(headerLength);
  if (N < 2 || 8 + N > bytes.length) {
    throw new SafetensorsError(
      'header-length',
      `Header length ${N} does not fit in a ${bytes.length}-byte file`,
    );
  }
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + N)));
  } catch (cause) {
    throw new SafetensorsError(
      'header-json',
      `Header is not valid UTF-8 JSON: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header))
    throw new SafetensorsError('header-json', 'Header must be a JSON object');
  const bufferStart = 8 + N;
  const bufferLength = bytes.length - bufferStart;
  const metadata = (header.__metadata__ ?? {}) as Record<string, string>;
  const entries: { name: string; begin: number; end: number; shape: number[] }[] = [];
  for (const [name, raw] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const entry = raw as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (typeof entry !== 'object' || entry === null)
      throw new SafetensorsError('bad-entry', `Tensor ${name}: entry must be an object`);
    const { dtype, shape, data_offsets: offsets } = entry;
    if (typeof dtype !== 'string' || !(dtype in KNOWN_DTYPES))
      throw new SafetensorsError('unknown-dtype', `Tensor ${name}: unknown dtype ${JSON.stringify(dtype)}`);
    if (dtype !== 'F32')
      throw new SafetensorsError(
        'unsupported-dtype',
        `Tensor ${name}: dtype ${dtype} is valid safetensors but this engine reads F32 only`,
      );
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0))
      throw new SafetensorsError(
        'bad-entry',
        `Tensor ${name}: shape must be an array of non-negative integers`,
      );
    if (
      !Array.isArray(offsets) ||
      offsets.length !== 2 ||
      !offsets.every((o) => Number.isInteger(o) && o >= 0) ||
      offsets[1] < offsets[0]
    ) {
      throw new SafetensorsError(
        'bad-offsets',
        `Tensor ${name}: data_offsets must be [begin, end] with 0 ≤ begin ≤ end`,
      );
    }
    const [begin, end] = offsets as [number, number];
    const expected = 4 * shape.reduce((a: number, b: number) => a * b, 1);
    if (end - begin !== expected)
      throw new SafetensorsError(
        'size-mismatch',
        `Tensor ${name}: shape [${shape.join(', ')}] × F32 is ${expected} bytes but data_offsets span ${end - begin}`,
      );
    if (end > bufferLength)
      throw new SafetensorsError(
        'truncated',
        `Tensor ${name}: data ends at byte ${end} of the buffer, but the file holds only ${bufferLength} bytes after the header (truncated?)`,
      );
    entries.push({ name, begin, end, shape });
  }
  // The spec requires the tensors to tile the buffer exactly: sorted by offset, no overlap, no hole.
  entries.sort((a, b) => a.begin - b.begin);
  let expectedBegin = 0;
  for (const e of entries) {
    if (e.begin !== expectedBegin)
      throw new SafetensorsError(
        'bad-offsets',
        `Tensor ${e.name} starts at ${e.begin}, expected ${expectedBegin} (tensors must be contiguous, without overlap or holes)`,
      );
    expectedBegin = e.end;
  }
  if (expectedBegin !== bufferLength)
    throw new SafetensorsError(
      'bad-offsets',
      `Tensors cover ${expectedBegin} bytes but the buffer has ${bufferLength} (trailing bytes)`,
    );
  const tensors = new Map<string, NamedTensor>();
  for (const e of entries) {
    const data = new Float32Array((e.end - e.begin) / 4);
    for (let i = 0; i < data.length; i++) data[i] = view.getFloat32(bufferStart + e.begin + 4 * i, true);
    tensors.set(e.name, { data, shape: e.shape });
  }
  return { tensors, metadata };
}
