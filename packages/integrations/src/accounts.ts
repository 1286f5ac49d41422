import type { ConnectedAccountCredentials } from '@pm/contracts';
import type { ConfluenceAccount } from './destinations/confluence.client.js';
import type { GoogleAccount } from './destinations/google-auth.js';
import type { GitHubConnection } from './trackers/github-client.js';
import type { JiraConnection } from './trackers/jira-http.js';

/**
 * Decrypted connected-account credentials in the form each client takes: `ConfluenceClient`'s and `DriveClient`'s
 * `account`, `createJiraTracker`'s `connection`, and `createGitHubTracker`'s `connection` without the repository
 * (that comes from where the account is used, not from the account).
 */
export type IntegrationsAccount =
  | { service: 'confluence'; account: ConfluenceAccount }
  | { service: 'google'; account: GoogleAccount }
  | { service: 'jira'; connection: JiraConnection }
  | { service: 'github'; connection: Omit<GitHubConnection, 'owner' | 'repo'> }
  | { service: 'ai'; connection: { baseUrl: string; model: string; apiKey: string } };

/** Maps stored credentials to what the `@pm/integrations` clients take. */
export function toIntegrationsAccount(c: ConnectedAccountCredentials): IntegrationsAccount {
  switch (c.kind) {
    case 'confluence_cloud':
      return {
        service: 'confluence',
        account: { kind: 'cloud', siteUrl: c.siteUrl, email: c.email, apiToken: c.apiToken },
      };
    case 'confluence_dc':
      return {
        service: 'confluence',
        account: { kind: 'datacenter', baseUrl: c.baseUrl, personalAccessToken: c.personalAccessToken },
      };
    case 'google_service_account':
      return { service: 'google', account: { kind: 'service-account', key: c.serviceAccountKey } };
    case 'google_oauth':
      return {
        service: 'google',
        account: {
          kind: 'oauth',
          clientId: c.clientId,
          clientSecret: c.clientSecret,
          refreshToken: c.refreshToken,
        },
      };
    case 'jira_cloud':
      return {
        service: 'jira',
        connection: {
          flavor: 'cloud',
          baseUrl: c.siteUrl,
          auth: { type: 'basic', email: c.email, apiToken: c.apiToken },
        },
      };
    case 'jira_dc':
      return {
        service: 'jira',
        connection: {
          flavor: 'datacenter',
          baseUrl: c.baseUrl,
          auth: { type: 'bearer', token: c.personalAccessToken },
        },
      };
    case 'github':
      return { service: 'github', connection: { baseUrl: c.apiUrl, token: c.token } };
    case 'openai_compatible':
      return { service: 'ai', connection: { baseUrl: c.baseUrl, model: c.model, apiKey: c.apiKey } };
  }
}

/** Thrown when an account of one service is used where another is needed (a Jira account for Confluence). */
export class AccountServiceMismatchError extends Error {
  override readonly name = 'AccountServiceMismatchError';
  constructor(
    readonly wanted: IntegrationsAccount['service'],
    readonly kind: ConnectedAccountCredentials['kind'],
  ) {
    super(`a ${kind} account cannot be used for ${wanted}`);
  }
}

/** The Confluence `account` of credentials; throws {@link AccountServiceMismatchError} for another kind. */
export function confluenceAccountOf(c: ConnectedAccountCredentials): ConfluenceAccount {
  const a = toIntegrationsAccount(c);
  if (a.service !== 'confluence') throw new AccountServiceMismatchError('confluence', c.kind);
  return a.account;
}

/** The Google `account` (for `DriveClient`) of credentials; throws for another kind. */
export function googleAccountOf(c: ConnectedAccountCredentials): GoogleAccount {
  const a = toIntegrationsAccount(c);
  if (a.service !== 'google') throw new AccountServiceMismatchError('google', c.kind);
  return a.account;
}

/** The Jira `connection` of credentials; throws for another kind. */
export function jiraConnectionOf(c: ConnectedAccountCredentials): JiraConnection {
  const a = toIntegrationsAccount(c);
  if (a.service !== 'jira') throw new AccountServiceMismatchError('jira', c.kind);
  return a.connection;
}

/** The GitHub `connection` of credentials (add `owner` and `repo`); throws for another kind. */
export function githubConnectionOf(c: ConnectedAccountCredentials): Omit<GitHubConnection, 'owner' | 'repo'> {
  const a = toIntegrationsAccount(c);
  if (a.service !== 'github') throw new AccountServiceMismatchError('github', c.kind);
  return a.connection;
}
