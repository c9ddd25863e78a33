/**
 * Talk mode's scenes, in order. Everything on them is deterministic: fixed sequences, fixed seeds, fixed
 * models (preloaded when talk mode opens). Scene n is at #/talk/n.
 */
import type { ReactNode } from 'react';
import { CostFigure } from '../learn/figures/CostFigure';
import { HandBuiltAttentionFigure } from '../learn/figures/HandBuiltAttentionFigure';
import { LiveRecallFigure } from '../learn/figures/LiveRecallFigure';
import { MaskFigure } from '../learn/figures/MaskFigure';
import { ParetoFigure } from '../learn/figures/ParetoFigure';

export interface Scene {
  title: string;
  /** One line the audience should leave with. */
  point: string;
  /** The live content; `runKey` changes on R (reset). */
  render(runKey: number): ReactNode;
}

/**
 * The recall scene's models, all trained at MQAR L16 K2: full attention (the long-budget run that left the 1/K
 * plateau) against three recurrent families.
 */
export const TALK_MODELS = [
  'attention-mqar-l16-k2-d32-long',
  'based-mqar-l16-k2-d32-s1',
  'mamba-mqar-l16-k2-d32-s1',
  's4d-mqar-l16-k2-d32-s1',
];

export const SCENES: Scene[] = [
  {
    title: 'Is attention all you need?',
    point: 'Attention keeps the whole past. Recurrent models keep a summary. Which wins?',
    render: () => (
      <ul className="talk-list">
        <li>Full attention: perfect recall, memory and compute that grow with the text</li>
        <li>Linear RNNs and state-space models: a fixed-size state, constant memory per token</li>
        <li>Hybrids: a little attention, a lot of recurrence</li>
      </ul>
    ),
  },
  {
    title: 'Every token looks at every earlier token',
    point: 'N tokens → N(N+1)/2 query–key pairs. Doubling the text quadruples the work.',
    render: (k) => <HandBuiltAttentionFigure key={k} size={420} />,
  },
  {
    title: 'Meaning is mostly local: sparse attention',
    point:
      'Compute only some pairs — a window, strides, a few global tokens — and stack layers to reach further.',
    render: (k) => <MaskFigure key={k} size={380} />,
  },
  {
    title: 'The KV cache grows; a recurrent state does not',
    point: 'Memory per layer at inference, from our cost models.',
    render: () => <CostFigure />,
  },
  {
    title: 'Recall, live',
    point: 'Two keys bound, then asked for. Four trained tiny models answer, right now, in this browser.',
    render: (k) => (
      <LiveRecallFigure text="ant 3 bee 5 _ _ _ _ _ _ bee _ ant _ _ _" models={TALK_MODELS} runKey={k} />
    ),
  },
  {
    title: 'Overwrite a key: the latest binding must win',
    point: 'Same models, “ant” re-bound from 3 to 7 before it is asked for.',
    render: (k) => (
      <LiveRecallFigure text="ant 3 bee 5 ant 7 _ _ _ _ bee _ ant _ _ _" models={TALK_MODELS} runKey={k} />
    ),
  },
  {
    title: 'State size vs recall, measured',
    point: 'Our own models: more state buys more recall — and selectivity buys more per byte.',
    render: () => <ParetoFigure width={520} height={330} />,
  },
];
