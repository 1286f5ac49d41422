import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildMeetingIcs, escapeText, foldLine } from './ics.js';

const meeting = {
  uid: 'review-5f0c@postmortems',
  sequence: 1,
  stamp: new Date('2026-12-01T09:00:00Z'),
  start: new Date('2026-12-03T14:00:00Z'),
  end: new Date('2026-12-03T15:00:00Z'),
  summary: 'Postmortem review: Checkout 500s; payments, "pool" \\ exhaustion',
  description: `Line one, with comma; and semicolon\nLine two: https://pm.example.com/incidents/1/post-incident/x ${'é'.repeat(80)}`,
  url: 'https://pm.example.com/incidents/1/post-incident/x',
  location: 'Room 4, floor 2',
  organizer: { name: 'Ada Admin', email: 'ada@example.com' },
  attendees: [
    { name: 'Sam Standard', email: 'sam@example.com' },
    { name: 'Marco "M" Silva', email: 'marco@example.com' },
  ],
};

describe('buildMeetingIcs', () => {
  const ics = buildMeetingIcs(meeting);

  it('uses CRLF line endings and folds every line at 75 octets', () => {
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n'))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(ics.split('\r\n').some((l) => l.startsWith(' '))).toBe(true);
  });

  it('parses back with ical.js to the same meeting', () => {
    const cal = new ICAL.Component(ICAL.parse(ics));
    expect(cal.getFirstPropertyValue('method')).toBe('REQUEST');
    const vevent = cal.getFirstSubcomponent('vevent')!;
    const ev = new ICAL.Event(vevent);
    expect(ev.uid).toBe(meeting.uid);
    expect(ev.summary).toBe(meeting.summary);
    expect(ev.description).toBe(meeting.description);
    expect(ev.location).toBe(meeting.location);
    expect(ev.startDate.toJSDate().toISOString()).toBe(meeting.start.toISOString());
    expect(ev.endDate.toJSDate().toISOString()).toBe(meeting.end.toISOString());
    expect(ev.startDate.zone?.tzid).toBe('UTC');
    expect(ev.sequence).toBe(1);
    expect(vevent.getFirstPropertyValue('dtstamp')?.toString()).toBe('2026-12-01T09:00:00Z');
    expect(vevent.getFirstPropertyValue('organizer')).toBe('mailto:ada@example.com');
    const attendees = ev.attendees.map((a) => [a.getParameter('cn'), a.getFirstValue()]);
    expect(attendees).toEqual([
      ['Sam Standard', 'mailto:sam@example.com'],
      ['Marco M Silva', 'mailto:marco@example.com'],
    ]);
  });
});

describe('text helpers', () => {
  it('escapes backslash, semicolon, comma and newlines', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });
  it('never splits a multi-byte character when folding', () => {
    const folded = foldLine(`DESCRIPTION:${'😀'.repeat(40)}`);
    expect(folded.split('\r\n ').join('')).toBe(`DESCRIPTION:${'😀'.repeat(40)}`);
  });
});
