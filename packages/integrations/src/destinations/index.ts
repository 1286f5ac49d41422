/**
 * Destination clients for exports. Entry points: {@link ConfluenceClient} and {@link DriveClient} (`publish`,
 * `testConnection`) and the error type {@link DestinationError}; the retry rules they share with the trackers live
 * in `../outbound`.
 */
export { DestinationError, type DestinationErrorCode } from './destination-error.js';
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
