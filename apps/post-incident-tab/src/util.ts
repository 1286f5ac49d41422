/**
 * A v4 UUID. `crypto.randomUUID` exists only in secure contexts, and hosts may serve the tab over plain http
 * on a LAN, so fall back to getRandomValues (available everywhere).
 */
export function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export interface DateFormatOptions {
  /** BCP 47 locale; the viewer's by default. */
  locale?: string;
  /** IANA zone; the viewer's by default (tests pin one). */
  timeZone?: string;
  /** "Now", to leave out the year of dates in the current year (tests pin one). */
  now?: Date;
}

/**
 * A date-time in the viewer's time zone, with the zone shown ("Nov 30, 2:05 PM UTC", "30 Nov, 14:05 CET"), so
 * responders in different zones reading the same incident agree on what happened when. The year appears only
 * when it is not the current one. An em dash when absent or unparseable.
 */
export function formatDateTime(iso: string | null | undefined, opts: DateFormatOptions = {}): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  const { locale, timeZone } = opts;
  const yearOf = (x: Date) => new Intl.DateTimeFormat('en', { year: 'numeric', timeZone }).format(x);
  const sameYear = yearOf(d) === yearOf(opts.now ?? new Date());
  return new Intl.DateTimeFormat(locale, {
    ...(sameYear ? {} : { year: 'numeric' }),
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone,
  }).format(d);
}

/** A message a person can read, from any thrown value (ApiError messages are already human). */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
