import { describe, expect, it } from 'vitest';
import { colorForUser, USER_COLORS } from './index.js';

/** WCAG relative luminance, to check white label text stays readable on every cursor colour. */
const luminance = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};

describe('colorForUser', () => {
  it('is stable for a user and drawn from the palette', () => {
    expect(colorForUser('user-1')).toBe(colorForUser('user-1'));
    expect(USER_COLORS).toContain(colorForUser('user-1'));
  });

  it('spreads users over the palette', () => {
    const used = new Set(Array.from({ length: 200 }, (_, i) => colorForUser(`user-${i}`)));
    expect(used.size).toBeGreaterThanOrEqual(10);
  });

  it('keeps white text readable (contrast >= 4.5) on every colour', () => {
    expect(USER_COLORS.length).toBeGreaterThanOrEqual(12);
    for (const c of USER_COLORS) {
      expect(c).toMatch(/^#[0-9a-f]{6}$/);
      expect(1.05 / (luminance(c) + 0.05), c).toBeGreaterThanOrEqual(4.5);
    }
  });
});
