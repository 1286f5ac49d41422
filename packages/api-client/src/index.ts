export type { AccountsApi } from './accounts.js';
export type { WebhooksApi } from './webhooks.js';
export { createApiClient, type ApiClient, type ApiClientOptions } from './client.js';
export { ApiError, type ClientErrorCode } from './errors.js';
export type { BodyOf, QueryOf, ResponseOf } from './http.js';
export type { FollowUpsApi } from './follow-ups.js';
export type { ExportDownload, ExportsApi } from './exports.js';
export type { IncidentsApi } from './incidents.js';
export type { LearningsApi } from './learnings.js';
export type * from './models.js';
export type { components, paths } from './openapi.gen.js';
export type { PostmortemsApi } from './postmortems.js';
export type { SearchApi } from './search.js';
export type { ReviewProcessApi, ReviewProcessView, ReviewStepView } from './review-process.js';
export type { TemplatesApi } from './templates.js';
export type { VersionsApi } from './versions.js';
export { readSseData } from './watch.js';
export type { AppNotification, NotificationSettings, NotificationsApi } from './notifications.js';
export type { AuditApi, AuditEntry, AuditExportQuery, AuditPage, AuditQuery } from './audit.js';
export type {
  PublicPostmortemsApi,
  PublicPreview,
  PublicSectionsInput,
  PublicStatus,
  PublishedPostmortem,
} from './public-postmortems.js';
