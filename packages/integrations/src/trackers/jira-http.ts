/**
 * A small typed fetch client for the few Jira REST endpoints the follow-up export uses.
 *
 * Why not jira.js: its current major (6.x) is Cloud-only — it dropped `Version2Client`, so it cannot talk to Data
 * Center's `/rest/api/2` with a personal access token — and its 5.x line that still has both clients is in
 * maintenance and brings axios. Jira Cloud v3 and Data Center v2 differ here only in the path prefix, the
 * description format and the auth header, which a hundred lines cover with one retry policy for both.
 */
import { z } from 'zod';
import { withRetry, type RetryOptions } from '../outbound/index.js';
import { TrackerError } from './tracker-error.js';

/** How to reach one Jira site. */
export interface JiraConnection {
  /** Cloud speaks REST v3 (ADF descriptions), Data Center REST v2 (plain-text descriptions). */
  flavor: 'cloud' | 'datacenter';
  /** Site URL, e.g. `https://acme.atlassian.net` or `https://jira.acme.internal` (no `/rest/...`). */
  baseUrl: string;
  /** Cloud: Basic with account email + API token. Data Center: Bearer personal access token. */
  auth: { type: 'basic'; email: string; apiToken: string } | { type: 'bearer'; token: string };
}

/** Transport options shared by the tracker clients. */
export interface TrackerTransportOptions {
  retry?: RetryOptions;
  /** Per-request timeout. Default 15 s. */
  timeoutMs?: number;
  /** For tests. */
  fetch?: typeof fetch;
}

const jiraErrorBody = z
  .object({
    errorMessages: z.array(z.string()).optional(),
    errors: z.record(z.string(), z.string()).optional(),
  })
  .loose();

/** Jira's `{ errorMessages, errors }` flattened to one line, so the item shows why the tracker refused. */
function errorText(status: number, text: string): string {
  try {
    const parsed = jiraErrorBody.safeParse(JSON.parse(text));
    if (parsed.success) {
      const parts = [
        ...(parsed.data.errorMessages ?? []),
        ...Object.entries(parsed.data.errors ?? {}).map(([field, msg]) => `${field}: ${msg}`),
      ];
      if (parts.length > 0) return `Jira ${status}: ${parts.join('; ')}`;
    }
  } catch {
    // Not JSON (a proxy's HTML page, say): fall through to the raw text.
  }
  return `Jira ${status}: ${text.slice(0, 200) || 'no details'}`;
}

/** Calls one Jira endpoint, retrying per the tracker retry rules, and parses the answer with `schema`. */
export class JiraHttp {
  /** `/rest/api/3` on Cloud, `/rest/api/2` on Data Center. */
  readonly apiPath: string;
  private readonly authorization: string;
  private readonly fetchFn: typeof fetch;

  constructor(
    readonly connection: JiraConnection,
    private readonly options: TrackerTransportOptions = {},
  ) {
    this.apiPath = connection.flavor === 'cloud' ? '/rest/api/3' : '/rest/api/2';
    const { auth } = connection;
    this.authorization =
      auth.type === 'basic'
        ? `Basic ${Buffer.from(`${auth.email}:${auth.apiToken}`).toString('base64')}`
        : `Bearer ${auth.token}`;
    this.fetchFn = options.fetch ?? fetch;
  }

  /** One attempt, no retry: for callers that wrap several calls in one retry unit (create = look up + create). */
  async once<T>(method: string, path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    const url = `${this.connection.baseUrl.replace(/\/+$/, '')}${this.apiPath}${path}`;
    const target = `${method} ${url}`;
    let res: Response;
    try {
      res = await this.fetchFn(url, {
        method,
        headers: {
          authorization: this.authorization,
          accept: 'application/json',
          ...(body !== undefined && { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw TrackerError.fromTransport(target, error);
    }
    const text = await res.text().catch(() => '');
    if (!res.ok) {
      throw TrackerError.fromAnswer({
        target,
        status: res.status,
        headers: res.headers,
        reason: errorText(res.status, text),
      });
    }
    try {
      return schema.parse(text ? JSON.parse(text) : undefined);
    } catch (error) {
      const what = error instanceof Error ? error.message.slice(0, 200) : String(error);
      throw new TrackerError('TRACKER_BAD_RESPONSE', {
        target,
        reason: `unexpected answer from Jira: ${what}`,
        status: res.status,
        cause: error,
      });
    }
  }

  /** {@link once} under the retry policy. */
  call<T>(method: string, path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    return withRetry(() => this.once(method, path, schema, body), this.options.retry);
  }

  /** Runs a multi-call unit under the retry policy. */
  retry<T>(unit: () => Promise<T>): Promise<T> {
    return withRetry(unit, this.options.retry);
  }
}
