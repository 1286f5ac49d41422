import {
  errorFromAnswer,
  errorFromTransport,
  OutboundError,
  RATE_LIMIT_HEADERS,
  retryableCodes,
  type ErrorAnswer,
  type FailureKind,
  type OutboundErrorDetails,
} from '../outbound/index.js';
/** Stable failure codes; the follow-up shows them on the item and the UI switches on them. */
export type TrackerErrorCode =
  | 'TRACKER_RATE_LIMITED'
  | 'TRACKER_UNAVAILABLE'
  | 'TRACKER_TIMEOUT'
  | 'TRACKER_NETWORK'
  | 'TRACKER_UNAUTHORIZED'
  | 'TRACKER_FORBIDDEN'
  | 'TRACKER_NOT_FOUND'
  | 'TRACKER_GONE'
  | 'TRACKER_INVALID'
  | 'TRACKER_CONFLICT'
  | 'TRACKER_REJECTED'
  | 'TRACKER_BAD_RESPONSE';

/** How the shared failure kinds read as tracker codes. */
const CODES: Record<FailureKind, TrackerErrorCode> = {
  'rate-limited': 'TRACKER_RATE_LIMITED',
  unavailable: 'TRACKER_UNAVAILABLE',
  timeout: 'TRACKER_TIMEOUT',
  network: 'TRACKER_NETWORK',
  unauthorized: 'TRACKER_UNAUTHORIZED',
  forbidden: 'TRACKER_FORBIDDEN',
  'not-found': 'TRACKER_NOT_FOUND',
  gone: 'TRACKER_GONE',
  conflict: 'TRACKER_CONFLICT',
  'too-large': 'TRACKER_REJECTED',
  invalid: 'TRACKER_INVALID',
  rejected: 'TRACKER_REJECTED',
};
const RETRYABLE = retryableCodes(CODES);

/** A classified tracker failure (see {@link OutboundError} for the fields). */
export class TrackerError extends OutboundError<TrackerErrorCode> {
  override readonly name = 'TrackerError';
  static readonly codes = CODES;
  /**
   * Jira and GitHub both follow the `x-ratelimit-*` convention: a 403 with a spent quota is a rate limit, and
   * `x-ratelimit-reset` says how long to wait when Retry-After is missing.
   */
  static readonly signals = RATE_LIMIT_HEADERS;

  constructor(code: TrackerErrorCode, details: OutboundErrorDetails) {
    super(code, details, RETRYABLE.has(code));
  }

  /** An error answer of Jira or GitHub. */
  static fromAnswer(answer: ErrorAnswer): TrackerError {
    return errorFromAnswer(TrackerError, answer);
  }

  /** A failure before any answer arrived: a timeout or a network error. */
  static fromTransport(target: string, error: unknown): TrackerError {
    return errorFromTransport(TrackerError, target, error);
  }
}
