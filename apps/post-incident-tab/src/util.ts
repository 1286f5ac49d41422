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

export { formatDateTime, type DateFormatOptions } from '@pm/contracts';

/** A message a person can read, from any thrown value (ApiError messages are already human). */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
