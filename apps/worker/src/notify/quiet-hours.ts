/** What quiet hours need from a user's settings. */
export interface QuietHours {
  quietStart: string | null;
  quietEnd: string | null;
  timeZone: string;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Seconds since local midnight of `now` in `timeZone`. */
function localSecondOfDay(now: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(now);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return get('hour') * 3600 + get('minute') * 60 + get('second');
}

/**
 * When the quiet window that contains `now` ends, or null when `now` is outside it (or there are no quiet hours).
 * The window is wall-clock `quietStart`–`quietEnd` in the user's zone and may wrap midnight (22:00–08:00). A DST
 * change inside the window shifts its end by the change at most, which is fine for deferring an e-mail.
 */
export function quietUntil(s: QuietHours, now: Date): Date | null {
  if (!s.quietStart || !s.quietEnd || s.quietStart === s.quietEnd) return null;
  const start = minutesOf(s.quietStart) * 60;
  const end = minutesOf(s.quietEnd) * 60;
  const t = localSecondOfDay(now, s.timeZone);
  const inside = start < end ? t >= start && t < end : t >= start || t < end;
  if (!inside) return null;
  const wait = (end - t + 86_400) % 86_400;
  return new Date(now.getTime() + wait * 1000);
}
