import { useEffect, useMemo } from 'react';
import { CanvasTexture, LinearFilter, SRGBColorSpace } from 'three';

export interface TextSpriteProps {
  /** The text drawn. */
  text: string;
  /** World position of the sprite's anchor. */
  position: [number, number, number];
  /** Height of the text in scene units. */
  height?: number;
  /** Text colour (CSS). */
  color?: string;
  /** Which side of the text sits on `position`: 'left' puts the text's left edge there. */
  anchor?: 'left' | 'center' | 'right';
}

const FONT_PX = 64;

/** A camera-facing text label: the string drawn once on a 2D canvas and used as a sprite texture. */
export function TextSprite({
  text,
  position,
  height = 0.14,
  color = '#1d2330',
  anchor = 'center',
}: TextSpriteProps) {
  const { texture, aspect } = useMemo(() => {
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d');
    const font = `600 ${FONT_PX}px system-ui, sans-serif`;
    if (ctx) ctx.font = font;
    const width = Math.ceil((ctx?.measureText(text).width ?? text.length * FONT_PX * 0.6) + 16);
    canvas.width = width;
    canvas.height = Math.ceil(FONT_PX * 1.3);
    if (ctx) {
      ctx.font = font;
      ctx.textBaseline = 'middle';
      // a soft halo keeps the label legible over the coloured planes
      ctx.lineWidth = 12;
      ctx.strokeStyle = 'rgba(255, 255, 255, 0.85)';
      ctx.lineJoin = 'round';
      ctx.strokeText(text, 8, canvas.height / 2);
      ctx.fillStyle = color;
      ctx.fillText(text, 8, canvas.height / 2);
    }
    const tex = new CanvasTexture(canvas);
    tex.colorSpace = SRGBColorSpace;
    tex.minFilter = LinearFilter;
    return { texture: tex, aspect: canvas.width / canvas.height };
  }, [text, color]);
  useEffect(() => () => texture.dispose(), [texture]);
  const width = height * aspect;
  const centerX = anchor === 'left' ? 0 : anchor === 'right' ? 1 : 0.5;
  return (
    <sprite position={position} scale={[width, height * 1.3, 1]} center={[centerX, 0.5]} renderOrder={10}>
      <spriteMaterial map={texture} transparent depthTest={false} depthWrite={false} />
    </sprite>
  );
}
