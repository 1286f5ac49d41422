/** What a missing optional value renders as. */
export const EM_DASH = '—';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Splits a timestamp into local date ("2024-05-01") and time ("10:02") in `timeZone`; null if unparsable. */
export function localParts(
  iso: string | null | undefined,
  timeZone = 'UTC',
): { date: string; time: string } | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  if (timeZone === 'UTC') {
    // The ISO form is UTC already; ICU's formatToParts costs ≈ 5 µs a call and a timeline renders hundreds of
    // timestamps (≈ 1 ms of each generate, profiled in issue 12). Years outside 1000–9999 (ISO pads or signs them,
    // ICU does not) take the general path.
    const utc = new Date(ms).toISOString();
    if (utc.length === 24 && utc[0] !== '0') return { date: utc.slice(0, 10), time: utc.slice(11, 16) };
  }
  const p: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(ms)) p[part.type] = part.value;
  return { date: `${p['year']}-${p['month']}-${p['day']}`, time: `${p['hour']}:${p['minute']}` };
}

/** "2024-05-01 10:02 UTC" in `timeZone` (label = zone name), or null when missing/invalid. */
export function formatTimestamp(iso: string | null | undefined, timeZone = 'UTC'): string | null {
  const parts = localParts(iso, timeZone);
  return parts ? `${parts.date} ${parts.time} ${timeZone}` : null;
}

/** Human-readable duration: "2h 15m", "3d 4h", "45m", "30s"; null for negative/invalid input. */
export function formatDuration(ms: number): string | null {
  if (!Number.isFinite(ms) || ms < 0) return null;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const parts: string[] = [];
  if (d) parts.push(`${d}d`);
  if (h) parts.push(`${h}h`);
  if (m && !d) parts.push(`${m}m`);
  return parts.join(' ') || '0m';
}

/** True when `timeZone` is a zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}
