import { type JSX, type KeyboardEvent, useId, useMemo, useState } from 'react';
import { type TopKRouting, topKRouting } from '../../simulations/moe/topKRouting';
import { OKABE_ITO_BY_NAME } from '../shared/palette';
import '../shared/figure.css';

export interface MoeRoutingProps {
  /** Router logits x·W_r, shape [T × E], row-major (token t's score for expert e at t·E + e). */
  logits: ArrayLike<number>;
  /** Token labels, length T. */
  tokens: readonly string[];
  /** Number of experts E. */
  experts: number;
  /** Experts per token (top-k), 1 … E. */
  k: number;
  /** Expert capacity factor: each expert takes ⌈factor · T · k / E⌉ assignments; undefined or null = unlimited. */
  capacityFactor?: number | null;
  /** Expert names, length E. @default 'E0', 'E1', … */
  expertNames?: readonly string[];
  /** Controlled focused token (null = none); leave undefined to let the figure keep it. */
  focusedToken?: number | null;
  /** Called when the focused token changes (arrow keys, hover). */
  onFocusedTokenChange?: (token: number | null) => void;
  /** Accessible name of the figure. @default 'Mixture-of-experts routing' */
  label?: string;
}

const EXPERT_COLORS = [
  OKABE_ITO_BY_NAME.blue,
  OKABE_ITO_BY_NAME.orange,
  OKABE_ITO_BY_NAME.green,
  OKABE_ITO_BY_NAME.vermillion,
  OKABE_ITO_BY_NAME.purple,
  OKABE_ITO_BY_NAME.skyBlue,
  '#8a6d00',
  '#4d4d4d',
];
const expertColor = (e: number) => EXPERT_COLORS[e % EXPERT_COLORS.length];
const PLOT_H = 420;
const MAX_LABEL = 10;
const short = (s: string) => (s.length > MAX_LABEL ? `${s.slice(0, MAX_LABEL - 1)}…` : s);

export const MOE_ROUTING_HINT =
  'Arrow Up/Down move between tokens to show where each is routed, Home/End jump to the first/last, Escape clears.';

function describeToken(
  r: TopKRouting,
  t: number,
  tokens: readonly string[],
  names: readonly string[],
): string {
  const routes = r.assignments
    .filter((a) => a.token === t)
    .map(
      (a) => `${names[a.expert]} (gate ${a.gate.toFixed(2)}${a.kept ? '' : ', dropped: the expert is full'})`,
    )
    .join(', ');
  return `Token ${t} “${tokens[t]}” → ${routes}.`;
}

/**
 * A mixture-of-experts layer's top-k router: each token (left) is sent to its k most probable experts (right),
 * each link as thick as its gate weight; experts take at most their capacity, and the assignments beyond it are
 * dropped (dashed). Bars give each expert's load against capacity. Routing by simulations/moe/topKRouting.
 */
export function MoeRouting({
  logits,
  tokens,
  experts,
  k,
  capacityFactor,
  expertNames,
  focusedToken,
  onFocusedTokenChange,
  label = 'Mixture-of-experts routing',
}: MoeRoutingProps): JSX.Element {
  const hintId = useId();
  const hatchId = useId();
  const T = tokens.length;
  const [inner, setInner] = useState<number | null>(null);
  const routing = useMemo(() => {
    try {
      if (T === 0) return { error: 'there are no tokens' };
      return {
        r: topKRouting(logits, T, experts, { k, capacityFactor: capacityFactor ?? Number.POSITIVE_INFINITY }),
      };
    } catch (e) {
      return { error: (e as Error).message };
    }
  }, [logits, T, experts, k, capacityFactor]);

  if ('error' in routing) {
    return (
      <div className="ba-figure" data-testid="moe-routing" role="alert">
        Cannot route “{label}”: {routing.error}.
      </div>
    );
  }
  const { r } = routing;
  const names = Array.from({ length: experts }, (_, e) => expertNames?.[e] ?? `E${e}`);
  const focus = focusedToken !== undefined ? focusedToken : inner;
  const f = focus !== null && focus >= 0 && focus < T ? focus : null;
  const setFocus = (t: number | null) => {
    setInner(t);
    onFocusedTokenChange?.(t);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const next =
      e.key === 'ArrowDown'
        ? Math.min(T - 1, (f ?? -1) + 1)
        : e.key === 'ArrowUp'
          ? Math.max(0, (f ?? T) - 1)
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? T - 1
              : e.key === 'Escape'
                ? null
                : undefined;
    if (next === undefined || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    setFocus(next);
  };

  // geometry
  const rowH = PLOT_H / T;
  const showTokenLabels = rowH >= 12;
  const tokenX = 110;
  const expertX = 420;
  const expertW = 90;
  const expertH = Math.min(60, (PLOT_H - 8 * (experts - 1)) / experts);
  const expertGap = experts > 1 ? (PLOT_H - experts * expertH) / (experts - 1) : 0;
  const expertY = (e: number) =>
    (experts > 1 ? e * (expertH + expertGap) : (PLOT_H - expertH) / 2) + expertH / 2;
  const tokenY = (t: number) => (t + 0.5) * rowH;
  const barX = expertX + expertW + 20;
  const barW = 170;
  const finiteCap = Number.isFinite(r.capacity);
  const barMax = Math.max(1, ...r.demand, finiteCap ? r.capacity : 0);
  const bar = (n: number) => (barW * n) / barMax;
  const readout =
    f !== null
      ? describeToken(r, f, tokens, names)
      : 'Move through the tokens (arrow keys or hover) to follow their routes.';

  return (
    <figure className="ba-figure" data-testid="moe-routing" data-focused={f ?? ''} aria-label={label}>
      <div
        className="ba-figure__focusable"
        role="application"
        aria-roledescription="routing diagram"
        aria-label={`${label}: ${T} tokens routed to their top ${k} of ${experts} experts`}
        aria-describedby={hintId}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: role="application" is a focusable widget with its own keys
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        <svg
          width={barX + barW + 130}
          height={PLOT_H + 40}
          viewBox={`0 0 ${barX + barW + 130} ${PLOT_H + 40}`}
          aria-hidden="true"
        >
          <defs>
            <pattern
              id={hatchId}
              width="6"
              height="6"
              patternUnits="userSpaceOnUse"
              patternTransform="rotate(45)"
            >
              <rect width="6" height="6" fill="#ffffff" />
              <line x1="0" y1="0" x2="0" y2="6" stroke={OKABE_ITO_BY_NAME.vermillion} strokeWidth="2" />
            </pattern>
          </defs>
          <g transform="translate(0, 24)">
            <text x={tokenX} y={-10} textAnchor="end" fontSize={12} fontWeight={600}>
              tokens
            </text>
            <text x={expertX + expertW / 2} y={-10} textAnchor="middle" fontSize={12} fontWeight={600}>
              experts (top-{k})
            </text>
            <text x={barX} y={-10} fontSize={12} fontWeight={600}>
              load {finiteCap ? `/ capacity ${r.capacity}` : '(no capacity limit)'}
            </text>
            {r.assignments.map((a) => {
              const y0 = tokenY(a.token);
              const y1 = expertY(a.expert);
              const mid = (tokenX + 6 + expertX) / 2;
              const dim = f !== null && a.token !== f;
              return (
                <path
                  key={`${a.token}:${a.expert}`}
                  data-link={`${a.token}-${a.expert}`}
                  data-kept={a.kept}
                  d={`M${tokenX + 6},${y0} C${mid},${y0} ${mid},${y1} ${expertX},${y1}`}
                  fill="none"
                  stroke={a.kept ? expertColor(a.expert) : '#6b7280'}
                  strokeWidth={Math.max(0.5, Math.min(rowH * 0.8, 1 + 5 * a.gate))}
                  strokeDasharray={a.kept ? undefined : '4 3'}
                  strokeOpacity={dim ? 0.12 : f !== null ? 1 : 0.65}
                />
              );
            })}
            <g onPointerLeave={() => setFocus(null)}>
              {tokens.map((tok, t) => (
                <g
                  // biome-ignore lint/suspicious/noArrayIndexKey: tokens are positions
                  key={t}
                  data-token={t}
                  onPointerEnter={() => setFocus(t)}
                >
                  <rect
                    x={0}
                    y={t * rowH}
                    width={tokenX + 6}
                    height={rowH}
                    fill={t === f ? '#fde8d7' : 'transparent'}
                  />
                  {showTokenLabels && (
                    <text
                      x={tokenX}
                      y={tokenY(t)}
                      dy="0.35em"
                      textAnchor="end"
                      fontSize={Math.min(12, rowH * 0.8)}
                    >
                      {short(tok)} <tspan fill="#4a5263">{t}</tspan>
                    </text>
                  )}
                  <circle
                    cx={tokenX + 6}
                    cy={tokenY(t)}
                    r={Math.max(1, Math.min(4, rowH * 0.3))}
                    fill="#1d2330"
                  />
                </g>
              ))}
            </g>
            {names.map((name, e) => (
              <g key={name} data-expert={e}>
                <rect
                  x={expertX}
                  y={expertY(e) - expertH / 2}
                  width={expertW}
                  height={expertH}
                  rx={4}
                  fill="#ffffff"
                  stroke={expertColor(e)}
                  strokeWidth={2.5}
                />
                <text
                  x={expertX + expertW / 2}
                  y={expertY(e)}
                  dy="0.35em"
                  textAnchor="middle"
                  fontSize={12}
                  fontWeight={600}
                >
                  {short(name)}
                </text>
                <rect x={barX} y={expertY(e) - 7} width={bar(r.load[e])} height={14} fill={expertColor(e)} />
                {r.demand[e] > r.load[e] && (
                  <rect
                    x={barX + bar(r.load[e])}
                    y={expertY(e) - 7}
                    width={bar(r.demand[e] - r.load[e])}
                    height={14}
                    fill={`url(#${hatchId})`}
                    stroke={OKABE_ITO_BY_NAME.vermillion}
                    strokeWidth={0.5}
                  />
                )}
                <text x={barX + bar(r.demand[e]) + 6} y={expertY(e)} dy="0.35em" fontSize={11}>
                  {r.load[e]}
                  {r.demand[e] > r.load[e] ? ` (+${r.demand[e] - r.load[e]} dropped)` : ''}
                </text>
              </g>
            ))}
            {finiteCap && (
              <line
                x1={barX + bar(r.capacity)}
                x2={barX + bar(r.capacity)}
                y1={0}
                y2={PLOT_H}
                stroke="#1d2330"
                strokeDasharray="3 3"
              />
            )}
          </g>
        </svg>
      </div>
      <p id={hintId} className="ba-step-controls">
        {MOE_ROUTING_HINT} Link width = gate weight; dashed grey = dropped (over capacity).
      </p>
      <p className="ba-figure__readout" aria-live="polite" aria-atomic="true">
        {readout}
      </p>
      <dl className="ba-figure__stats">
        <dt>Assignments</dt>
        <dd>
          {T} tokens × top-{k} = {T * k}
        </dd>
        <dt>Expert capacity</dt>
        <dd>{finiteCap ? `⌈${capacityFactor} · ${T} · ${k} / ${experts}⌉ = ${r.capacity}` : 'unlimited'}</dd>
        <dt>Dropped</dt>
        <dd data-testid="moe-dropped">{r.dropped}</dd>
        <dt>Balance loss E·Σ f·P (1 = uniform)</dt>
        <dd data-testid="moe-balance">{r.balanceLoss.toFixed(3)}</dd>
      </dl>
      <details>
        <summary>Show the routing as tables</summary>
        <table>
          <caption>{label}: load per expert</caption>
          <thead>
            <tr>
              <th scope="col">expert</th>
              <th scope="col">kept</th>
              <th scope="col">routed</th>
              <th scope="col">mean router probability</th>
            </tr>
          </thead>
          <tbody>
            {names.map((name, e) => {
              let p = 0;
              for (let t = 0; t < T; t++) p += r.probs[t * experts + e];
              return (
                <tr key={name}>
                  <th scope="row">{name}</th>
                  <td>{r.load[e]}</td>
                  <td>{r.demand[e]}</td>
                  <td>{(p / T).toFixed(3)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <table>
          <caption>{label}: each token's experts and gates (first 256 tokens)</caption>
          <thead>
            <tr>
              <th scope="col">token</th>
              <th scope="col">experts (gate)</th>
            </tr>
          </thead>
          <tbody>
            {tokens.slice(0, 256).map((tok, t) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: tokens are positions
              <tr key={t}>
                <th scope="row">
                  {t} {tok}
                </th>
                <td>
                  {r.assignments
                    .filter((a) => a.token === t)
                    .map((a) => `${names[a.expert]} (${a.gate.toFixed(2)}${a.kept ? '' : ', dropped'})`)
                    .join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
