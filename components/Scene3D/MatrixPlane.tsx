import type { ThreeEvent } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import {
  DataTexture,
  DoubleSide,
  EdgesGeometry,
  NearestFilter,
  PlaneGeometry,
  RGBAFormat,
  SRGBColorSpace,
} from 'three';

export interface MatrixPlaneProps {
  /** RGBA bytes of the texture, width × height pixels (one per matrix cell). */
  bytes: Uint8Array;
  width: number;
  height: number;
  /** Centre of the plane in the scene. */
  position: [number, number, number];
  /** Size of the plane in scene units [x, y]. */
  size: [number, number];
  /** 0 … 1: how opaque the plane is. */
  opacity: number;
  /** Draw the selection frame around it. */
  selected: boolean;
  /** Called on a click (not a drag) on the plane. */
  onSelect?: () => void;
}

const FRAME = '#6b7280';
const SELECTED_FRAME = '#d35400';

/** One matrix as a textured, semi-transparent plane with crisp (nearest-neighbour) cells and a frame. */
export function MatrixPlane({
  bytes,
  width,
  height,
  position,
  size,
  opacity,
  selected,
  onSelect,
}: MatrixPlaneProps) {
  const texture = useMemo(() => {
    const tex = new DataTexture(bytes, width, height, RGBAFormat);
    tex.magFilter = NearestFilter;
    tex.minFilter = NearestFilter;
    tex.colorSpace = SRGBColorSpace;
    tex.needsUpdate = true;
    return tex;
  }, [bytes, width, height]);
  useEffect(() => () => texture.dispose(), [texture]);
  const [w, h] = size;
  const edges = useMemo(() => new EdgesGeometry(new PlaneGeometry(w, h)), [w, h]);
  useEffect(() => () => edges.dispose(), [edges]);
  const border = Math.min(w, h) * 0.035;
  const onClick = (e: ThreeEvent<MouseEvent>) => {
    if (e.delta > 4) return; // the end of a drag, not a click
    e.stopPropagation();
    onSelect?.();
  };
  return (
    <group position={position}>
      {selected &&
        // a solid frame of four strips (a backing plane would show through the transparent masked cells)
        [
          [0, h / 2 + border / 2, w + 2 * border, border],
          [0, -h / 2 - border / 2, w + 2 * border, border],
          [-w / 2 - border / 2, 0, border, h],
          [w / 2 + border / 2, 0, border, h],
        ].map(([x, y, sw, sh]) => (
          <mesh key={`${x},${y}`} position={[x, y, 0]} renderOrder={1}>
            <planeGeometry args={[sw, sh]} />
            <meshBasicMaterial color={SELECTED_FRAME} side={DoubleSide} />
          </mesh>
        ))}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a three.js mesh, not DOM; the sliders are its keyboard twin */}
      <mesh onClick={onClick} renderOrder={2}>
        <planeGeometry args={[w, h]} />
        <meshBasicMaterial
          map={texture}
          transparent
          opacity={selected ? 1 : opacity}
          side={DoubleSide}
          depthWrite={false}
        />
      </mesh>
      <lineSegments geometry={edges} renderOrder={3}>
        <lineBasicMaterial color={selected ? SELECTED_FRAME : FRAME} />
      </lineSegments>
    </group>
  );
}
