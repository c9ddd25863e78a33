import { describe, expect, it } from 'vitest';
import { createAttentionBackend } from '../compute/attentionBackend';
import { createAppStore } from './appStore';
import { sharedStateOf, startUrlSync } from './urlSync';

/** Just enough of a window: a hash, replaceState, hashchange listeners. */
function fakeWindow(hash: string) {
  const listeners: (() => void)[] = [];
  const win = {
    location: { hash },
    history: {
      state: null,
      replaceState: (_: unknown, __: string, url: string) => {
        win.location.hash = url;
      },
    },
    addEventListener: (_: string, l: () => void) => listeners.push(l),
    removeEventListener: () => {},
    navigate(next: string) {
      win.location.hash = next;
      for (const l of listeners) l();
    },
  };
  return win;
}

const newStore = () => createAppStore({ backend: createAttentionBackend(undefined) });
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('URL sync', () => {
  it('writes edits to the URL, and a fresh store on that URL has the same shared state', async () => {
    const a = newStore();
    const winA = fakeWindow('#/playground');
    startUrlSync(a, winA as unknown as Window);
    a.getState().applyPreset('needle', 4);
    a.getState().setPlayText(`${a.getState().sequence.text} ant`);
    a.getState().setSelectedModels(['based-mqar-l16-k2-d32-s1', 'mamba-mqar-l16-k2-d32-s1']);
    a.getState().setInspector({ model: 'mamba-mqar-l16-k2-d32-s1', row: 3 });
    expect(winA.location.hash).toMatch(/^#\/playground\?v=1&/);

    const b = newStore();
    startUrlSync(b, fakeWindow(winA.location.hash) as unknown as Window);
    expect(sharedStateOf(b.getState())).toEqual(sharedStateOf(a.getState()));
    await flush();
    expect(b.getState().notices).toEqual([]);
  });

  it('a malformed link applies the defaults and shows a notice, never throws', () => {
    const s = newStore();
    const before = sharedStateOf(s.getState());
    startUrlSync(s, fakeWindow('#/playground?v=1&seed=banana') as unknown as Window);
    expect(sharedStateOf(s.getState())).toEqual({ ...before });
    expect(s.getState().notices.map((n) => n.text)).toEqual([expect.stringMatching(/seed/)]);
  });

  it('reads a link pasted later (hashchange) and ignores talk routes', () => {
    const s = newStore();
    const win = fakeWindow('#/');
    startUrlSync(s, win as unknown as Window);
    win.navigate('#/playground?v=1&s=ant+3+ant&p=free&seed=2');
    expect(s.getState().sequence).toMatchObject({ text: 'ant 3 ant', presetId: 'free', seed: 2 });
    win.navigate('#/talk/2');
    s.getState().setPlayText('bee 4 bee');
    expect(win.location.hash).toBe('#/talk/2');
  });
});
