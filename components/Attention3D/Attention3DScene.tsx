import { Canvas } from '@react-three/fiber';
import { useMemo } from 'react';
import { weightColorScale } from '../AttentionMatrix/colorScale';
import { MatrixPlane } from './MatrixPlane';
import { OrbitCamera } from './OrbitCamera';
import type { OrbitState } from './orbit';
import { matrixTextureBytes } from './planeTexture';
import { TextSprite } from './TextSprite';

export interface Attention3DSceneProps {
  weights: Float32Array | readonly number[];
  layers: number;
  heads: number;
  seqLen: number;
  causal: boolean;
  colorScale: 'linear' | 'log';
  opacity: number;
  layerGap: number;
  selected: { layer: number; head: number };
  orbit: OrbitState;
  /** Spin the camera slowly (rendering continuously) rather than rendering on demand. */
  animate: boolean;
  /** Called with the degrees the spin turned when it stops. */
  onSpinStop?: (degrees: number) => void;
  onSelect: (layer: number, head: number) => void;
}

/** Horizontal distance between head columns, in plane widths. */
export const HEAD_SPACING = 1.25;

/** Scene centre for the camera to orbit: the middle of the layer stack. */
export const sceneCenter = (layers: number, layerGap: number): [number, number, number] => [
  0,
  0,
  (-(layers - 1) * layerGap) / 2,
];

/** A camera distance that fits the whole stack at the default angle. */
export const fitDistance = (layers: number, heads: number, layerGap: number) =>
  1.5 + 1.25 * Math.max(heads * HEAD_SPACING, (layers - 1) * layerGap, 1);

/** The WebGL scene: one plane per (layer, head) — heads side by side, layers stacked front to back. */
export function Attention3DScene({
  weights,
  layers,
  heads,
  seqLen: T,
  causal,
  colorScale,
  opacity,
  layerGap,
  selected,
  orbit,
  animate,
  onSpinStop,
  onSelect,
}: Attention3DSceneProps) {
  const textures = useMemo(() => {
    const color = weightColorScale(colorScale);
    const masked = causal ? (r: number, c: number) => c > r : undefined;
    return Array.from({ length: layers * heads }, (_, p) =>
      matrixTextureBytes(weights, p * T * T, T, T, color, masked),
    );
  }, [weights, layers, heads, T, causal, colorScale]);
  const center = useMemo(() => sceneCenter(layers, layerGap), [layers, layerGap]);
  const x = (h: number) => (h - (heads - 1) / 2) * HEAD_SPACING;
  const z = (l: number) => -l * layerGap;
  return (
    <Canvas
      frameloop={animate ? 'always' : 'demand'}
      camera={{ fov: 32, near: 0.05, far: 200 }}
      dpr={[1, 2]}
      gl={{ antialias: true, preserveDrawingBuffer: true }}
    >
      <OrbitCamera orbit={orbit} target={center} spin={animate} onSpinStop={onSpinStop} />
      {textures.map((bytes, p) => {
        const l = Math.floor(p / heads);
        const h = p % heads;
        return (
          <MatrixPlane
            // biome-ignore lint/suspicious/noArrayIndexKey: planes are identified by (layer, head) position
            key={p}
            bytes={bytes}
            width={T}
            height={T}
            position={[x(h), 0, z(l)]}
            size={[1, 1]}
            opacity={opacity}
            selected={selected.layer === l && selected.head === h}
            onSelect={() => onSelect(l, h)}
          />
        );
      })}
      {Array.from({ length: heads }, (_, h) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: labels are positions
        <TextSprite key={`h${h}`} text={`Head ${h + 1}`} position={[x(h), -0.7, z(0)]} height={0.16} />
      ))}
      {Array.from({ length: layers }, (_, l) => (
        <TextSprite
          // biome-ignore lint/suspicious/noArrayIndexKey: labels are positions
          key={`l${l}`}
          text={`Layer ${l + 1}`}
          position={[x(0) - 0.56, 0, z(l)]}
          height={0.16}
          anchor="right"
        />
      ))}
    </Canvas>
  );
}
