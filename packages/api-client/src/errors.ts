import { ErrorBodySchema, type ErrorCode } from '@pm/contracts';

/** Codes the client itself produces, in addition to the API's catalog. */
export type ClientErrorCode = 'NETWORK' | 'ABORTED' | 'BAD_RESPONSE';

/**
 * Every failure of the client: a non-2xx answer (with the API's stable `code`), a network failure (`NETWORK`),
 * an aborted request (`ABORTED`) or an answer that is not the expected JSON (`BAD_RESPONSE`).
 * UIs switch on `code`, never on `message`.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/**
 * Builds an ApiError from a non-2xx answer's status and (already parsed) body, tolerating bodies that are not the
 * `{code,message,details}` shape.
 */
export function errorFromBody(status: number, statusText: string, body: unknown): ApiError {
  const parsed = ErrorBodySchema.safeParse(body);
  if (parsed.success) return new ApiError(status, parsed.data.code, parsed.data.message, parsed.data.details);
  // A proxy or an unexpected server answer: keep the status, pick the closest catalog code.
  const code: ErrorCode =
    status === 401
      ? 'UNAUTHENTICATED'
      : status === 403
        ? 'FORBIDDEN'
        : status === 404
          ? 'NOT_FOUND'
          : 'INTERNAL';
  return new ApiError(status, code, `HTTP ${status} ${statusText}`.trim(), body);
}

/** True when the error came from an AbortSignal (fetch throws a DOMException named AbortError). */
export function isAbort(err: unknown): boolean {
  return (err instanceof Error || err instanceof DOMException) && err.name === 'AbortError';
}
