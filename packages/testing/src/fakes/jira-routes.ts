import type { FakeHttpServer, FakeResponse } from './fake-http.js';
import { jiraIssueJson, readJiraFields, type JiraFlavor } from './jira-fields.js';
import {
  JIRA_STATUSES,
  jiraError,
  matchesJql,
  parseJql,
  transitionIdFor,
  type FakeJiraIssue,
} from './jira-shapes.js';

/** What the routes need from the fake's state; the fake passes closures so its public surface stays small. */
export interface JiraRouteContext {
  flavor: JiraFlavor;
  base(): string;
  /** Issue types of a project, or undefined when the project does not exist. */
  issueTypes(projectKey: string): string[] | undefined;
  all(): FakeJiraIssue[];
  /** Stores a new issue (assigning id and key) and announces it. */
  create(fields: Omit<FakeJiraIssue, 'id' | 'key'>): FakeJiraIssue;
  update(issue: FakeJiraIssue, patch: Partial<FakeJiraIssue>): Promise<void>;
  remove(issue: FakeJiraIssue): Promise<void>;
}

type Body = {
  fields?: Record<string, unknown>;
  properties?: { key: string; value: unknown }[];
  transition?: { id?: string };
};

const NOT_FOUND = ['Issue does not exist or you do not have permission to see it.'];

/** Registers Jira's issue, transition, property and search endpoints (v3 + v2 on Cloud, v2 on Data Center). */
export function registerJiraRoutes(http: FakeHttpServer, ctx: JiraRouteContext): void {
  const api = (rest: string) => new RegExp(`^/rest/api/(${ctx.flavor === 'cloud' ? '[23]' : '2'})${rest}$`);
  const issuePath = '/issue/([^/]+)';
  const json = (issue: FakeJiraIssue, v: string) =>
    jiraIssueJson(issue, {
      base: ctx.base(),
      v,
      flavor: ctx.flavor,
      issueTypes: ctx.issueTypes(issue.projectKey) ?? [],
    });
  // Jira answers 404 for deleted issues and for ones the caller may not see alike.
  const found = (key: string): FakeJiraIssue | FakeResponse =>
    ctx.all().find((i) => !i.deleted && (i.key === key || i.id === key)) ?? jiraError(404, NOT_FOUND);

  // The caller: Cloud identifies users by account id, Data Center by user name.
  http.route('GET', api('/myself'), () => ({
    status: 200,
    body:
      ctx.flavor === 'cloud'
        ? { accountId: 'fake-jira-account', displayName: 'Jira Bot', active: true }
        : { name: 'jira-bot', key: 'jira-bot', displayName: 'Jira Bot', active: true },
  }));
  http.route('POST', api('/issue'), (req, [v = '2']) => {
    const b = (req.body ?? {}) as Body;
    const f = b.fields ?? {};
    const projectKey = (f.project as { key?: string } | undefined)?.key ?? '';
    const types = ctx.issueTypes(projectKey);
    if (!types) return jiraError(400, [], { project: 'valid project is required' });
    const issueType = (f.issuetype as { name?: string } | undefined)?.name ?? '';
    if (!types.includes(issueType)) return jiraError(400, [], { issuetype: 'Specify a valid issue type' });
    const { patch, errors } = readJiraFields(f, v, ctx.flavor);
    if (patch.summary === undefined) errors.summary ??= 'You must specify a summary of the issue.';
    if (Object.keys(errors).length > 0) return jiraError(400, [], errors);
    const now = new Date().toISOString();
    const issue = ctx.create({
      projectKey,
      issueType,
      summary: '',
      description: null,
      statusId: JIRA_STATUSES[0]?.id ?? '',
      assignee: null,
      duedate: null,
      labels: [],
      other: {},
      properties: Object.fromEntries((b.properties ?? []).map((p) => [p.key, p.value])),
      created: now,
      updated: now,
      deleted: false,
      ...patch,
    });
    return {
      status: 201,
      body: { id: issue.id, key: issue.key, self: `${ctx.base()}/rest/api/${v}/issue/${issue.id}` },
    };
  });

  http.route('GET', api(issuePath), (_req, [v = '2', key = '']) => {
    const issue = found(key);
    return 'key' in issue ? { status: 200, body: json(issue, v) } : issue;
  });

  http.route('PUT', api(issuePath), async (req, [v = '2', key = '']) => {
    const issue = found(key);
    if (!('key' in issue)) return issue;
    const { patch, errors } = readJiraFields((req.body as Body | undefined)?.fields ?? {}, v, ctx.flavor);
    if (Object.keys(errors).length > 0) return jiraError(400, [], errors);
    await ctx.update(issue, patch);
    return { status: 204 };
  });

  http.route('DELETE', api(issuePath), async (_req, [, key = '']) => {
    const issue = found(key);
    if (!('key' in issue)) return issue;
    await ctx.remove(issue);
    return { status: 204 };
  });

  http.route('GET', api(`${issuePath}/transitions`), (_req, [, key = '']) => {
    const issue = found(key);
    if (!('key' in issue)) return issue;
    const transitions = JIRA_STATUSES.filter((s) => s.id !== issue.statusId).map((to) => ({
      id: transitionIdFor(to.id),
      name: to.name,
      to,
      hasScreen: false,
      isGlobal: true,
      isInitial: false,
      isAvailable: true,
      isConditional: false,
    }));
    return { status: 200, body: { expand: 'transitions', transitions } };
  });

  http.route('POST', api(`${issuePath}/transitions`), async (req, [, key = '']) => {
    const issue = found(key);
    if (!('key' in issue)) return issue;
    const id = (req.body as Body | undefined)?.transition?.id;
    const to = JIRA_STATUSES.find((s) => transitionIdFor(s.id) === id && s.id !== issue.statusId);
    if (!to) return jiraError(400, [`Transition id '${id}' is not valid for this issue.`]);
    await ctx.update(issue, { statusId: to.id });
    return { status: 204 };
  });

  http.route('GET', api(`${issuePath}/properties/([^/]+)`), (_req, [, key = '', prop = '']) => {
    const issue = found(key);
    if (!('key' in issue)) return issue;
    if (!(prop in issue.properties))
      return jiraError(404, [`The property with key '${prop}' does not exist.`]);
    return { status: 200, body: { key: prop, value: issue.properties[prop] } };
  });

  http.route('PUT', api(`${issuePath}/properties/([^/]+)`), (req, [, key = '', prop = '']) => {
    const issue = found(key);
    if (!('key' in issue)) return issue;
    const existed = prop in issue.properties;
    issue.properties[prop] = req.body;
    return { status: existed ? 200 : 201 };
  });

  const search = (
    jql: string,
    v: string,
    paging: 'token' | 'offset',
    max: number,
    start: number,
  ): FakeResponse => {
    let hits: FakeJiraIssue[];
    try {
      const clauses = parseJql(jql);
      hits = ctx.all().filter((i) => !i.deleted && matchesJql(i, clauses));
    } catch (e) {
      return jiraError(400, [e instanceof Error ? e.message : String(e)]);
    }
    hits.sort((a, b) => Number(b.id) - Number(a.id));
    const issues = hits.slice(start, start + max).map((i) => json(i, v));
    if (paging === 'offset') {
      return {
        status: 200,
        body: { expand: 'schema,names', startAt: start, maxResults: max, total: hits.length, issues },
      };
    }
    const isLast = start + max >= hits.length;
    return { status: 200, body: { issues, isLast, ...(!isLast && { nextPageToken: String(start + max) }) } };
  };
  const num = (value: unknown, fallback: number) =>
    value === undefined || value === null ? fallback : Number(value);

  if (ctx.flavor === 'datacenter') {
    http.route('GET', api('/search'), (req, [v = '2']) =>
      search(
        req.query.get('jql') ?? '',
        v,
        'offset',
        num(req.query.get('maxResults'), 50),
        num(req.query.get('startAt'), 0),
      ),
    );
    return;
  }
  // Cloud retired the offset-paged search; only the token-paged /search/jql answers.
  http.route('GET', api('/search'), () =>
    jiraError(410, [
      'The requested API has been removed. Please use the newer, enhanced search-based API instead.',
    ]),
  );
  http.route('GET', api('/search/jql'), (req, [v = '3']) =>
    search(
      req.query.get('jql') ?? '',
      v,
      'token',
      num(req.query.get('maxResults'), 50),
      num(req.query.get('nextPageToken'), 0),
    ),
  );
  http.route('POST', api('/search/jql'), (req, [v = '3']) => {
    const b = (req.body ?? {}) as { jql?: string; maxResults?: number; nextPageToken?: string };
    return search(b.jql ?? '', v, 'token', b.maxResults ?? 50, num(b.nextPageToken, 0));
  });
}
