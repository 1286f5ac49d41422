import { createHash, timingSafeEqual } from 'node:crypto';

/** What `/metrics` answers: the metrics, 401 (no or malformed credentials), or 403 (wrong token, or not loopback). */
export type MetricsAccess = 'allowed' | 'unauthenticated' | 'forbidden';

/** 127.0.0.0/8, ::1 and their IPv4-mapped IPv6 form. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4.startsWith('127.') || address === '::1';
}

// Hashing first gives equal-length buffers, so the comparison time says nothing about the token's length.
const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * The one rule every service's `/metrics` applies. With a configured token the caller must send
 * `Authorization: Bearer <token>` (from anywhere); without one, only loopback callers are answered, so an
 * unconfigured deployment never publishes its metrics to the network.
 */
export function metricsAccess(
  request: { authorization?: string; remoteAddress?: string },
  token: string | undefined,
): MetricsAccess {
  if (!token) return isLoopbackAddress(request.remoteAddress) ? 'allowed' : 'forbidden';
  const match = /^Bearer ([^\s]+)$/i.exec(request.authorization ?? '');
  if (!match) return 'unauthenticated';
  return timingSafeEqual(digest(match[1]!), digest(token)) ? 'allowed' : 'forbidden';
}
