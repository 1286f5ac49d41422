import { describe, expect, it } from 'vitest';
import { addBusinessDays, endOfLocalDay, localDate } from './business-days.js';

describe('addBusinessDays', () => {
  it('counts weekdays only: Friday + 1 is Monday, Wednesday + 5 is next Wednesday', () => {
    expect(addBusinessDays(new Date('2026-12-04T10:00:00Z'), 1, 'UTC')).toBe('2026-12-07');
    expect(addBusinessDays(new Date('2026-12-02T10:00:00Z'), 5, 'UTC')).toBe('2026-12-09');
    expect(addBusinessDays(new Date('2026-12-02T10:00:00Z'), 0, 'UTC')).toBe('2026-12-02');
  });

  it('starts from Monday when the start falls on a weekend', () => {
    expect(addBusinessDays(new Date('2026-12-05T10:00:00Z'), 0, 'UTC')).toBe('2026-12-07');
    expect(addBusinessDays(new Date('2026-12-06T10:00:00Z'), 1, 'UTC')).toBe('2026-12-08');
  });

  it('uses the owner’s calendar day: late Thursday evening UTC is already Friday in Tokyo', () => {
    const thu = new Date('2026-12-03T20:00:00Z'); // Fri 05:00 in Asia/Tokyo
    expect(addBusinessDays(thu, 1, 'UTC')).toBe('2026-12-04');
    expect(addBusinessDays(thu, 1, 'Asia/Tokyo')).toBe('2026-12-07');
    // And the other way: early Saturday UTC is still Friday in Los Angeles.
    const sat = new Date('2026-12-05T03:00:00Z');
    expect(addBusinessDays(sat, 1, 'America/Los_Angeles')).toBe('2026-12-07');
    expect(addBusinessDays(sat, 1, 'UTC')).toBe('2026-12-08');
  });

  it('is not shifted by a DST change inside the span', () => {
    // US DST starts Sunday 2026-03-08; Friday evening in New York (UTC-5 then) + 1 business day = Monday.
    expect(addBusinessDays(new Date('2026-03-06T23:30:00Z'), 1, 'America/New_York')).toBe('2026-03-09');
    // EU DST ends Sunday 2026-10-25; Friday 23:30 Berlin (21:30Z) + 2 = Tuesday.
    expect(addBusinessDays(new Date('2026-10-23T21:30:00Z'), 2, 'Europe/Berlin')).toBe('2026-10-27');
  });

  it('refuses negative or fractional counts', () => {
    expect(() => addBusinessDays(new Date(), -1, 'UTC')).toThrow(RangeError);
    expect(() => addBusinessDays(new Date(), 1.5, 'UTC')).toThrow(RangeError);
  });
});

describe('endOfLocalDay', () => {
  it('is local midnight of the next day, in UTC', () => {
    expect(endOfLocalDay('2026-12-04', 'UTC').toISOString()).toBe('2026-12-05T00:00:00.000Z');
    expect(endOfLocalDay('2026-12-04', 'Asia/Tokyo').toISOString()).toBe('2026-12-04T15:00:00.000Z');
    expect(endOfLocalDay('2026-12-04', 'America/New_York').toISOString()).toBe('2026-12-05T05:00:00.000Z');
  });

  it('follows the DST offset of that day', () => {
    // Day before the US change (ends at 00:00 EST = 05:00Z) and the change day (ends at 00:00 EDT = 04:00Z).
    expect(endOfLocalDay('2026-03-07', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(endOfLocalDay('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(localDate(new Date('2026-03-09T03:59:59Z'), 'America/New_York')).toBe('2026-03-08');
  });
});
