/** @pm/testing — dev-only helpers: service URLs, isolated databases, Redis prefixes, polling. */
export { testConfig } from './config.js';
export type { TestConfig } from './config.js';
export { createTestDatabase } from './database.js';
export type { TestDatabase } from './database.js';
export { uniqueRedisPrefix, cleanRedisPrefix } from './redis.js';
export { waitFor } from './wait-for.js';
export type { WaitForOptions } from './wait-for.js';
export { startFakeJira, FakeJira, JIRA_STATUSES } from './fakes/jira.js';
export type { FakeJiraOptions, FakeJiraIssue, FakeJiraStatus } from './fakes/jira.js';
export { startFakeGitHub, FakeGitHub } from './fakes/github.js';
export type { FakeGitHubOptions, FakeGitHubIssue } from './fakes/github.js';
export { FakeHttpServer } from './fakes/http.js';
export type { FakeRequest, FakeResponse, FaultFilter, RecordedRequest, SentWebhook } from './fakes/http.js';
