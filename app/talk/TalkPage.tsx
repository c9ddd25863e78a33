import { type CSSProperties, useEffect, useRef, useState } from 'react';
import { appStore, useAppStore } from '../state/useAppStore';
import { SCENES, TALK_MODELS } from './scenes';
import { talkAction } from './talkKeys';

interface TalkPageProps {
  /** 1-based scene number from the URL. */
  scene: number;
}

/** min(width / 1920, height / 1080): how much fixed-size figures zoom to fill the screen (CSS --talk-u). */
const screenUnit = () => Math.min(window.innerWidth / 1920, window.innerHeight / 1080);

function useScreenUnit(): number {
  const [u, setU] = useState(screenUnit);
  useEffect(() => {
    const onResize = () => setU(screenUnit());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return u;
}

const go = (n: number) => {
  window.location.hash = `/talk/${n}`;
};

/** Full-screen, keyboard-driven scenes: ←/→ (or a clicker), 1–9, F fullscreen, R reset, Esc leaves. */
export default function TalkPage({ scene }: TalkPageProps) {
  const resets = useAppStore((s) => s.talk.resets);
  const resetScene = useAppStore((s) => s.resetTalkScene);
  const setScene = useAppStore((s) => s.setTalkScene);
  const rootRef = useRef<HTMLDivElement>(null);
  const unit = useScreenUnit();
  const count = SCENES.length;
  const valid = scene >= 1 && scene <= count;

  useEffect(() => appStore.getState().preloadModels(TALK_MODELS), []);
  useEffect(() => {
    setScene(scene);
    rootRef.current?.focus();
  }, [scene, setScene]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const target = e.target as HTMLElement | null;
      // Typing in a form control inside a scene (e.g. a select) keeps its own keys.
      if (target?.closest('input, select, textarea')) return;
      const action = talkAction(e.key, valid ? scene : 1, count);
      if (!action) return;
      e.preventDefault();
      if (action.kind === 'go') go(action.scene);
      else if (action.kind === 'reset') resetScene();
      else if (action.kind === 'exit') {
        if (document.fullscreenElement) void document.exitFullscreen();
        else window.location.hash = '/';
      } else if (document.fullscreenElement) void document.exitFullscreen();
      else void rootRef.current?.requestFullscreen?.().catch(() => {});
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [scene, valid, resetScene]);

  const current = SCENES[scene - 1];
  return (
    <div
      className="talk"
      ref={rootRef}
      tabIndex={-1}
      data-testid="talk"
      data-scene={valid ? scene : ''}
      style={{ '--talk-u': unit.toFixed(3) } as CSSProperties}
    >
      {valid ? (
        <section
          className="talk-scene"
          aria-roledescription="slide"
          aria-label={`Scene ${scene} of ${count}`}
        >
          <h1>{current.title}</h1>
          <p className="talk-point">{current.point}</p>
          <div className="talk-body">{current.render(resets)}</div>
        </section>
      ) : (
        <section className="talk-scene">
          <h1>No scene {scene}</h1>
          <p className="talk-point">
            This talk has {count} scenes. <a href="#/talk/1">Start at scene 1</a>.
          </p>
        </section>
      )}
      <footer className="talk-footer">
        <span>
          {valid ? scene : '–'} / {count}
        </span>
        <span className="talk-help">
          ← → or clicker · 1–{Math.min(9, count)} jump · F full screen · R reset · Esc exit
        </span>
        <nav aria-label="Scenes">
          <button type="button" onClick={() => go(Math.max(1, scene - 1))} disabled={scene <= 1}>
            ← Previous
          </button>{' '}
          <button type="button" onClick={() => go(Math.min(count, scene + 1))} disabled={scene >= count}>
            Next →
          </button>
        </nav>
      </footer>
    </div>
  );
}
