/** Talk mode's keyboard map (clickers send PageUp/PageDown): key → action. */
export type TalkAction =
  | { kind: 'go'; scene: number }
  | { kind: 'fullscreen' }
  | { kind: 'reset' }
  | { kind: 'exit' }
  | null;

export function talkAction(key: string, scene: number, sceneCount: number): TalkAction {
  const clamp = (n: number) => Math.min(sceneCount, Math.max(1, n));
  switch (key) {
    case 'ArrowRight':
    case 'PageDown':
    case ' ':
      return { kind: 'go', scene: clamp(scene + 1) };
    case 'ArrowLeft':
    case 'PageUp':
      return { kind: 'go', scene: clamp(scene - 1) };
    case 'Home':
      return { kind: 'go', scene: 1 };
    case 'End':
      return { kind: 'go', scene: sceneCount };
    case 'f':
    case 'F':
      return { kind: 'fullscreen' };
    case 'r':
    case 'R':
      return { kind: 'reset' };
    case 'Escape':
      return { kind: 'exit' };
  }
  if (/^[1-9]$/.test(key) && Number(key) <= sceneCount) return { kind: 'go', scene: Number(key) };
  return null;
}
