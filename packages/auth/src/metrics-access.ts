import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

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

/** What `/metrics` serves: a prom-client registry (kept structural so this package does not depend on it). */
export interface MetricsSource {
  metrics(): Promise<string>;
  readonly contentType: string;
}

/**
 * Answers `GET /metrics` on a plain node:http server (worker health port, collab port) under {@link metricsAccess}:
 * 401 / 403 with a stable code, or the registry's text exposition.
 */
export async function answerMetrics(
  req: IncomingMessage,
  res: ServerResponse,
  source: MetricsSource,
  token: string | undefined,
): Promise<void> {
  const access = metricsAccess(
    { authorization: req.headers.authorization, remoteAddress: req.socket.remoteAddress },
    token,
  );
  if (access === 'unauthenticated') {
    res.writeHead(401, { 'Content-Type': 'application/json', 'WWW-Authenticate': 'Bearer' });
    res.end(
      JSON.stringify({ code: 'UNAUTHENTICATED', message: 'Send Authorization: Bearer <METRICS_TOKEN>' }),
    );
    return;
  }
  if (access === 'forbidden') {
    res.writeHead(403, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify({
        code: 'FORBIDDEN',
        message: 'Metrics are served to the metrics token or loopback only',
      }),
    );
    return;
  }
  const text = await source.metrics();
  res.writeHead(200, { 'Content-Type': source.contentType, 'Cache-Control': 'no-store' });
  res.end(text);
}
