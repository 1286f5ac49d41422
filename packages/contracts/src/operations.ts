import { z } from 'zod';

/*
 * Operations shapes that cross processes: the correlation id (HTTP header → job options → worker logs) and the
 * metrics endpoint's token. Documented in docs/OPERATIONS.md ("Metrics and correlation").
 */

/** The header carrying a request's correlation id, in and out of the API. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** An id a caller may choose: at most 128 characters of letters, digits and `. _ : -` (safe in logs and headers). */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's id when it is acceptable, else undefined (the caller then generates one). */
export function acceptRequestId(value: unknown): string | undefined {
  return typeof value === 'string' && REQUEST_ID_PATTERN.test(value) ? value : undefined;
}

/** The caller's id when acceptable, else a fresh random UUID: an unusable header is replaced, never refused. */
export const requestIdFrom = (value: unknown): string =>
  acceptRequestId(value) ?? globalThis.crypto.randomUUID();

/**
 * `METRICS_TOKEN`: bearer token `GET /metrics` requires on the API, worker and collab. Unset, `/metrics` answers
 * loopback callers only (a Prometheus on the same host or a sidecar).
 */
export const METRICS_ENV = {
  METRICS_TOKEN: z.string().min(16, { error: 'at least 16 characters' }).optional(),
};
