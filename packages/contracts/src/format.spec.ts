import { describe, expect, it } from 'vitest';
import { formatDateTime } from './format.js';

const now = new Date('2026-11-30T18:00:00Z');
const at = '2026-11-30T13:05:00Z';

describe('formatDateTime', () => {
  it('shows the time in the given zone with the zone named', () => {
    expect(formatDateTime(at, { locale: 'en-GB', timeZone: 'UTC', now })).toBe('30 Nov, 13:05 UTC');
    expect(formatDateTime(at, { locale: 'en-GB', timeZone: 'Europe/Paris', now })).toBe('30 Nov, 14:05 CET');
    expect(formatDateTime(at, { locale: 'en-US', timeZone: 'America/New_York', now })).toBe(
      'Nov 30, 8:05 AM EST',
    );
  });

  it('adds the year only for other years', () => {
    expect(formatDateTime('2025-03-01T09:00:00Z', { locale: 'en-GB', timeZone: 'UTC', now })).toBe(
      '1 Mar 2025, 09:00 UTC',
    );
  });

  it('uses the zone of the process by default (TZ pinned to UTC by this test)', () => {
    const prev = process.env.TZ;
    process.env.TZ = 'UTC';
    try {
      expect(formatDateTime(at, { locale: 'en-GB', now })).toBe('30 Nov, 13:05 UTC');
    } finally {
      process.env.TZ = prev;
    }
  });

  it('shows an em dash for a missing or broken date', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('not a date')).toBe('—');
  });
});
