import { useMemo } from 'react';
import { weightColorScale } from '../AttentionMatrix/colorScale';
import { MatrixPlane } from '../Scene3D/MatrixPlane';
import { matrixTextureBytes } from '../Scene3D/planeTexture';
import { TextSprite } from '../Scene3D/TextSprite';
import { poolPlane } from './poolPlane';

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

/**
 * The scene's content (inside OrbitView's canvas): one plane per (layer, head) — heads side by side, layers
 * stacked front to back. A plane of T > MAX_PLANE_TEXELS tokens is max-pooled to that many texels a side
 * (poolPlane: each texel shows the largest weight of its block).
 */
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
  onSelect,
}: Attention3DSceneProps) {
  const textures = useMemo(() => {
    const color = weightColorScale(colorScale);
    return Array.from({ length: layers * heads }, (_, p) => {
      const pooled = poolPlane(weights, p, T, causal);
      const bytes = matrixTextureBytes(
        pooled.values,
        0,
        pooled.side,
        pooled.side,
        color,
        causal ? (r, c) => pooled.masked[r * pooled.side + c] === 1 : undefined,
      );
      return { bytes, side: pooled.side };
    });
  }, [weights, layers, heads, T, causal, colorScale]);
  const x = (h: number) => (h - (heads - 1) / 2) * HEAD_SPACING;
  const z = (l: number) => -l * layerGap;
  return (
    <>
      {textures.map(({ bytes, side }, p) => {
        const l = Math.floor(p / heads);
        const h = p % heads;
        return (
          <MatrixPlane
            // biome-ignore lint/suspicious/noArrayIndexKey: planes are identified by (layer, head) position
            key={p}
            bytes={bytes}
            width={side}
            height={side}
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
    </>
  );
}
