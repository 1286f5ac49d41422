import { describe, expect, it } from 'vitest';
import { quietUntil } from './quiet-hours.js';

describe('quietUntil', () => {
  const night = { quietStart: '22:00', quietEnd: '08:00', timeZone: 'Europe/Paris' };

  it('defers to the end of a window that wraps midnight, in the user zone', () => {
    // 23:30 in Paris (UTC+1 in winter) → 08:00 Paris = 07:00Z next day.
    expect(quietUntil(night, new Date('2026-11-30T22:30:00Z'))?.toISOString()).toBe(
      '2026-12-01T07:00:00.000Z',
    );
    // 03:00 Paris → 08:00 Paris the same day.
    expect(quietUntil(night, new Date('2026-12-01T02:00:00Z'))?.toISOString()).toBe(
      '2026-12-01T07:00:00.000Z',
    );
  });

  it('lets e-mails through outside the window and without quiet hours', () => {
    expect(quietUntil(night, new Date('2026-12-01T07:00:00Z'))).toBeNull();
    expect(quietUntil(night, new Date('2026-12-01T12:00:00Z'))).toBeNull();
    expect(quietUntil({ quietStart: null, quietEnd: null, timeZone: 'UTC' }, new Date())).toBeNull();
  });

  it('handles a window within one day', () => {
    const lunch = { quietStart: '12:00', quietEnd: '13:30', timeZone: 'UTC' };
    expect(quietUntil(lunch, new Date('2026-12-01T12:10:00Z'))?.toISOString()).toBe(
      '2026-12-01T13:30:00.000Z',
    );
    expect(quietUntil(lunch, new Date('2026-12-01T13:30:00Z'))).toBeNull();
  });
});
