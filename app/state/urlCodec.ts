/**
 * The shareable part of the app state ↔ the query string after the hash route (`#/playground?v=1&…`).
 * Versioned: `v` names the format. A link from another version, or with any field that does not parse, is
 * NOT half-applied: decoding returns the defaults plus a notice that says what was wrong, and never throws.
 *
 * Format v1 (all fields optional except v):
 *   v=1  s=<sequence text>  p=<preset id>  seed=<int ≥ 0>  m=<model id>,<model id>,… (absent: preset default)
 *   i=<inspected model id>  il=<layer>  ih=<head>  ir=<locked row, or absent>
 */
import { MAX_SEQUENCE_LENGTH, parseSequence } from '../../simulations/vocabulary/parseSequence';

export const URL_FORMAT_VERSION = 1;
/** At most this many models side by side. */
export const MAX_SELECTED_MODELS = 8;

export interface SharedState {
  sequenceText: string;
  presetId: string;
  seed: number;
  /** Models side by side; null = the preset's default selection. */
  models: string[] | null;
  inspector: { model: string | null; layer: number; head: number; row: number | null };
}

export type DecodeResult =
  | { status: 'empty' }
  | { status: 'ok'; state: SharedState }
  | { status: 'invalid'; state: SharedState; notice: string };

const MODEL_ID = /^[a-z0-9][a-z0-9.-]{0,79}$/;
const PRESET_ID = /^[a-z0-9-]{1,40}$/;
const MAX_INT = 1_000_000;

export function encodeSharedState(state: SharedState): string {
  const q = new URLSearchParams();
  q.set('v', String(URL_FORMAT_VERSION));
  q.set('s', state.sequenceText);
  q.set('p', state.presetId);
  q.set('seed', String(state.seed));
  if (state.models !== null) q.set('m', state.models.join(','));
  if (state.inspector.model) {
    q.set('i', state.inspector.model);
    q.set('il', String(state.inspector.layer));
    q.set('ih', String(state.inspector.head));
    if (state.inspector.row !== null) q.set('ir', String(state.inspector.row));
  }
  return q.toString();
}

class FieldError extends Error {}

function int(q: URLSearchParams, key: string, fallback: number): number {
  const raw = q.get(key);
  if (raw === null) return fallback;
  if (!/^\d{1,7}$/.test(raw) || Number(raw) > MAX_INT)
    throw new FieldError(`“${key}” should be a whole number, got “${raw.slice(0, 20)}”`);
  return Number(raw);
}

/** Parses a query string; `defaults` fills absent fields and replaces everything when the link is invalid. */
export function decodeSharedState(query: string, defaults: SharedState): DecodeResult {
  let q: URLSearchParams;
  try {
    q = new URLSearchParams(query);
  } catch {
    return { status: 'invalid', state: defaults, notice: 'The link’s settings could not be read.' };
  }
  if ([...q.keys()].length === 0) return { status: 'empty' };
  const v = q.get('v');
  if (v !== String(URL_FORMAT_VERSION)) {
    const which = v === null ? 'has no format version' : `is format version “${v.slice(0, 10)}”`;
    return {
      status: 'invalid',
      state: defaults,
      notice: `This link ${which}; this site reads version ${URL_FORMAT_VERSION}. Showing the default playground instead.`,
    };
  }
  try {
    const sequenceText = q.get('s') ?? defaults.sequenceText;
    if (sequenceText.length > MAX_SEQUENCE_LENGTH * 17) throw new FieldError('the sequence is too long');
    const parsed = parseSequence(sequenceText);
    if (!parsed.ok) throw new FieldError(`the sequence does not parse (${parsed.problems[0].message})`);
    const presetId = q.get('p') ?? defaults.presetId;
    if (!PRESET_ID.test(presetId)) throw new FieldError(`“p” is not a preset name`);
    const rawModels = q.get('m');
    const models = rawModels === null ? null : rawModels === '' ? [] : rawModels.split(',');
    if (models && models.length > MAX_SELECTED_MODELS)
      throw new FieldError(`more than ${MAX_SELECTED_MODELS} models`);
    for (const m of models ?? [])
      if (!MODEL_ID.test(m)) throw new FieldError(`“${m.slice(0, 40)}” is not a model id`);
    const model = q.get('i');
    if (model !== null && !MODEL_ID.test(model)) throw new FieldError(`“i” is not a model id`);
    const ir = q.get('ir');
    const state: SharedState = {
      sequenceText,
      presetId,
      seed: int(q, 'seed', defaults.seed),
      models: models && [...new Set(models)],
      inspector: {
        model,
        layer: int(q, 'il', 0),
        head: int(q, 'ih', 0),
        row: ir === null ? null : int(q, 'ir', 0),
      },
    };
    return { status: 'ok', state };
  } catch (error) {
    if (!(error instanceof FieldError)) throw error;
    return {
      status: 'invalid',
      state: defaults,
      notice: `This link could not be used: ${error.message}. Showing the default playground instead.`,
    };
  }
}
