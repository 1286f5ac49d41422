/** Locale-aware date-time, or an em dash when absent. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? '—'
    : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Human status label. */
export const statusLabel = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
