/**
 * Business-day arithmetic in a given IANA time zone with the platform's Intl data (no date library: we need two
 * things, "which calendar day is this instant there" and "when does that day end there", both a few lines on top
 * of Intl.DateTimeFormat, which follows DST rules from the runtime's tz database).
 */

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock fields of `instant` in `timeZone`. */
function wallClock(instant: Date, timeZone: string) {
  const get = (type: string) =>
    Number(
      formatter(timeZone)
        .formatToParts(instant)
        .find((p) => p.type === type)!.value,
    );
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** The calendar day (`YYYY-MM-DD`) that `instant` falls on in `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A calendar day as a UTC-midnight Date (only for day-of-week and day stepping; no zone involved). */
const dayValue = (ymd: string) => new Date(`${ymd}T00:00:00Z`);
const ymdOf = (d: Date) => d.toISOString().slice(0, 10);
const isWeekend = (d: Date) => d.getUTCDay() === 0 || d.getUTCDay() === 6;

/**
 * The business day `n` business days after the day `start` falls on in `timeZone` (Saturdays and Sundays skipped;
 * no holiday calendar). n = 0 is that same day, moved to the next Monday when it is a weekend day. A Friday
 * evening resolution with n = 1 is due Monday.
 */
export function addBusinessDays(start: Date, n: number, timeZone: string): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`business days must be a whole number ≥ 0: ${n}`);
  const d = dayValue(localDate(start, timeZone));
  while (isWeekend(d)) d.setUTCDate(d.getUTCDate() + 1);
  for (let left = n; left > 0;) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (!isWeekend(d)) left--;
  }
  return ymdOf(d);
}

/** Offset (ms) of `timeZone` from UTC at `instant` (positive east of Greenwich). */
function offsetAt(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant the calendar day `ymd` ends in `timeZone` (= local midnight starting the next day), correct across
 * DST changes: the offset is taken at the guess and re-checked once, as the day boundary may sit on the other side
 * of a transition than the first guess.
 */
export function endOfLocalDay(ymd: string, timeZone: string): Date {
  const next = dayValue(ymd);
  next.setUTCDate(next.getUTCDate() + 1);
  const wall = next.getTime();
  let guess = wall - offsetAt(new Date(wall), timeZone);
  guess = wall - offsetAt(new Date(guess), timeZone);
  return new Date(guess);
}
