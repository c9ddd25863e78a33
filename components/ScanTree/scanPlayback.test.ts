import { describe, expect, it } from 'vitest';
import { buildScanNetwork } from '../../simulations/scans/scanNetworks';
import { describeOp, scanNodes } from './scanNodes';
import {
  INITIAL_PLAYBACK,
  playbackIntentForKey,
  reducePlayback,
  type ScanPlayback,
  type ScanPlaybackIntent,
} from './scanPlayback';

const run = (intents: ScanPlaybackIntent['type'][], depth: number, state: ScanPlayback = INITIAL_PLAYBACK) =>
  intents.reduce((s, type) => reducePlayback(s, { type } as ScanPlaybackIntent, depth), state);

describe('reducePlayback', () => {
  it('steps within 0 … depth and pauses when the user steps', () => {
    expect(run(['stepForward', 'stepForward'], 3).level).toBe(2);
    expect(run(['stepBack'], 3).level).toBe(0);
    expect(run(['last', 'stepForward'], 3).level).toBe(3);
    expect(run(['play', 'stepForward'], 3)).toEqual({ level: 1, playing: false });
  });
  it('plays one level per tick and stops at the end', () => {
    const s = run(['play', 'tick', 'tick'], 3);
    expect(s).toEqual({ level: 2, playing: true });
    expect(run(['tick'], 3, s)).toEqual({ level: 3, playing: false });
    expect(run(['tick'], 3, { level: 3, playing: false })).toEqual({ level: 3, playing: false });
  });
  it('restarts from the inputs when played at the end, and does nothing without levels', () => {
    expect(run(['last', 'play'], 3)).toEqual({ level: 0, playing: true });
    expect(run(['play'], 0)).toEqual(INITIAL_PLAYBACK);
  });
  it('toggles, resets and clamps a reset level', () => {
    expect(run(['togglePlay', 'togglePlay'], 3)).toEqual({ level: 0, playing: false });
    expect(reducePlayback({ level: 2, playing: true }, { type: 'reset', level: 9 }, 4)).toEqual({
      level: 4,
      playing: false,
    });
  });
  it('maps keys to intents', () => {
    expect(playbackIntentForKey('ArrowRight')).toEqual({ type: 'stepForward' });
    expect(playbackIntentForKey('ArrowLeft')).toEqual({ type: 'stepBack' });
    expect(playbackIntentForKey(' ')).toEqual({ type: 'togglePlay' });
    expect(playbackIntentForKey('End')).toEqual({ type: 'last' });
    expect(playbackIntentForKey('x')).toBeNull();
  });
});

describe('scanNodes', () => {
  it('puts one node per op on the written wire, with the other wire read as its edge', () => {
    const net = buildScanNetwork('hillisSteele', 4);
    const nodes = scanNodes(net);
    expect(nodes).toHaveLength(net.levels.reduce((n, l) => n + l.ops.length, 0));
    expect(nodes.filter((n) => n.level === 2)).toEqual([
      { level: 2, target: 2, source: 0, type: 'combine' },
      { level: 2, target: 3, source: 1, type: 'combine' },
    ]);
  });
  it("draws Blelloch's down-sweep: a copy edge from the parent and a combine edge from the old left child", () => {
    const net = buildScanNetwork('blelloch', 4);
    const down = scanNodes(net).filter((n) => n.level === 4);
    expect(down).toEqual([
      { level: 4, target: 1, source: 3, type: 'copy' },
      { level: 4, target: 3, source: 1, type: 'combine' },
    ]);
    expect(scanNodes(net).find((n) => n.type === 'identity')).toEqual({
      level: 3,
      target: 3,
      source: null,
      type: 'identity',
    });
  });
  it('describes each kind of op', () => {
    expect(describeOp({ type: 'combine', left: 1, right: 3, target: 3 })).toBe('x[3] ← x[1] ∘ x[3]');
    expect(describeOp({ type: 'copy', source: 3, target: 1 })).toBe('x[1] ← x[3]');
    expect(describeOp({ type: 'identity', target: 3 })).toBe('x[3] ← identity (1, 0)');
    expect(describeOp({ type: 'combineInput', target: 2 })).toBe('x[2] ← x[2] ∘ input[2]');
  });
});
