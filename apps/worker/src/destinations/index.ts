/**
 * Destination clients for exports. Entry points: {@link ConfluenceClient} and {@link DriveClient} (`publish`,
 * `testConnection`), the shared retry rules {@link withRetry}, and the error type {@link DestinationError}.
 */
export {
  DestinationError,
  HttpFailure,
  type DestinationErrorCode,
  type DestinationErrorDetails,
} from './destination-error.js';
export {
  withRetry,
  classify,
  parseRetryAfter,
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  realClock,
  type RetryPolicy,
  type RetryClock,
  type WithRetryOptions,
} from './http-retry.js';
export type { PublishInput, PublishResult } from './publish.js';
export type { FetchLike } from './fetch-like.js';
export {
  ConfluenceClient,
  markerLabel,
  MARKER_PROPERTY,
  type ConfluenceAccount,
  type ConfluenceClientOptions,
} from './confluence.client.js';
export { DriveClient, MARKER_APP_PROPERTY, type DriveClientOptions } from './drive.client.js';
export {
  createGoogleAuth,
  signAssertion,
  DRIVE_SCOPE,
  GOOGLE_TOKEN_URL,
  type GoogleAccount,
  type GoogleAuthOptions,
  type ServiceAccountKey,
} from './google-auth.js';
