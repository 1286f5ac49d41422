import type { ConnectedAccountCredentials, JiraTrackerSettings } from '@pm/contracts';
import {
  createGitHubTracker,
  createJiraTracker,
  githubConnectionOf,
  jiraConnectionOf,
  TrackerError,
  type RetryOptions,
  type TrackerClient,
} from '@pm/integrations';
import { renderText } from '@pm/templating';

/** Where an issue lives: a GitHub repository or a Jira project (with the incident type's mapping when known). */
export type TrackerTarget =
  | { kind: 'github'; owner: string; repo: string; labels?: string[] }
  | { kind: 'jira'; mapping: JiraTrackerSettings };

/** Transport shared by every client the worker builds. */
export interface TrackerTransport {
  fetch: typeof fetch;
  retry?: RetryOptions;
}

const notConfigured = (reason: string) =>
  new TrackerError('TRACKER_INVALID', { target: 'tracker settings', reason, attempts: 0 });

/**
 * A tracker client for an account's credentials and a target. The account kind must fit the target (a GitHub
 * repository needs a GitHub account): `githubConnectionOf` / `jiraConnectionOf` throw otherwise, which the caller
 * turns into a permanent failure with the reason on the item.
 */
export function trackerClientFor(
  credentials: ConnectedAccountCredentials,
  target: TrackerTarget,
  transport: TrackerTransport,
): TrackerClient {
  const options = { fetch: transport.fetch, ...(transport.retry && { retry: transport.retry }) };
  if (target.kind === 'github') {
    return createGitHubTracker({
      ...options,
      ...(target.labels && { extraLabels: target.labels }),
      connection: { ...githubConnectionOf(credentials), owner: target.owner, repo: target.repo },
    });
  }
  const { projectKey, issueType, fields, statuses } = target.mapping;
  return createJiraTracker({
    ...options,
    mapping: { projectKey, issueType, fields, statuses },
    render: renderText,
    connection: jiraConnectionOf(credentials),
  });
}

/**
 * The target of an already exported issue, read from its key: the issue stays where it was created even if the
 * incident type's settings later point elsewhere. The current Jira mapping is used for its status names when it
 * is for the same project.
 */
export function targetOfKey(
  kind: 'jira' | 'github',
  key: string,
  jira: JiraTrackerSettings | null,
): TrackerTarget {
  if (kind === 'github') {
    const m = /^([^/\s]+)\/([^#\s]+)#\d+$/.exec(key);
    if (!m?.[1] || !m[2]) throw notConfigured(`${key} is not a GitHub issue key`);
    return { kind: 'github', owner: m[1], repo: m[2] };
  }
  const projectKey = key.slice(0, key.lastIndexOf('-'));
  if (jira && jira.projectKey === projectKey) return { kind: 'jira', mapping: jira };
  return { kind: 'jira', mapping: { projectKey, issueType: 'Task', fields: {}, statuses: {} } };
}
