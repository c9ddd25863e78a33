import { describe, expect, it } from 'vitest';
import { ORBIT_LIMITS, orbitIntentForKey, orbitPosition, reduceOrbit, wrapDegrees } from './orbit';

const initial = { azimuth: 30, elevation: 20, distance: 8 };

describe('orbit', () => {
  it('arrow keys rotate by fixed steps, +/− zoom, 0 resets', () => {
    let s = initial;
    for (const key of ['ArrowRight', 'ArrowRight', 'ArrowUp', '+']) {
      const intent = orbitIntentForKey(key);
      if (!intent) throw new Error(key);
      s = reduceOrbit(s, intent, initial);
    }
    expect(s.azimuth).toBe(60);
    expect(s.elevation).toBe(30);
    expect(s.distance).toBeCloseTo(8 / 1.2, 12);
    const reset = orbitIntentForKey('0');
    if (!reset) throw new Error('0');
    expect(reduceOrbit(s, reset, initial)).toBe(initial);
    expect(orbitIntentForKey('a')).toBeNull();
  });

  it('clamps elevation and distance and wraps the azimuth', () => {
    const s = reduceOrbit(initial, { type: 'rotate', azimuth: 400, elevation: 500 }, initial);
    expect(s.azimuth).toBe(70);
    expect(s.elevation).toBe(ORBIT_LIMITS.maxElevation);
    expect(reduceOrbit(initial, { type: 'zoom', factor: 1e6 }, initial).distance).toBe(
      ORBIT_LIMITS.minDistance,
    );
    expect(reduceOrbit(initial, { type: 'zoom', factor: 1e-6 }, initial).distance).toBe(
      ORBIT_LIMITS.maxDistance,
    );
    expect(wrapDegrees(-180)).toBe(180);
    expect(wrapDegrees(190)).toBe(-170);
  });

  it('places the camera on the sphere: front view on +z, top view on +y', () => {
    const front = orbitPosition({ azimuth: 0, elevation: 0, distance: 5 }, [1, 2, 3]);
    expect(front.map((x) => +x.toFixed(12))).toEqual([1, 2, 8]);
    const side = orbitPosition({ azimuth: 90, elevation: 0, distance: 5 }, [0, 0, 0]);
    expect(side[0]).toBeCloseTo(5, 12);
    const top = orbitPosition({ azimuth: 0, elevation: 90, distance: 5 }, [0, 0, 0]);
    expect(top[1]).toBeCloseTo(5, 12);
  });
});
