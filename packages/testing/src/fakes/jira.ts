import { createHmac, randomUUID } from 'node:crypto';
import { FakeHttpServer, type FakeRequest, type FakeResponse, type WebhookTarget } from './fake-http.js';
import { changelogItems, jiraIssueJson, jiraUser } from './jira-fields.js';
import { registerJiraRoutes } from './jira-routes.js';
import { JIRA_STATUSES, jiraError, type FakeJiraIssue } from './jira-shapes.js';

export { JIRA_STATUSES, type FakeJiraIssue, type FakeJiraStatus } from './jira-shapes.js';

/** Options of {@link startFakeJira}. */
export interface FakeJiraOptions {
  /** Cloud: REST v3 (and v2) with Basic email:API token. Data Center: REST v2 only, Bearer personal access token. */
  flavor?: 'cloud' | 'datacenter';
  /** Cloud credentials accepted. Default `[{ email: 'bot@example.com', apiToken: 'jira-api-token' }]`. */
  users?: { email: string; apiToken: string }[];
  /** Data Center personal access tokens accepted. Default `['jira-dc-pat']`. */
  pats?: string[];
  /** Projects and their issue types. Default `[{ key: 'OPS', issueTypes: ['Task', 'Bug'] }]`. */
  projects?: { key: string; issueTypes?: string[] }[];
  /** Where issue events go; with `secret`, each carries `X-Hub-Signature: sha256=<HMAC of the raw body>`. */
  webhook?: WebhookTarget;
}

/**
 * Local Jira fake (Cloud REST v3 + v2, or Data Center v2): issue create / get / edit / delete, transitions between
 * status categories, entity properties, JQL search (Cloud's `/search/jql`, Data Center's `/search`), auth (401),
 * 404 for missing or deleted issues (Jira does not distinguish them), 429 with `Retry-After`, and webhooks
 * `jira:issue_created|updated|deleted` with a status `changelog`, signed when a secret is set.
 */
export class FakeJira extends FakeHttpServer {
  readonly flavor: 'cloud' | 'datacenter';
  private readonly issuesById = new Map<string, FakeJiraIssue>();
  private readonly projects: Map<string, string[]>;
  private readonly users: { email: string; apiToken: string }[];
  private readonly pats: string[];
  private nextId = 10_000;

  constructor(options: FakeJiraOptions = {}) {
    super();
    this.flavor = options.flavor ?? 'cloud';
    this.users = options.users ?? [{ email: 'bot@example.com', apiToken: 'jira-api-token' }];
    this.pats = options.pats ?? ['jira-dc-pat'];
    const projects = options.projects ?? [{ key: 'OPS', issueTypes: ['Task', 'Bug'] }];
    this.projects = new Map(projects.map((p) => [p.key, p.issueTypes ?? ['Task']]));
    this.webhook = options.webhook;
    this.registerRoutes();
  }

  /** Every issue, deleted ones included. */
  issues(): FakeJiraIssue[] {
    return [...this.issuesById.values()];
  }

  issue(key: string): FakeJiraIssue | undefined {
    return this.issues().find((i) => i.key === key || i.id === key);
  }

  /** Name of the issue's current status. */
  statusOf(key: string): string | undefined {
    const issue = this.issue(key);
    return JIRA_STATUSES.find((s) => s.id === issue?.statusId)?.name;
  }

  /** Jira Cloud's rate-limit headers: the reset as an ISO date. */
  protected override rateLimitHeaders(resetAt: number): Record<string, string> {
    return {
      'x-ratelimit-limit': '100',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': new Date(resetAt).toISOString(),
      'ratelimit-reason': 'jira-quota-tenant-based',
    };
  }

  /** Jira's `{ errorMessages, errors }`. */
  protected override errorBody(status: number, message: string): unknown {
    return jiraError(status, [message]).body;
  }

  /** A person moves the issue to the named status in Jira (sends `jira:issue_updated` with a status changelog). */
  async transitionTo(key: string, statusName: string): Promise<void> {
    const status = JIRA_STATUSES.find((s) => s.name === statusName);
    if (!status) throw new Error(`no status ${statusName}`);
    await this.update(this.mustFind(key), { statusId: status.id });
  }

  /** A person deletes the issue: it answers 404 from now on (sends `jira:issue_deleted`). */
  async deleteIssue(key: string): Promise<void> {
    const issue = this.mustFind(key);
    issue.deleted = true;
    await this.emit('jira:issue_deleted', issue);
  }

  private mustFind(key: string): FakeJiraIssue {
    const issue = this.issue(key);
    if (!issue) throw new Error(`no issue ${key}`);
    return issue;
  }

  protected override authorize(req: FakeRequest): FakeResponse | undefined {
    const auth = req.headers.authorization ?? '';
    const unauthenticated = jiraError(401, [
      'You are not authenticated. Authentication required to perform this operation.',
    ]);
    if (this.flavor === 'datacenter') {
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      return m?.[1] && this.pats.includes(m[1]) ? undefined : unauthenticated;
    }
    const m = /^Basic\s+(\S+)$/i.exec(auth);
    const [email, ...rest] = Buffer.from(m?.[1] ?? '', 'base64')
      .toString('utf8')
      .split(':');
    const ok = this.users.some((u) => u.email === email && u.apiToken === rest.join(':'));
    return ok ? undefined : unauthenticated;
  }

  /** Applies field changes; emits `jira:issue_updated` with a changelog of what changed. */
  private async update(issue: FakeJiraIssue, patch: Partial<FakeJiraIssue>): Promise<void> {
    const items = changelogItems(issue, patch);
    Object.assign(issue, patch, { updated: new Date().toISOString() });
    if (items.length > 0) await this.emit('jira:issue_updated', issue, { id: String(this.nextId++), items });
  }

  private async emit(event: string, issue: FakeJiraIssue, changelog?: { id: string; items: unknown[] }) {
    const hook = this.webhook;
    if (!hook) return;
    const issueTypes = this.projects.get(issue.projectKey) ?? [];
    const rawBody = JSON.stringify({
      timestamp: Date.now(),
      webhookEvent: event,
      issue_event_type_name: event === 'jira:issue_created' ? 'issue_created' : 'issue_generic',
      user: jiraUser(this.flavor, 'jira-user'),
      // Webhook payloads carry the v2 representation of the issue.
      issue: jiraIssueJson(issue, { base: this.url, v: '2', flavor: this.flavor, issueTypes }),
      ...(changelog && { changelog }),
    });
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Atlassian Webhook HTTP Client',
      'x-atlassian-webhook-identifier': randomUUID(),
      'x-atlassian-webhook-flow': 'Primary',
    };
    if (hook.secret) {
      headers['x-hub-signature'] =
        `sha256=${createHmac('sha256', hook.secret).update(rawBody).digest('hex')}`;
    }
    await this.sendWebhook(hook.url, headers, rawBody);
  }

  private registerRoutes(): void {
    registerJiraRoutes(this, {
      flavor: this.flavor,
      base: () => this.url,
      issueTypes: (projectKey) => this.projects.get(projectKey),
      all: () => this.issues(),
      create: (fields) => {
        const id = String(this.nextId++);
        const number = this.issues().filter((i) => i.projectKey === fields.projectKey).length + 1;
        const issue: FakeJiraIssue = { ...fields, id, key: `${fields.projectKey}-${number}` };
        this.issuesById.set(id, issue);
        void this.emit('jira:issue_created', issue);
        return issue;
      },
      update: (issue, patch) => this.update(issue, patch),
      remove: (issue) => this.deleteIssue(issue.key),
    });
  }
}

/** Starts a {@link FakeJira} on 127.0.0.1 with a free port. Call `close()` when done. */
export async function startFakeJira(options: FakeJiraOptions = {}): Promise<FakeJira> {
  const fake = new FakeJira(options);
  await fake.start();
  return fake;
}
