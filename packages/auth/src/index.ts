export { AuthTokenError, type AuthTokenErrorCode } from './errors.js';
export { signCollabToken, verifyCollabToken, type CollabClaims } from './collab-token.js';
export { newOpaqueToken, hashOpaqueToken } from './opaque-token.js';
export { colorForUser, USER_COLORS } from './colors.js';
export {
  canSeeIncidentRule,
  incidentAccessChannel,
  INCIDENT_ACCESS_CHANNEL,
  type AccessSubject,
  type AccessIncident,
} from './incident-access.js';
export {
  SecretBox,
  SecretBoxError,
  parseSecretKeys,
  type SecretBoxKey,
  type SecretBoxErrorCode,
} from './secret-box.js';
export {
  hubSignature,
  verifyHubSignature,
  verifyWebhook,
  type VerifyWebhookOptions,
  type WebhookHeaders,
  type WebhookProvider,
  type WebhookRejectionCode,
  type WebhookVerification,
} from './webhook-signatures.js';
export {
  MemoryDeliveryStore,
  RedisDeliveryStore,
  type DeliveryStore,
  type RedisDeliveryStoreOptions,
  type RedisSetNx,
} from './webhook-deliveries.js';
export {
  answerMetrics,
  isLoopbackAddress,
  metricsAccess,
  type MetricsAccess,
  type MetricsSource,
} from './metrics-access.js';
export * from './unsubscribe-token.js';
