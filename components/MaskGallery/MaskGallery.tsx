import { type JSX, type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { lshRound } from '../../simulations/attention/masks/lshBuckets';
import { INITIAL_PLAYBACK, reducePlayback, type ScanPlaybackIntent } from '../ScanTree/scanPlayback';
import { formatCount } from '../shared/format';
import { useReducedMotion } from '../shared/useReducedMotion';
import { LshBuckets } from './LshBuckets';
import { MaskBitmap } from './MaskBitmap';
import { type MaskGalleryEntry, type MaskSummary, reachSets, summariseMask } from './maskEntries';
import { ReachStrips } from './ReachStrips';
import './MaskGallery.css';

export interface MaskGalleryProps {
  /** The masks shown, as engine MaskSpecs with names (see `defaultMaskEntries` for one of every kind). */
  entries: readonly MaskGalleryEntry[];
  /** Sequence length T. */
  seqLen: number;
  /** Accessible name of the gallery. */
  label: string;
  /** Head dimension d for the FLOP counts (4·d per computed (query, key) pair). @default 16 */
  headDim?: number;
  /** Layers over which the receptive field grows. @default 4 */
  layers?: number;
  /** Shared query/key vectors [T, qkDim] for the data-dependent masks (LSH, k-means). */
  sharedQK?: Float32Array;
  /** Width of each `sharedQK` vector. */
  qkDim?: number;
  /** The selected mask's name (controlled). Leave undefined to let the component keep it. */
  selected?: string;
  /** Called when the user selects another mask. */
  onSelectedChange?: (name: string) => void;
  /** The query whose receptive field is animated. @default the last position */
  query?: number;
  /** Milliseconds per layer of the receptive-field animation. @default 800 */
  stepMs?: number;
  /** Force reduced motion on or off; undefined follows `prefers-reduced-motion` (then every layer shows at once). */
  reducedMotion?: boolean;
  /** Side of a thumbnail in CSS px. @default 96 */
  thumbSize?: number;
  /** Side of the selected mask in CSS px. @default 320 */
  detailSize?: number;
}

const pct = (x: number) => `${(100 * x).toFixed(x < 0.1 ? 1 : 0)}%`;

/**
 * A gallery of attention masks from the engine: each as a thumbnail with its density and FLOPs against full
 * causal attention; the selected one large, with a hover readout, its receptive field growing layer by layer
 * (animated; all at once under reduced motion) and, for LSH, the buckets before and after sorting.
 */
export function MaskGallery({
  entries,
  seqLen: T,
  label,
  headDim = 16,
  layers = 4,
  sharedQK,
  qkDim,
  selected,
  onSelectedChange,
  query,
  stepMs = 800,
  reducedMotion,
  thumbSize = 96,
  detailSize = 320,
}: MaskGalleryProps): JSX.Element {
  const hintId = useId();
  const reduced = useReducedMotion(reducedMotion);
  const [ownSelected, setOwnSelected] = useState(entries[0]?.name ?? '');
  const current = selected ?? ownSelected;
  const [hover, setHover] = useState<{ row: number; col: number } | null>(null);
  const ctx = useMemo(() => ({ sharedQK, dim: qkDim }), [sharedQK, qkDim]);
  const dataProblem =
    sharedQK && qkDim && sharedQK.length !== T * qkDim
      ? `sharedQK has ${sharedQK.length} values, expected ${T} × ${qkDim}`
      : sharedQK && !Array.from(sharedQK).every(Number.isFinite)
        ? 'sharedQK holds values that are not finite numbers (NaN or ±∞), so LSH and k-means cannot hash it'
        : null;
  const summaries = useMemo(
    () =>
      Number.isInteger(T) && T >= 1
        ? entries.map((entry): MaskSummary | { entry: MaskGalleryEntry; error: string } => {
            const dataDependent = entry.spec.kind === 'lsh' || entry.spec.kind === 'kmeans';
            if (dataDependent && dataProblem) return { entry, error: dataProblem };
            try {
              return summariseMask(entry, T, ctx, headDim, layers);
            } catch (e) {
              return { entry, error: (e as Error).message };
            }
          })
        : [],
    [entries, T, ctx, headDim, layers, dataProblem],
  );
  const index = Math.max(
    0,
    summaries.findIndex((s) => s.entry.name === current),
  );
  const chosen = summaries[index];
  const q = Math.max(0, Math.min(T - 1, query ?? T - 1));
  const reach = useMemo(
    () => (chosen && 'mask' in chosen ? reachSets(chosen.mask, q, layers) : null),
    [chosen, q, layers],
  );
  const lsh = useMemo(() => {
    if (!chosen || !('mask' in chosen) || chosen.entry.spec.kind !== 'lsh' || !sharedQK || !qkDim)
      return null;
    const s = chosen.entry.spec;
    return lshRound(sharedQK, T, qkDim, s.numBuckets, s.chunkSize, s.seed);
  }, [chosen, sharedQK, qkDim, T]);

  // The receptive-field animation: `level` layers revealed. It starts complete; Play (or selecting another mask)
  // grows it layer by layer. Reduced motion always shows every layer and never plays.
  const [playback, setPlayback] = useState(() => ({ ...INITIAL_PLAYBACK, level: layers }));
  const dispatch = (intent: ScanPlaybackIntent) => setPlayback((s) => reducePlayback(s, intent, layers));
  const shownFor = useRef(current);
  useEffect(() => {
    if (shownFor.current === current) return;
    shownFor.current = current;
    setPlayback({ level: reduced ? layers : 0, playing: !reduced });
  }, [current, reduced, layers]);
  useEffect(() => {
    if (reduced) setPlayback({ level: layers, playing: false });
  }, [reduced, layers]);
  useEffect(() => {
    if (!playback.playing || reduced) return;
    const id = window.setInterval(
      () => setPlayback((s) => reducePlayback(s, { type: 'tick' }, layers)),
      stepMs,
    );
    return () => window.clearInterval(id);
  }, [playback.playing, reduced, stepMs, layers]);

  if (!Number.isInteger(T) || T < 1 || entries.length === 0) {
    return (
      <div className="ba-mask-gallery" data-testid="mask-gallery" role="alert">
        Cannot draw “{label}”:{' '}
        {T < 1 || !Number.isInteger(T) ? `the sequence length must be ≥ 1, got ${T}` : 'there are no masks'}.
      </div>
    );
  }

  const select = (i: number) => {
    const name = summaries[(i + summaries.length) % summaries.length].entry.name;
    if (selected === undefined) setOwnSelected(name);
    onSelectedChange?.(name);
    setHover(null);
  };
  const onCardKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
    const to =
      step !== undefined
        ? index + step
        : e.key === 'Home'
          ? 0
          : e.key === 'End'
            ? summaries.length - 1
            : null;
    if (to === null) return;
    e.preventDefault();
    select(to);
    const buttons = e.currentTarget.parentElement?.querySelectorAll<HTMLButtonElement>('[role="radio"]');
    buttons?.[(to + summaries.length) % summaries.length]?.focus();
  };

  const level = reduced ? layers : playback.level;
  const ok = chosen && 'mask' in chosen ? chosen : null;
  const hoverLine =
    ok && hover
      ? `Query ${hover.row} → key ${hover.col}: ${
          hover.col > hover.row
            ? 'future (never visible to a causal model)'
            : ok.mask.allowed[hover.row * T + hover.col]
              ? 'computed'
              : 'skipped by this mask'
        }.`
      : 'Hover the mask to read a (query, key) pair.';

  return (
    <div className="ba-mask-gallery" data-testid="mask-gallery" data-selected={current} data-layer={level}>
      <div className="ba-mask-gallery__cards" role="radiogroup" aria-label={`${label}: masks for T = ${T}`}>
        {summaries.map((s, i) => (
          // biome-ignore lint/a11y/useSemanticElements: a card holds a thumbnail and stats, which an <input type="radio"> cannot; ARIA radio pattern with a roving tab stop
          <button
            key={s.entry.name}
            type="button"
            role="radio"
            aria-checked={i === index}
            tabIndex={i === index ? 0 : -1}
            className="ba-mask-gallery__card"
            onClick={() => select(i)}
            onKeyDown={onCardKey}
          >
            <span className="ba-mask-gallery__card-title">{s.entry.name}</span>
            {'mask' in s ? (
              <>
                <MaskBitmap mask={s.mask} size={thumbSize} />
                <span className="ba-mask-gallery__card-stats">
                  {pct(s.stats.densityVsCausal)} of causal pairs · {s.stats.flopsVsFull.toFixed(2)}× full
                  FLOPs
                </span>
              </>
            ) : (
              <span className="ba-mask-gallery__card-error">{s.error}</span>
            )}
          </button>
        ))}
      </div>
      {ok ? (
        <section className="ba-mask-gallery__detail" aria-label={`${ok.entry.name} in detail`}>
          <h4>{ok.entry.name}</h4>
          <div className="ba-mask-gallery__detail-row">
            <figure className="ba-mask-gallery__big" data-testid="mask-detail">
              <MaskBitmap mask={ok.mask} size={detailSize} onHover={setHover} />
              <figcaption>
                rows = query, columns = key;{' '}
                <span className="ba-mask-gallery__key ba-mask-gallery__key--allowed" /> computed{' '}
                <span className="ba-mask-gallery__key ba-mask-gallery__key--skipped" /> skipped{' '}
                <span className="ba-mask-gallery__key ba-mask-gallery__key--future" /> future
              </figcaption>
            </figure>
            <dl className="ba-mask-gallery__stats">
              <div>
                <dt>computed pairs</dt>
                <dd>
                  {ok.stats.allowedPairs} of {(T * (T + 1)) / 2} causal
                </dd>
              </div>
              <div>
                <dt>density</dt>
                <dd data-testid="mask-density">{pct(ok.stats.densityVsCausal)} of causal</dd>
              </div>
              <div>
                <dt>FLOPs (d = {headDim})</dt>
                <dd data-testid="mask-flops">
                  {formatCount(ok.stats.flops)} = {ok.stats.flopsVsFull.toFixed(3)}× full causal
                </dd>
              </div>
              <div>
                <dt>mean receptive field</dt>
                <dd>
                  {ok.meanReach
                    .slice(1)
                    .map((r, l) => `${l + 1}: ${r.toFixed(1)}`)
                    .join(' · ')}
                </dd>
              </div>
            </dl>
          </div>
          <p className="ba-mask-gallery__readout" aria-live="polite">
            {hoverLine}
          </p>
          <h4>
            Receptive field of query {q} across {layers} layers
          </h4>
          <div className="ba-mask-gallery__controls">
            {!reduced && (
              <button
                type="button"
                onClick={() => dispatch({ type: 'togglePlay' })}
                aria-pressed={playback.playing}
              >
                {playback.playing ? '❚❚ Pause' : '▶ Play'}
              </button>
            )}
            <button
              type="button"
              onClick={() => dispatch({ type: 'stepBack' })}
              disabled={reduced || level === 0}
            >
              ◀ Layer
            </button>
            <button
              type="button"
              onClick={() => dispatch({ type: 'stepForward' })}
              disabled={reduced || level === layers}
            >
              Layer ▶
            </button>
            <span id={hintId} className="ba-mask-gallery__note" data-testid="reach-status">
              {reduced ? 'Reduced motion: every layer shown. ' : `Showing ${level} of ${layers} layers. `}
              {reach &&
                `After ${level} layer${level === 1 ? '' : 's'}, ${reach[level].reduce((a, b) => a + b, 0)} of ${q + 1} positions can reach query ${q}.`}
            </span>
          </div>
          {reach && <ReachStrips reach={reach} query={q} shown={level} width={Math.max(detailSize, 320)} />}
          <p className="ba-mask-gallery__note">
            <span className="ba-mask-gallery__key ba-mask-gallery__key--query" /> the query{' '}
            <span className="ba-mask-gallery__key ba-mask-gallery__key--new" /> reached at this layer{' '}
            <span className="ba-mask-gallery__key ba-mask-gallery__key--old" /> reached earlier
          </p>
          {lsh && (
            <>
              <h4>LSH buckets before and after sorting (hash round 1)</h4>
              <LshBuckets round={lsh} width={Math.max(detailSize, 320)} />
            </>
          )}
        </section>
      ) : (
        chosen && (
          <p role="alert" className="ba-mask-gallery__problem">
            Cannot build “{chosen.entry.name}”: {'error' in chosen ? chosen.error : ''}
          </p>
        )
      )}
      <details className="ba-mask-gallery__table">
        <summary>Show the masks as a table</summary>
        <table>
          <caption>
            {label}: every mask at T = {T}, head dim {headDim}
          </caption>
          <thead>
            <tr>
              <th scope="col">mask</th>
              <th scope="col">computed pairs</th>
              <th scope="col">density vs causal</th>
              <th scope="col">FLOPs vs full</th>
              {Array.from({ length: layers }, (_, l) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: columns are layers
                <th key={l} scope="col">
                  mean reach, {l + 1} layer{l === 0 ? '' : 's'}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {summaries.map((s) => (
              <tr key={s.entry.name}>
                <th scope="row">{s.entry.name}</th>
                {'mask' in s ? (
                  <>
                    <td>{s.stats.allowedPairs}</td>
                    <td>{pct(s.stats.densityVsCausal)}</td>
                    <td>{s.stats.flopsVsFull.toFixed(3)}</td>
                    {s.meanReach.slice(1).map((r, l) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: cells are layers
                      <td key={l}>{r.toFixed(1)}</td>
                    ))}
                  </>
                ) : (
                  <td colSpan={3 + layers}>{s.error}</td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
