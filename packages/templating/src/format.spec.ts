import { describe, expect, it } from 'vitest';
import { formatTimestamp, localParts } from './format.js';

/** What ICU prints, the reference the UTC shortcut must equal. */
function icu(iso: string, timeZone: string) {
  const p: Record<string, string> = {};
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  for (const part of f.formatToParts(Date.parse(iso))) p[part.type] = part.value;
  return { date: `${p['year']}-${p['month']}-${p['day']}`, time: `${p['hour']}:${p['minute']}` };
}

describe('localParts', () => {
  it('prints UTC exactly as ICU does, midnight, leap day and offsets in the input included', () => {
    for (const iso of [
      '2024-05-01T10:02:59.999Z',
      '2024-02-29T00:00:00Z',
      '2023-12-31T23:59:00Z',
      '2024-05-01T01:30:00+02:00', // the previous day in UTC
      '1999-01-01T00:00:00.000Z',
    ])
      expect(localParts(iso, 'UTC')).toEqual(icu(iso, 'UTC'));
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
