/**
 * Rules for calls to outside services (destinations, trackers), written once: failure classification
 * ({@link classifyAnswer}, {@link classifyTransport} with per-service {@link RateLimitSignals}), the error base
 * {@link OutboundError}, and the retry loop {@link withRetry}.
 */
export {
  OutboundError,
  RETRYABLE_KINDS,
  retryableCodes,
  errorFrom,
  errorFromAnswer,
  errorFromTransport,
  type OutboundErrorFamily,
  type FailureKind,
  type OutboundErrorDetails,
  type OutboundFailure,
} from './outbound-error.js';
export {
  classifyAnswer,
  classifyTransport,
  headerOf,
  parseRetryAfter,
  GOOGLE_RATE_LIMIT,
  RATE_LIMIT_HEADERS,
  type ErrorAnswer,
  type HeaderSource,
  type RateLimitSignals,
} from './classify.js';
export { backoffMs, withRetry, DEFAULT_RETRY, type RetryOptions } from './retry.js';
