/**
 * @pm/db — MikroORM entities, ORM setup (SQLite / PostgreSQL), migrations, demo seed and the document store.
 * Server-only: never import from browser code.
 */
export * from './entities/index.js';
export { createOrmOptions, parseDatabaseUrl, migrationsDir, MIGRATIONS_DIR } from './config.js';
export type { DbConfig, DatabaseKind, ParsedDatabaseUrl } from './config.js';
export { openOrm, migrateUp, pendingSchemaDiff } from './orm.js';
export type { Orm, Em } from './orm.js';
export { SQLITE_PRAGMAS, SQLITE_BUSY_TIMEOUT_MS } from './sqlite-driver.js';
export { hashPassword, verifyPassword } from './password.js';
export { loadDocumentState, storeDocumentState, createDocument } from './documents.js';
export type { DocumentStateInput } from './documents.js';
export { nextIncidentPublicId } from './incidents.js';
export { ensureDefaultIncidentType } from './seed/incidents-seed.js';
export { seedDemo } from './seed/seed.js';
export type { SeedSummary } from './seed/seed.js';
export { DEMO_USERS, DEMO_PASSWORD } from './seed/users.js';
export { DEMO_INCIDENTS, DEMO_CHECKOUT_INCIDENT_TITLE } from './seed/incidents.js';
export { DEFAULT_TEMPLATE_NAME, DEFAULT_TEMPLATE_CONTENT, SEED_TEMPLATES } from './seed/template.js';
export { loadFollowUps, toFollowUpDtos, toFollowUpItem, withCurrentFollowUps } from './follow-ups.js';
export { renderIncidentTemplate } from './render-incident.js';
export { IncidentNotFound, loadIncidentContext, type LoadedIncidentContext } from './incident-context.js';
export type { RenderIncidentOptions } from './render-incident.js';
export {
  createDocumentVersion,
  listDocumentVersions,
  latestDocumentVersion,
  loadDocumentVersion,
} from './document-versions.js';
export type { DocumentVersionInput } from './document-versions.js';
export {
  sealAccountCredentials,
  openAccountCredentials,
  accountSecretAad,
  ConnectedAccountNotFoundError,
} from './connected-accounts.js';
export type { AccountSecretBox } from './connected-accounts.js';
export { recordDomainEvent } from './domain-events.js';
export { incidentDetail, listIncidents } from './incident-reads.js';
export { incidentAccessRow, incidentTypeReviewRule, listPostmortemRows } from './postmortem-reads.js';
export type { IncidentAccessRow, PostmortemListRow } from './postmortem-reads.js';
export { searchPostmortems, searchWords, toSegments, visibleIncidentSql } from './search.js';
export type { SearchViewer, SearchFacets, SearchInput, SearchOutput } from './search.js';
export { loadInsights, insightsCsv, topContributingFactors, percentile } from './insights.js';
export type { InsightsInput } from './insights.js';
export { notificationSettingsOf, saveNotificationSettings } from './notification-settings.js';
