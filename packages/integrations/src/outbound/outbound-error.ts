import { classifyAnswer, classifyTransport, type ErrorAnswer, type RateLimitSignals } from './classify.js';

/**
 * What went wrong on a call to an outside service, independent of which service: the retry helper decides on this,
 * and each family (destinations, trackers) names it with its own stable code.
 */
export type FailureKind =
  | 'rate-limited'
  | 'unavailable'
  | 'timeout'
  | 'network'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'gone'
  | 'conflict'
  | 'too-large'
  | 'invalid'
  | 'rejected';

/** Kinds a later attempt can succeed on; every other kind fails the call once. */
export const RETRYABLE_KINDS: ReadonlySet<FailureKind> = new Set([
  'rate-limited',
  'unavailable',
  'timeout',
  'network',
]);

/** A classified failure before it is named with a family's code. */
export interface OutboundFailure {
  kind: FailureKind;
  /** `METHOD url` of the failing call, without credentials. */
  target: string;
  /** The service's own message (or the network error). */
  reason: string;
  /** HTTP status; absent for network errors, timeouts and local checks. */
  status?: number;
  /** How long the service asked us to wait (Retry-After or a rate-limit reset), when it said. */
  retryAfterMs?: number;
  cause?: unknown;
}

/** Fields of an {@link OutboundError} besides its code. */
export interface OutboundErrorDetails {
  target: string;
  reason: string;
  status?: number;
  retryAfterMs?: number;
  /** Attempts made (0 for a check before any request); the retry helper sets it when it gives up. */
  attempts?: number;
  cause?: unknown;
}

/**
 * A failed call to an outside service with a stable `code`. `retryable` is false for failures that will not change
 * on retry (auth, not found, conflict, too large, invalid), so the queue fails the job once; true when retries ran
 * out on rate limits, 5xx, timeouts or network errors, so a later run may succeed.
 */
export abstract class OutboundError<C extends string = string> extends Error {
  readonly target: string;
  readonly status?: number;
  readonly reason: string;
  readonly retryAfterMs?: number;
  /** Attempts made in this run; set by the retry helper when it stops. */
  attempts: number;

  protected constructor(
    readonly code: C,
    details: OutboundErrorDetails,
    readonly retryable: boolean,
  ) {
    super(
      `${code}: ${details.target}${details.status ? ` answered ${details.status}` : ''}: ${details.reason}`,
      {
        cause: details.cause,
      },
    );
    this.target = details.target;
    this.status = details.status;
    this.reason = details.reason;
    this.retryAfterMs = details.retryAfterMs;
    this.attempts = details.attempts ?? 1;
  }
}

/** A family of outbound errors: its class, how failure kinds read as its codes, and its rate-limit signals. */
export interface OutboundErrorFamily<E extends OutboundError> {
  new (code: E['code'], details: OutboundErrorDetails): E;
  readonly codes: Record<FailureKind, E['code']>;
  readonly signals?: RateLimitSignals;
}

/** Names a classified failure with the family's code. */
export function errorFrom<E extends OutboundError>(
  family: OutboundErrorFamily<E>,
  failure: OutboundFailure,
): E {
  return new family(family.codes[failure.kind], failure);
}

/** An error answer of the family's service, classified with its rate-limit signals. */
export function errorFromAnswer<E extends OutboundError>(
  family: OutboundErrorFamily<E>,
  answer: ErrorAnswer,
): E {
  return errorFrom(family, classifyAnswer(answer, family.signals));
}

/** A failure before any answer arrived (timeout or network error). */
export function errorFromTransport<E extends OutboundError>(
  family: OutboundErrorFamily<E>,
  target: string,
  error: unknown,
): E {
  return errorFrom(family, classifyTransport(target, error));
}

/** The codes of a family's retryable kinds, for deriving `retryable` from a code. */
export function retryableCodes<C extends string>(codes: Record<FailureKind, C>): ReadonlySet<C> {
  return new Set([...RETRYABLE_KINDS].map((kind) => codes[kind]));
}
