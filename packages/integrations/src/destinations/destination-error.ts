import {
  errorFromAnswer,
  errorFromTransport,
  GOOGLE_RATE_LIMIT,
  OutboundError,
  retryableCodes,
  type ErrorAnswer,
  type FailureKind,
  type OutboundErrorDetails,
} from '../outbound/index.js';
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

/** How the shared failure kinds read as destination codes. */
const CODES: Record<FailureKind, DestinationErrorCode> = {
  'rate-limited': 'DESTINATION_RATE_LIMITED',
  unavailable: 'DESTINATION_UNAVAILABLE',
  timeout: 'DESTINATION_UNAVAILABLE',
  network: 'DESTINATION_UNAVAILABLE',
  unauthorized: 'DESTINATION_AUTH_FAILED',
  forbidden: 'DESTINATION_AUTH_FAILED',
  'not-found': 'DESTINATION_NOT_FOUND',
  gone: 'DESTINATION_NOT_FOUND',
  conflict: 'DESTINATION_CONFLICT',
  'too-large': 'DESTINATION_TOO_LARGE',
  invalid: 'DESTINATION_REJECTED',
  rejected: 'DESTINATION_REJECTED',
};
const RETRYABLE = retryableCodes(CODES);

/** A classified export failure (see {@link OutboundError} for the fields). */
export class DestinationError extends OutboundError<DestinationErrorCode> {
  override readonly name = 'DestinationError';
  static readonly codes = CODES;
  /** Drive (Google) says "slow down" with a 403 reason too; Confluence only with 429. */
  static readonly signals = GOOGLE_RATE_LIMIT;

  constructor(code: DestinationErrorCode, details: OutboundErrorDetails) {
    super(code, details, RETRYABLE.has(code));
  }

  /** An error answer of a destination. */
  static fromAnswer(answer: ErrorAnswer): DestinationError {
    return errorFromAnswer(DestinationError, answer);
  }

  /**
   * A failure before any answer: a refusal by the SSRF guard (permanent: the URL will not become allowed), or a
   * timeout / network error.
   */
  static fromTransport(target: string, error: unknown): DestinationError {
    const guard = [error, error instanceof Error ? error.cause : undefined].find(
      (e): e is Error & { target?: string } => e instanceof Error && e.name === 'NetGuardError',
    );
    if (!guard) return errorFromTransport(DestinationError, target, error);
    return new DestinationError('DESTINATION_URL_FORBIDDEN', {
      target: guard.target ?? target,
      reason: guard.message,
    });
  }
}
