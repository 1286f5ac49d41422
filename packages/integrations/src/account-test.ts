import type { ConnectedAccountCredentials } from '@pm/contracts';
import { createGuardedFetch, type NetGuardOptions } from '@pm/net-guard';
import { toIntegrationsAccount } from './accounts.js';
import { ConfluenceClient, type ConfluenceAccount } from './destinations/confluence.client.js';
import { DriveClient } from './destinations/drive.client.js';
import { requestJson, type FetchLike } from './destinations/fetch-like.js';
import { createGoogleAuth } from './destinations/google-auth.js';
import { OutboundError } from './outbound/index.js';
import type { JiraConnection } from './trackers/jira-http.js';

/** Options of {@link testConnectedAccount}. */
export interface AccountTestOptions {
  /** Confluence: read this space (what an export needs) instead of only checking the credentials. */
  spaceKey?: string;
  /** Google: read this Drive folder instead of only exchanging the credentials for a token. */
  folderId?: string;
  /** Drive API root (default `https://www.googleapis.com/`); tests point it at the fake. */
  googleApiRootUrl?: string;
  guard?: NetGuardOptions;
  /** Transport (default: the SSRF-guarded fetch). */
  fetch?: FetchLike;
  timeoutMs?: number;
}

/** What "Test connection" shows: whether the service accepted the account, in one sentence. */
export interface AccountTestOutcome {
  ok: boolean;
  message: string;
}

type Json = Record<string, unknown> | undefined;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/**
 * Calls the real service with the account: reads the space / folder when given, else one cheap authenticated call
 * (Confluence `user/current`, Jira `myself`, GitHub `user`, Google's token exchange). Never throws for a refusal
 * by the service: the outcome says what went wrong (messages name the URL and status, never a credential).
 */
export async function testConnectedAccount(
  credentials: ConnectedAccountCredentials,
  options: AccountTestOptions = {},
): Promise<AccountTestOutcome> {
  try {
    return { ok: true, message: await probe(credentials, options) };
  } catch (e) {
    return { ok: false, message: failureMessage(e) };
  }
}

async function probe(c: ConnectedAccountCredentials, o: AccountTestOptions): Promise<string> {
  const fetchImpl = o.fetch ?? createGuardedFetch(o.guard);
  const timeoutMs = o.timeoutMs ?? 15_000;
  const get = (url: string, authorization: string, extra: Record<string, string> = {}) =>
    requestJson<Json>(
      fetchImpl,
      'GET',
      url,
      { authorization, accept: 'application/json', ...extra },
      undefined,
      timeoutMs,
      (json, text) => errorText(json) ?? text.slice(0, 200) ?? 'no message',
    );
  const a = toIntegrationsAccount(c);
  switch (a.service) {
    case 'confluence': {
      if (o.spaceKey) {
        const client = new ConfluenceClient({ account: a.account, spaceKey: o.spaceKey, fetch: fetchImpl });
        const s = await client.testConnection();
        return `Connected: space ${s.spaceKey} (${s.spaceName}) is readable.`;
      }
      const me = await get(`${confluenceApi(a.account)}/user/current`, basicOrBearer(a.account));
      // Cloud answers anonymous access with 200 and `type: anonymous` when a site allows it.
      if (me?.type === 'anonymous') throw new Error('Confluence treated the request as anonymous');
      return `Connected as ${str(me?.displayName) ?? str(me?.email) ?? 'the account'}.`;
    }
    case 'google': {
      if (o.folderId) {
        const client = new DriveClient({
          account: a.account,
          folderId: o.folderId,
          rootUrl: o.googleApiRootUrl,
          guard: o.guard,
          tokenFetch: fetchImpl,
          requestTimeoutMs: timeoutMs,
        });
        const f = await client.testConnection();
        return `Connected: folder ${f.folderName || f.folderId} is readable.`;
      }
      await createGoogleAuth(a.account, { guard: o.guard, fetch: fetchImpl, timeoutMs }).getAccessToken();
      return 'Connected: Google issued an access token for these credentials.';
    }
    case 'jira': {
      const me = await get(`${jiraApi(a.connection)}/myself`, jiraAuth(a.connection));
      return `Connected as ${str(me?.displayName) ?? str(me?.name) ?? 'the account'}.`;
    }
    case 'github': {
      const base = (a.connection.baseUrl ?? 'https://api.github.com').replace(/\/+$/, '');
      const me = await get(`${base}/user`, `Bearer ${a.connection.token}`, {
        'x-github-api-version': '2022-11-28',
        'user-agent': 'postmortems',
      });
      return `Connected as ${str(me?.login) ?? 'the account'}.`;
    }
    case 'ai': {
      // Lists the models (no tokens spent) and checks the configured one is among them when the list says.
      const list = await get(
        `${a.connection.baseUrl.replace(/\/+$/, '')}/models`,
        `Bearer ${a.connection.apiKey}`,
      );
      const ids = Array.isArray(list?.['data'])
        ? (list['data'] as Array<{ id?: unknown }>).map((m) => m.id).filter((x) => typeof x === 'string')
        : [];
      if (ids.length && !ids.includes(a.connection.model))
        throw new Error(`the provider does not list model ${a.connection.model}`);
      return `Connected: the provider accepted the key${ids.length ? ` and serves ${a.connection.model}` : ''}.`;
    }
  }
}

function confluenceApi(a: ConfluenceAccount): string {
  const base = a.kind === 'cloud' ? `${a.siteUrl.replace(/\/+$/, '')}/wiki` : a.baseUrl.replace(/\/+$/, '');
  return `${base.replace(/\/wiki\/wiki$/, '/wiki')}/rest/api`;
}

function basicOrBearer(a: ConfluenceAccount): string {
  return a.kind === 'cloud'
    ? `Basic ${Buffer.from(`${a.email}:${a.apiToken}`).toString('base64')}`
    : `Bearer ${a.personalAccessToken}`;
}

function jiraApi(c: JiraConnection): string {
  return `${c.baseUrl.replace(/\/+$/, '')}/rest/api/${c.flavor === 'cloud' ? '3' : '2'}`;
}

function jiraAuth(c: JiraConnection): string {
  return c.auth.type === 'basic'
    ? `Basic ${Buffer.from(`${c.auth.email}:${c.auth.apiToken}`).toString('base64')}`
    : `Bearer ${c.auth.token}`;
}

/** The service's own words from the usual error bodies (Atlassian `message` / `errorMessages`, GitHub `message`). */
function errorText(json: unknown): string | undefined {
  if (!json || typeof json !== 'object') return undefined;
  const j = json as { message?: unknown; errorMessages?: unknown };
  if (typeof j.message === 'string' && j.message) return j.message;
  if (Array.isArray(j.errorMessages) && j.errorMessages.length) return j.errorMessages.join('; ');
  return undefined;
}

/** How a refusal reads, by the status the service answered. */
function refusal(status: number | undefined): string {
  if (status === 401) return 'The service refused the credentials';
  if (status === 403) return 'The credentials may not read this';
  if (status === 404) return 'Not found';
  if (status === 429) return 'The service is rate limiting; try again shortly';
  return 'The connection failed';
}

/** One readable sentence; outbound errors carry the target, the status and the service's reason. */
function failureMessage(e: unknown): string {
  if (e instanceof OutboundError) {
    const status = e.status ? ` (${e.status})` : '';
    return `${refusal(e.status)}${status}: ${e.reason} — ${e.target}`;
  }
  return e instanceof Error ? e.message : String(e);
}
