/**
 * Tracker clients for follow-up export and status sync (Jira Cloud / Data Center, GitHub issues). Entry points:
 * `createJiraTracker`, `createGitHubTracker` (both return a `TrackerClient`) and the error type `TrackerError`; the
 * retry rules they share with the destinations live in `../outbound`.
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
export { TrackerError, type TrackerErrorCode } from './tracker-error.js';
export type {
  RenderTemplate,
  TrackerClient,
  TrackerIssueInput,
  TrackerIssueRef,
  TrackerIssueState,
  TrackerIssueUpdate,
} from './types.js';
