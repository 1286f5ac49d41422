import { CreateConnectedAccountSchema, ConnectedAccountCredentialsSchema } from '@pm/contracts';
import { describe, expect, it } from 'vitest';
import {
  confluenceAccountOf,
  githubConnectionOf,
  jiraConnectionOf,
  toIntegrationsAccount,
} from './accounts.js';

describe('toIntegrationsAccount', () => {
  it('gives each client the credentials in its own shape', () => {
    expect(
      confluenceAccountOf({
        kind: 'confluence_dc',
        baseUrl: 'https://wiki.acme.test',
        personalAccessToken: 'pat',
      }),
    ).toEqual({ kind: 'datacenter', baseUrl: 'https://wiki.acme.test', personalAccessToken: 'pat' });
    expect(
      jiraConnectionOf({
        kind: 'jira_cloud',
        siteUrl: 'https://acme.atlassian.net',
        email: 'a@b.c',
        apiToken: 't',
      }),
    ).toEqual({
      flavor: 'cloud',
      baseUrl: 'https://acme.atlassian.net',
      auth: { type: 'basic', email: 'a@b.c', apiToken: 't' },
    });
    const gh = CreateConnectedAccountSchema.parse({ kind: 'github', name: 'GH', token: 'ghp_x' });
    expect(githubConnectionOf(ConnectedAccountCredentialsSchema.parse(gh))).toEqual({
      baseUrl: 'https://api.github.com',
      token: 'ghp_x',
    });
  });

  it('accepts a service-account key pasted as JSON text and passes it to the Google client', () => {
    const key = {
      client_email: 'sa@p.iam.gserviceaccount.com',
      private_key: '-----BEGIN PRIVATE KEY-----\nx',
      token_uri: 'https://oauth2.googleapis.com/token',
    };
    const parsed = CreateConnectedAccountSchema.parse({
      kind: 'google_service_account',
      name: 'Drive',
      serviceAccountKey: JSON.stringify(key),
    });
    expect(toIntegrationsAccount(ConnectedAccountCredentialsSchema.parse(parsed))).toEqual({
      service: 'google',
      account: { kind: 'service-account', key },
    });
    expect(
      CreateConnectedAccountSchema.safeParse({
        kind: 'google_service_account',
        name: 'D',
        serviceAccountKey: '{"client_email":"x"}',
      }).success,
    ).toBe(false);
  });

  it('refuses to use an account of another service', () => {
    expect(() =>
      confluenceAccountOf({ kind: 'github', token: 't', apiUrl: 'https://api.github.com' }),
    ).toThrow('a github account cannot be used for confluence');
  });
});
