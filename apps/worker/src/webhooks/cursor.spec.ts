import { describe, expect, it } from 'vitest';
import { nextCursor } from './cursor.js';

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));

describe('webhook cursor', () => {
  it('moves past settled events only, stopping at the first young one', () => {
    const events = [
      { seq: 3, createdAt: at(1) },
      { seq: 4, createdAt: at(2) },
      { seq: 7, createdAt: at(50) },
      { seq: 8, createdAt: at(3) },
    ];
    expect(nextCursor(2, events, at(10))).toBe(4);
    expect(nextCursor(2, events, at(60))).toBe(8);
    expect(nextCursor(2, events, at(0))).toBe(2);
    expect(nextCursor(5, [], at(60))).toBe(5);
  });
});
