import { describe, expect, it } from 'vitest';
import { formatTimestamp, localParts } from './format.js';

describe('localParts', () => {
  // 'Etc/UTC' is the same zone by another name, so it takes the ICU path: the reference for the 'UTC' shortcut.
  it('prints UTC exactly as ICU does, midnight, leap day, offsets in the input and 3-digit years included', () => {
    for (const iso of [
      '2024-05-01T10:02:59.999Z',
      '2024-02-29T00:00:00Z',
      '2023-12-31T23:59:00Z',
      '2024-05-01T01:30:00+02:00', // the previous day in UTC
      '1999-01-01T00:00:00.000Z',
      '0999-06-01T12:00:00Z',
    ])
      expect(localParts(iso, 'UTC')).toEqual(localParts(iso, 'Etc/UTC'));
  });

  it('uses the zone for other zones, across a DST change', () => {
    expect(localParts('2024-03-31T00:59:00Z', 'Europe/Paris')).toEqual({ date: '2024-03-31', time: '01:59' });
    expect(localParts('2024-03-31T01:00:00Z', 'Europe/Paris')).toEqual({ date: '2024-03-31', time: '03:00' });
    expect(formatTimestamp('2024-05-01T10:02:00Z', 'Asia/Kolkata')).toBe('2024-05-01 15:32 Asia/Kolkata');
  });

  it('answers null for missing or unparsable input', () => {
    expect(localParts(null)).toBeNull();
    expect(localParts('not a date')).toBeNull();
  });
});
