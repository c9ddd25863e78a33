import { Canvas } from '@react-three/fiber';
import { useMemo } from 'react';
import { MatrixPlane } from '../Attention3D/MatrixPlane';
import { OrbitCamera } from '../Attention3D/OrbitCamera';
import type { OrbitState } from '../Attention3D/orbit';
import { matrixTextureBytes } from '../Attention3D/planeTexture';
import { TextSprite } from '../Attention3D/TextSprite';

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
  orbit: OrbitState;
  animate: boolean;
  /** Called with the degrees the spin turned when it stops. */
  onSpinStop?: (degrees: number) => void;
  onSelect: (step: number) => void;
}

/** Gap between consecutive slices for a volume `depth` units deep. */
export const sliceGap = (steps: number, depth: number) => (steps > 1 ? depth / (steps - 1) : 0);
/** Label every k-th slice so that labels do not collide. */
export const labelEvery = (steps: number) => Math.max(1, Math.ceil(steps / 6));

/** The WebGL scene: slice t of the state at depth −t·gap (time runs away from the viewer). */
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
  orbit,
  animate,
  onSpinStop,
  onSelect,
}: StateVolumeSceneProps) {
  const textures = useMemo(
    () =>
      Array.from({ length: steps }, (_, t) => matrixTextureBytes(states, t * rows * cols, rows, cols, color)),
    [states, steps, rows, cols, color],
  );
  const gap = sliceGap(steps, depth);
  const [w, h] = cols >= rows ? [1, rows / cols] : [cols / rows, 1];
  const target = useMemo<[number, number, number]>(() => [0, 0, (-(steps - 1) * gap) / 2], [steps, gap]);
  const every = labelEvery(steps);
  return (
    <Canvas
      frameloop={animate ? 'always' : 'demand'}
      camera={{ fov: 32, near: 0.05, far: 200 }}
      dpr={[1, 2]}
      gl={{ antialias: true, preserveDrawingBuffer: true }}
    >
      <OrbitCamera orbit={orbit} target={target} spin={animate} onSpinStop={onSpinStop} />
      {textures.map((bytes, t) => (
        <MatrixPlane
          // biome-ignore lint/suspicious/noArrayIndexKey: slices are identified by time step
          key={t}
          bytes={bytes}
          width={cols}
          height={rows}
          position={[0, 0, -t * gap]}
          size={[w, h]}
          opacity={opacity}
          selected={t === step}
          onSelect={() => onSelect(t)}
        />
      ))}
      {textures.map((_, t) =>
        t % every === 0 || t === step ? (
          <TextSprite
            // biome-ignore lint/suspicious/noArrayIndexKey: labels are time steps
            key={`t${t}`}
            text={`t=${t} ${tokens[t] ?? ''}`}
            position={[w / 2 + 0.06, -h / 2, -t * gap]}
            anchor="left"
            height={t === step ? 0.13 : 0.1}
            color={t === step ? '#a04000' : '#1d2330'}
          />
        ) : null,
      )}
    </Canvas>
  );
}
