/**
 * A minimal RFC 5545 writer for one meeting request (VCALENDAR with METHOD:REQUEST and one VEVENT). Written here
 * rather than taken from npm: the generators there (ical-generator, ics) pull in their own date handling and
 * option surfaces for dozens of features we do not use, while what we need — UTC times, text escaping (§3.3.11),
 * CRLF lines folded at 75 octets (§3.1) without splitting a UTF-8 character — is ~60 lines we can test by parsing
 * the output back with ical.js (ics.spec.ts).
 */

export interface IcsPerson {
  name: string;
  email: string;
}

export interface IcsMeeting {
  uid: string;
  /** Bumped on each reschedule, so calendars replace the earlier invite. */
  sequence: number;
  stamp: Date;
  start: Date;
  end: Date;
  summary: string;
  description: string;
  url?: string;
  location?: string | null;
  organizer: IcsPerson;
  attendees: IcsPerson[];
}

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, and newlines as `\n`. */
export function escapeText(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** A parameter value (CN): quoted, with the characters a quoted value cannot hold dropped (§3.2). */
const paramValue = (s: string) => `"${s.replace(/["\r\n]/g, '')}"`;
/** Addresses go into a URI: no control characters, no quotes, and no spaces. */
const mailto = (email: string) => `mailto:${email.replace(/[\s"<>\\]/g, '')}`;

/** UTC date-time form `YYYYMMDDTHHMMSSZ`. */
export const icsUtc = (d: Date) =>
  d
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');

/** Folds a content line to at most 75 octets per physical line (continuations start with one space). */
export function foldLine(line: string): string {
  const enc = new TextEncoder();
  const out: string[] = [];
  let cur = '';
  let curBytes = 0;
  for (const ch of line) {
    const n = enc.encode(ch).length;
    const limit = out.length === 0 ? 75 : 74; // continuation lines spend one octet on the leading space
    if (curBytes + n > limit) {
      out.push(cur);
      cur = '';
      curBytes = 0;
    }
    cur += ch;
    curBytes += n;
  }
  out.push(cur);
  return out.join('\r\n ');
}

export function buildMeetingIcs(m: IcsMeeting): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Postmortems//Review meeting//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:REQUEST',
    'BEGIN:VEVENT',
    `UID:${escapeText(m.uid)}`,
    `SEQUENCE:${m.sequence}`,
    `DTSTAMP:${icsUtc(m.stamp)}`,
    `DTSTART:${icsUtc(m.start)}`,
    `DTEND:${icsUtc(m.end)}`,
    `SUMMARY:${escapeText(m.summary)}`,
    `DESCRIPTION:${escapeText(m.description)}`,
    ...(m.url ? [`URL:${m.url.replace(/[\s"<>\\]/g, '')}`] : []),
    ...(m.location ? [`LOCATION:${escapeText(m.location)}`] : []),
    `ORGANIZER;CN=${paramValue(m.organizer.name)}:${mailto(m.organizer.email)}`,
    ...m.attendees.map(
      (a) =>
        `ATTENDEE;CN=${paramValue(a.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:${mailto(a.email)}`,
    ),
    'STATUS:CONFIRMED',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
