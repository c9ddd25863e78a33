import { describe, expect, it } from 'vitest';
import { initParams } from '../model/params';
import { architecturePreset } from '../model/presets';
import { loadModelWeights, saveModelWeights, WeightsMismatchError } from './modelWeights';
import { MAX_HEADER_BYTES, readSafetensors, SafetensorsError, writeSafetensors } from './safetensors';

const tensors = new Map([
  ['a', { data: Float32Array.from([1, -2.5, 3e-8, 1e30]), shape: [2, 2] }],
  ['b', { data: Float32Array.from([Math.PI]), shape: [1] }],
]);

/** Builds a file by hand from a header object and a buffer length. */
function handMade(header: unknown, bufferBytes: number, headerLength?: bigint): Uint8Array {
  const json = new TextEncoder().encode(typeof header === 'string' ? header : JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + bufferBytes);
  new DataView(out.buffer).setBigUint64(0, headerLength ?? BigInt(json.length), true);
  out.set(json, 8);
  return out;
}

const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof SafetensorsError) return `${e.code}: ${e.message}`;
    throw e;
  }
  return 'no error';
};

describe('safetensors', () => {
  it('round-trips F32 tensors and metadata; header is 8-byte aligned JSON', () => {
    const bytes = writeSafetensors(tensors, { arch: 'attention' });
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(n % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
    expect(header.a).toEqual({ dtype: 'F32', shape: [2, 2], data_offsets: [0, 16] });
    expect(header.b.data_offsets).toEqual([16, 20]);
    const back = readSafetensors(bytes);
    expect(back.metadata).toEqual({ arch: 'attention' });
    expect(back.tensors).toEqual(tensors);
    expect(bytes.length).toBe(8 + n + 20);
    // Little-endian on disk: 1.0f is 00 00 80 3f.
    expect([...bytes.subarray(8 + n, 8 + n + 4)]).toEqual([0, 0, 0x80, 0x3f]);
  });

  it('reads from an ArrayBuffer view that does not start at offset 0', () => {
    const bytes = writeSafetensors(tensors);
    const padded = new Uint8Array(bytes.length + 3);
    padded.set(bytes, 3);
    expect(readSafetensors(padded.subarray(3)).tensors.get('b')?.data[0]).toBeCloseTo(Math.PI, 6);
  });

  it('gives each kind of malformed file its own clear error', () => {
    const good = writeSafetensors(tensors);
    expect(codeOf(() => readSafetensors(new Uint8Array(5)))).toMatch(/^too-short/);
    expect(codeOf(() => readSafetensors(handMade({}, 0, BigInt(MAX_HEADER_BYTES + 1))))).toMatch(
      /^header-too-large/,
    );
    expect(codeOf(() => readSafetensors(handMade({}, 0, 10_000n)))).toMatch(
      /^header-length: Header length 10000 does not fit/,
    );
    expect(codeOf(() => readSafetensors(handMade('{"a": ', 0)))).toMatch(/^header-json/);
    expect(
      codeOf(() => readSafetensors(handMade({ a: { dtype: 'Q7', shape: [1], data_offsets: [0, 4] } }, 4))),
    ).toMatch(/^unknown-dtype: Tensor a: unknown dtype "Q7"/);
    expect(
      codeOf(() => readSafetensors(handMade({ a: { dtype: 'F16', shape: [2], data_offsets: [0, 4] } }, 4))),
    ).toMatch(/^unsupported-dtype/);
    expect(
      codeOf(() => readSafetensors(handMade({ a: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }, 8))),
    ).toMatch(/^size-mismatch: Tensor a: shape \[3\]/);
    expect(codeOf(() => readSafetensors(good.subarray(0, good.length - 2)))).toMatch(/^truncated: Tensor b/);
    expect(
      codeOf(() =>
        readSafetensors(
          handMade(
            {
              a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] },
              b: { dtype: 'F32', shape: [1], data_offsets: [4, 8] },
            },
            8,
          ),
        ),
      ),
    ).toMatch(/^bad-offsets: Tensor (a|b) starts at/);
    expect(
      codeOf(() => readSafetensors(handMade({ a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } }, 8))),
    ).toMatch(/^bad-offsets: .*trailing/);
    expect(
      codeOf(() => readSafetensors(handMade({ a: { dtype: 'F32', shape: [1], data_offsets: [4, 0] } }, 4))),
    ).toMatch(/^bad-offsets/);
  });
});

describe('model weights', () => {
  const config = architecturePreset('attention', { vocabSize: 16, dModel: 8, maxSeqLen: 8 });
  const params = initParams(config, 3);

  it('round-trip through safetensors', () => {
    expect(loadModelWeights(config, saveModelWeights(config, params))).toEqual(params);
  });

  it('reject shapes that do not match the config, naming every problem', () => {
    const wider = architecturePreset('attention', { vocabSize: 16, dModel: 16, maxSeqLen: 8 });
    const err = (() => {
      try {
        loadModelWeights(wider, saveModelWeights(config, params));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(WeightsMismatchError);
    expect((err as WeightsMismatchError).message).toMatch(
      /embed\.weight has shape \[16, 8\], the config expects \[16, 16\]/,
    );
    const extra = new Map([...params].map(([k, v]) => [k, { data: v, shape: [v.length] }]));
    extra.set('stray', { data: new Float32Array(1), shape: [1] });
    expect(() => loadModelWeights(config, writeSafetensors(extra))).toThrow(/unexpected tensor stray/);
    const missing = new Map([
      ['embed.weight', { data: params.get('embed.weight') as Float32Array, shape: [16, 8] }],
    ]);
    expect(() => loadModelWeights(config, writeSafetensors(missing))).toThrow(/missing pos\.weight \[8, 8\]/);
  });
});
