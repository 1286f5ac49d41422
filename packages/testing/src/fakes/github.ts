import { createHmac, randomUUID } from 'node:crypto';
import { FakeHttpServer, type FakeRequest, type FakeResponse, type WebhookTarget } from './fake-http.js';
import {
  ghError,
  ghIssue,
  ghRepository,
  ghUser,
  matchesSearch,
  type FakeGitHubIssue,
} from './github-shapes.js';

export type { FakeGitHubIssue } from './github-shapes.js';

/** Options of {@link startFakeGitHub}. */
export interface FakeGitHubOptions {
  /** Accepted tokens (`Authorization: Bearer <t>` or `token <t>`). Default `['ghp_fake_token']`. */
  tokens?: string[];
  /** Repositories that exist, as `owner/repo`; any other answers 404. Default `['octo/app']`. */
  repositories?: string[];
  /** Login that API calls act as (the token's user). Default `pm-bot`. */
  apiUser?: string;
  /** Where `issues` events are delivered; with `secret`, they carry real `X-Hub-Signature-256` signatures. */
  webhook?: WebhookTarget;
}

type IssueAction = 'opened' | 'edited' | 'closed' | 'reopened' | 'assigned' | 'unassigned' | 'deleted';

/**
 * Local GitHub REST fake: issues create / get / update / list by label, issue search, token auth (401), 404 for
 * unknown repositories and issues, 410 Gone for deleted issues, 429 with `Retry-After` and `x-ratelimit-*`, and signed
 * `issues` webhooks for every change, whether made through the API or by a "person" via the methods below.
 */
export class FakeGitHub extends FakeHttpServer {
  private readonly store = new Map<string, FakeGitHubIssue[]>();
  private readonly tokens: string[];
  private readonly apiUser: string;
  private nextId = 1000;

  constructor(options: FakeGitHubOptions = {}) {
    super();
    this.tokens = options.tokens ?? ['ghp_fake_token'];
    this.apiUser = options.apiUser ?? 'pm-bot';
    this.webhook = options.webhook;
    for (const repo of options.repositories ?? ['octo/app']) this.store.set(repo, []);
    this.registerRoutes();
  }

  /** The first accepted token. */
  get token(): string {
    return this.tokens[0] ?? '';
  }

  /** Issues of a repository, deleted ones included (see `deleted`). */
  issues(repo: string): FakeGitHubIssue[] {
    return this.store.get(repo) ?? [];
  }

  issue(repo: string, number: number): FakeGitHubIssue | undefined {
    return this.issues(repo).find((i) => i.number === number);
  }

  /** GitHub's exhausted rate limit: the reset in epoch seconds. */
  protected override rateLimitHeaders(resetAt: number): Record<string, string> {
    return {
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-used': '5000',
      'x-ratelimit-resource': 'core',
      'x-ratelimit-reset': String(Math.ceil(resetAt / 1000)),
    };
  }

  /** GitHub's `{ message, documentation_url }`. */
  protected override errorBody(status: number, message: string): unknown {
    return ghError(status, status === 429 ? 'API rate limit exceeded for user ID 1.' : message).body;
  }

  /** A person closes the issue on GitHub (sends `issues.closed`). */
  closeIssue(repo: string, number: number, by = 'octocat'): Promise<void> {
    return this.change(repo, number, by, { state: 'closed', state_reason: 'completed' });
  }

  /** A person reopens the issue on GitHub (sends `issues.reopened`). */
  reopenIssue(repo: string, number: number, by = 'octocat'): Promise<void> {
    return this.change(repo, number, by, { state: 'open', state_reason: 'reopened' });
  }

  /** A person edits the title on GitHub (sends `issues.edited` with `changes.title.from`). */
  editTitle(repo: string, number: number, title: string, by = 'octocat'): Promise<void> {
    return this.change(repo, number, by, { title });
  }

  /** A person deletes the issue: it answers 410 Gone from now on (sends `issues.deleted`). */
  async deleteIssue(repo: string, number: number, by = 'octocat'): Promise<void> {
    const issue = this.mustFind(repo, number);
    issue.deleted = true;
    await this.emit(issue, 'deleted', by);
  }

  private mustFind(repo: string, number: number): FakeGitHubIssue {
    const issue = this.issue(repo, number);
    if (!issue) throw new Error(`no issue ${repo}#${number}`);
    return issue;
  }

  private async change(repo: string, n: number, by: string, patch: Partial<FakeGitHubIssue>): Promise<void> {
    await Promise.all(this.apply(this.mustFind(repo, n), patch, by));
  }

  /** Applies a change and emits one webhook per GitHub action it amounts to; returns the pending deliveries. */
  private apply(issue: FakeGitHubIssue, patch: Partial<FakeGitHubIssue>, by: string): Promise<void>[] {
    const sent: Promise<void>[] = [];
    const now = new Date().toISOString();
    const changes: Record<string, { from: unknown }> = {};
    if (patch.title !== undefined && patch.title !== issue.title) changes.title = { from: issue.title };
    if (patch.body !== undefined && patch.body !== issue.body) changes.body = { from: issue.body };
    const stateChanged = patch.state !== undefined && patch.state !== issue.state;
    const before = issue.assignees;
    Object.assign(issue, patch, { updated_at: now });
    if (stateChanged) {
      issue.closed_at = issue.state === 'closed' ? now : null;
      // GitHub fills the reason in when the caller does not say one.
      issue.state_reason = issue.state === 'open' ? 'reopened' : (patch.state_reason ?? 'completed');
    }
    if (Object.keys(changes).length > 0) sent.push(this.emit(issue, 'edited', by, { changes }));
    if (stateChanged) sent.push(this.emit(issue, issue.state === 'closed' ? 'closed' : 'reopened', by));
    for (const login of issue.assignees.filter((a) => !before.includes(a))) {
      sent.push(this.emit(issue, 'assigned', by, { assignee: ghUser(this.url, login) }));
    }
    for (const login of before.filter((a) => !issue.assignees.includes(a))) {
      sent.push(this.emit(issue, 'unassigned', by, { assignee: ghUser(this.url, login) }));
    }
    return sent;
  }

  private async emit(issue: FakeGitHubIssue, action: IssueAction, by: string, extra = {}): Promise<void> {
    const hook = this.webhook;
    if (!hook) return;
    const repoId = [...issue.repo].reduce((h, c) => (h * 33 + c.charCodeAt(0)) % 100_000_000, 5);
    const rawBody = JSON.stringify({
      action,
      issue: ghIssue(this.url, issue),
      ...extra,
      repository: ghRepository(this.url, issue.repo, repoId),
      sender: ghUser(this.url, by),
    });
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/fake',
      'x-github-event': 'issues',
      'x-github-delivery': randomUUID(),
      'x-github-hook-id': '1',
      'x-github-hook-installation-target-type': 'repository',
      'x-github-hook-installation-target-id': String(repoId),
    };
    if (hook.secret) {
      const hmac = (alg: string) =>
        createHmac(alg, hook.secret ?? '')
          .update(rawBody)
          .digest('hex');
      headers['x-hub-signature'] = `sha1=${hmac('sha1')}`;
      headers['x-hub-signature-256'] = `sha256=${hmac('sha256')}`;
    }
    await this.sendWebhook(hook.url, headers, rawBody);
  }

  protected override authorize(req: FakeRequest): FakeResponse | undefined {
    const auth = req.headers.authorization;
    if (!auth) return ghError(401, 'Requires authentication');
    const m = /^(?:bearer|token)\s+(\S+)$/i.exec(auth);
    if (!m?.[1] || !this.tokens.includes(m[1])) return ghError(401, 'Bad credentials');
    return undefined;
  }

  /** The repository's issues, or a 404 answer when it does not exist. */
  private repo(owner: string, name: string): FakeGitHubIssue[] | FakeResponse {
    return this.store.get(`${owner}/${name}`) ?? ghError(404, 'Not Found');
  }

  private found(owner: string, name: string, n: string): FakeGitHubIssue | FakeResponse {
    const issues = this.repo(owner, name);
    if (!Array.isArray(issues)) return issues;
    const issue = issues.find((i) => i.number === Number(n));
    if (!issue) return ghError(404, 'Not Found');
    if (issue.deleted) return ghError(410, 'This issue was deleted');
    return issue;
  }

  private registerRoutes(): void {
    const base = /^\/repos\/([^/]+)\/([^/]+)\/issues/;
    const issuePath = new RegExp(`${base.source}\\/(\\d+)$`);
    // The authenticated user (what "Test connection" reads).
    this.route('GET', /^\/user$/, () => ({
      status: 200,
      body: { login: 'fake-bot', id: 1, type: 'User', html_url: `${this.url}/fake-bot` },
    }));
    this.route('POST', new RegExp(`${base.source}$`), (req, [owner = '', name = '']) => {
      const issues = this.repo(owner, name);
      if (!Array.isArray(issues)) return issues;
      const b = (req.body ?? {}) as Partial<{
        title: string;
        body: string;
        labels: string[];
        assignees: string[];
      }>;
      if (typeof b.title !== 'string' || b.title === '') {
        return ghError(422, 'Validation Failed', {
          errors: [{ resource: 'Issue', code: 'missing_field', field: 'title' }],
        });
      }
      const now = new Date().toISOString();
      const issue: FakeGitHubIssue = {
        repo: `${owner}/${name}`,
        id: this.nextId++,
        number: issues.length + 1,
        title: b.title,
        body: b.body ?? null,
        state: 'open',
        state_reason: null,
        labels: b.labels ?? [],
        assignees: b.assignees ?? [],
        author: this.apiUser,
        created_at: now,
        updated_at: now,
        closed_at: null,
        deleted: false,
      };
      issues.push(issue);
      void this.emit(issue, 'opened', this.apiUser);
      return { status: 201, body: ghIssue(this.url, issue) };
    });
    this.route('GET', issuePath, (_req, [owner = '', name = '', n = '']) => {
      const issue = this.found(owner, name, n);
      return 'number' in issue ? { status: 200, body: ghIssue(this.url, issue) } : issue;
    });
    this.route('PATCH', issuePath, (req, [owner = '', name = '', n = '']) => {
      const issue = this.found(owner, name, n);
      if (!('number' in issue)) return issue;
      const b = (req.body ?? {}) as Partial<FakeGitHubIssue>;
      if (b.state !== undefined && b.state !== 'open' && b.state !== 'closed') {
        return ghError(422, 'Validation Failed', {
          errors: [{ resource: 'Issue', code: 'invalid', field: 'state' }],
        });
      }
      const patch: Partial<FakeGitHubIssue> = {};
      for (const k of ['title', 'body', 'state', 'state_reason', 'labels', 'assignees'] as const) {
        if (b[k] !== undefined) Object.assign(patch, { [k]: b[k] });
      }
      void Promise.all(this.apply(issue, patch, this.apiUser));
      return { status: 200, body: ghIssue(this.url, issue) };
    });
    this.route('GET', new RegExp(`${base.source}$`), (req, [owner = '', name = '']) => {
      const issues = this.repo(owner, name);
      if (!Array.isArray(issues)) return issues;
      const state = req.query.get('state') ?? 'open';
      const labels = (req.query.get('labels') ?? '').split(',').filter(Boolean);
      const asc = req.query.get('direction') === 'asc';
      const list = issues
        .filter((i) => !i.deleted && (state === 'all' || i.state === state))
        .filter((i) => labels.every((l) => i.labels.includes(l)))
        .sort((a, b) => (asc ? a.number - b.number : b.number - a.number));
      const perPage = Math.min(Number(req.query.get('per_page') ?? 30), 100);
      const page = Number(req.query.get('page') ?? 1);
      const slice = list.slice((page - 1) * perPage, page * perPage);
      return { status: 200, body: slice.map((i) => ghIssue(this.url, i)) };
    });
    this.route('GET', /^\/search\/issues$/, (req) => {
      const q = req.query.get('q') ?? '';
      const items = [...this.store.values()].flat().filter((i) => !i.deleted && matchesSearch(i, q));
      const body = items.map((i) => ({ ...ghIssue(this.url, i), score: 1 }));
      return { status: 200, body: { total_count: items.length, incomplete_results: false, items: body } };
    });
  }
}

/** Starts a {@link FakeGitHub} on 127.0.0.1 with a free port. Call `close()` when done. */
export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const fake = new FakeGitHub(options);
  await fake.start();
  return fake;
}
