/** Stable codes of a failed export; the API and UI switch on these, never on text. */
export type DestinationErrorCode =
  | 'DESTINATION_AUTH_FAILED'
  | 'DESTINATION_NOT_FOUND'
  | 'DESTINATION_CONFLICT'
  | 'DESTINATION_TOO_LARGE'
  | 'DESTINATION_REJECTED'
  | 'DESTINATION_URL_FORBIDDEN'
  | 'DESTINATION_RATE_LIMITED'
  | 'DESTINATION_UNAVAILABLE';

/** Where and what: enough for the row and the job dashboard to say which call failed and why. */
export interface DestinationErrorDetails {
  /** `METHOD url` of the failing call, without credentials. */
  target: string;
  /** HTTP status, absent for network errors and local checks. */
  status?: number;
  /** The destination's own message (or the network error). */
  reason: string;
  /** Attempts made in this run (1 for a permanent error). */
  attempts: number;
  /** For a 429 whose Retry-After exceeded the cap: how long the destination asked to wait. */
  retryAfterMs?: number;
}

/**
 * A classified export failure. `retryable` is false for errors that will not change on retry (auth, not found,
 * conflict, too large, forbidden URL) so the queue fails the job once; true when retries were exhausted on
 * 429 / 5xx / timeouts, so a later run may succeed.
 */
export class DestinationError extends Error {
  override readonly name = 'DestinationError';
  readonly target: string;
  readonly status?: number;
  readonly reason: string;
  readonly attempts: number;
  readonly retryAfterMs?: number;

  constructor(
    readonly code: DestinationErrorCode,
    details: DestinationErrorDetails,
  ) {
    super(
      `${code}: ${details.target}${details.status ? ` answered ${details.status}` : ''}: ${details.reason}`,
    );
    this.target = details.target;
    this.status = details.status;
    this.reason = details.reason;
    this.attempts = details.attempts;
    this.retryAfterMs = details.retryAfterMs;
  }

  /** Whether a later run could succeed. */
  get retryable(): boolean {
    return this.code === 'DESTINATION_RATE_LIMITED' || this.code === 'DESTINATION_UNAVAILABLE';
  }
}

/** A raw failed HTTP call or network error, before classification by the retry helper. */
export class HttpFailure extends Error {
  override readonly name = 'HttpFailure';
  constructor(
    readonly target: string,
    readonly reason: string,
    /** Absent for network errors / timeouts. */
    readonly status?: number,
    /** The raw Retry-After header. */
    readonly retryAfter?: string | null,
    /** The destination's machine reason (Drive `errors[0].reason`), e.g. `userRateLimitExceeded`. */
    readonly apiReason?: string,
  ) {
    super(`${target}: ${status ?? 'network'} ${reason}`);
  }
}
