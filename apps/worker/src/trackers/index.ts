/**
 * Tracker clients for follow-up export and status sync (Jira Cloud / Data Center, GitHub issues). Entry points:
 * `createJiraTracker`, `createGitHubTracker` (both return a `TrackerClient`), the retry rules in `retry.ts`.
 */
export {
  createJiraTracker,
  textToAdf,
  type JiraFieldMapping,
  type JiraTrackerOptions,
} from './jira-client.js';
export { type JiraConnection, type TrackerTransportOptions } from './jira-http.js';
export {
  createGitHubTracker,
  githubMarkerComment,
  type GitHubConnection,
  type GitHubTrackerOptions,
} from './github-client.js';
export {
  TrackerError,
  backoffMs,
  classifyHttpError,
  classifyTransportError,
  retryAfterMs,
  withRetry,
  type RetryPolicy,
  type TrackerErrorCode,
} from './retry.js';
export type {
  RenderTemplate,
  TrackerClient,
  TrackerIssueInput,
  TrackerIssueRef,
  TrackerIssueState,
  TrackerIssueUpdate,
} from './types.js';
