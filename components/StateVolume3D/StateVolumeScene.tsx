import { useMemo } from 'react';
import { MatrixPlane } from '../Scene3D/MatrixPlane';
import { matrixTextureBytes } from '../Scene3D/planeTexture';
import { TextSprite } from '../Scene3D/TextSprite';

export interface StateVolumeSceneProps {
  states: Float32Array | readonly number[];
  steps: number;
  rows: number;
  cols: number;
  tokens: readonly string[];
  color: (v: number) => string;
  opacity: number;
  depth: number;
  step: number;
  /** The time steps drawn as slices (sliceSteps): all of them, or a thinned set for long sequences. */
  drawn: readonly number[];
  onSelect: (step: number) => void;
}

/** Gap between consecutive slices for a volume `depth` units deep. */
export const sliceGap = (steps: number, depth: number) => (steps > 1 ? depth / (steps - 1) : 0);
/** Label every k-th drawn slice so that labels do not collide. */
export const labelEvery = (slices: number) => Math.max(1, Math.ceil(slices / 6));
/** The point the camera orbits: the middle of the volume. */
export const volumeCenter = (steps: number, depth: number): [number, number, number] => [
  0,
  0,
  (-(steps - 1) * sliceGap(steps, depth)) / 2,
];

/** The scene's content (inside OrbitView's canvas): slice t of the state at depth −t·gap (time runs away). */
export function StateVolumeScene({
  states,
  steps,
  rows,
  cols,
  tokens,
  color,
  opacity,
  depth,
  step,
  drawn,
  onSelect,
}: StateVolumeSceneProps) {
  // one texture per step, made when first drawn and kept while the data stay the same
  const texture = useMemo(() => {
    const cache = new Map<number, Uint8Array>();
    return (t: number) => {
      let bytes = cache.get(t);
      if (!bytes) {
        bytes = matrixTextureBytes(states, t * rows * cols, rows, cols, color);
        cache.set(t, bytes);
      }
      return bytes;
    };
  }, [states, rows, cols, color]);
  const gap = sliceGap(steps, depth);
  const [w, h] = cols >= rows ? [1, rows / cols] : [cols / rows, 1];
  const every = labelEvery(drawn.length);
  return (
    <>
      {drawn.map((t) => (
        <MatrixPlane
          key={t}
          bytes={texture(t)}
          width={cols}
          height={rows}
          position={[0, 0, -t * gap]}
          size={[w, h]}
          opacity={opacity}
          selected={t === step}
          onSelect={() => onSelect(t)}
        />
      ))}
      {drawn.map((t, k) =>
        k % every === 0 || t === step ? (
          <TextSprite
            key={`t${t}`}
            text={`t=${t} ${tokens[t] ?? ''}`}
            position={[w / 2 + 0.06, -h / 2, -t * gap]}
            anchor="left"
            height={t === step ? 0.13 : 0.1}
            color={t === step ? '#a04000' : '#1d2330'}
          />
        ) : null,
      )}
    </>
  );
}
