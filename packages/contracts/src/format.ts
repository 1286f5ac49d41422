// How times are shown to people, in the web shell and the embedded tab alike (one rule, one place).

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
