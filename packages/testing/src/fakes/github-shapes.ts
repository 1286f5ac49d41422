/** Stored state of one issue in the fake GitHub. */
export interface FakeGitHubIssue {
  /** `owner/repo`. */
  repo: string;
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  state_reason: 'completed' | 'not_planned' | 'reopened' | null;
  labels: string[];
  assignees: string[];
  /** Login of whoever created it. */
  author: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  /** Deleted issues answer 410 Gone and vanish from lists and search. */
  deleted: boolean;
}

const DOCS = 'https://docs.github.com/rest';

/** GitHub's error body: `{ message, documentation_url, status }` (status as a string, as GitHub sends it). */
export function ghError(status: number, message: string, extra: Record<string, unknown> = {}) {
  return { status, body: { message, documentation_url: DOCS, status: String(status), ...extra } };
}

/** A user object as GitHub embeds it in issues and webhooks. */
export function ghUser(base: string, login: string) {
  const id = [...login].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 1_000_000, 7);
  return {
    login,
    id,
    node_id: `U_${id}`,
    avatar_url: `${base}/avatars/${login}`,
    html_url: `${base}/${login}`,
    url: `${base}/users/${login}`,
    type: 'User',
    site_admin: false,
  };
}

/** The repository object of webhook payloads. */
export function ghRepository(base: string, fullName: string, id: number) {
  const [owner = '', name = ''] = fullName.split('/');
  return {
    id,
    node_id: `R_${id}`,
    name,
    full_name: fullName,
    private: false,
    owner: ghUser(base, owner),
    html_url: `${base}/${fullName}`,
    url: `${base}/repos/${fullName}`,
  };
}

/** An issue in the REST response shape (the fields clients read, with their real names and types). */
export function ghIssue(base: string, issue: FakeGitHubIssue) {
  const api = `${base}/repos/${issue.repo}/issues/${issue.number}`;
  return {
    url: api,
    repository_url: `${base}/repos/${issue.repo}`,
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: `${base}/${issue.repo}/issues/${issue.number}`,
    id: issue.id,
    node_id: `I_${issue.id}`,
    number: issue.number,
    title: issue.title,
    user: ghUser(base, issue.author),
    labels: issue.labels.map((name, i) => ({
      id: issue.id * 100 + i,
      node_id: `LA_${issue.id}_${i}`,
      url: `${base}/repos/${issue.repo}/labels/${encodeURIComponent(name)}`,
      name,
      color: 'ededed',
      default: false,
      description: null,
    })),
    state: issue.state,
    state_reason: issue.state_reason,
    locked: false,
    assignee: issue.assignees[0] ? ghUser(base, issue.assignees[0]) : null,
    assignees: issue.assignees.map((login) => ghUser(base, login)),
    milestone: null,
    comments: 0,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.closed_at,
    author_association: 'OWNER',
    body: issue.body,
  };
}

/**
 * The subset of GitHub's issue search syntax the trackers use: free terms (quoted phrases allowed) matched
 * case-insensitively in title and body (narrowed by `in:title` / `in:body`), plus `repo:`, `is:`/`type:`,
 * `state:` and `label:` qualifiers.
 */
export function matchesSearch(issue: FakeGitHubIssue, q: string): boolean {
  const tokens = q.match(/(?:[^\s"]+:)?"[^"]*"|\S+/g) ?? [];
  const terms: string[] = [];
  const fields = new Set<'title' | 'body'>();
  for (const token of tokens) {
    const m = /^([a-z]+):(.*)$/.exec(token);
    const value = (m ? m[2] : token)?.replace(/^"|"$/g, '') ?? '';
    const qualifier: string = m?.[1] ?? '';
    switch (qualifier) {
      case 'repo':
        if (issue.repo.toLowerCase() !== value.toLowerCase()) return false;
        break;
      case 'is':
      case 'type':
        if (value === 'pr' || value === 'pull-request') return false;
        if ((value === 'open' || value === 'closed') && issue.state !== value) return false;
        break;
      case 'state':
        if (issue.state !== value) return false;
        break;
      case 'label':
        if (!issue.labels.includes(value)) return false;
        break;
      case 'in':
        for (const f of value.split(',')) if (f === 'title' || f === 'body') fields.add(f);
        break;
      default:
        terms.push(value.toLowerCase());
    }
  }
  const where = fields.size > 0 ? [...fields] : (['title', 'body'] as const);
  const haystack = where.map((f) => (issue[f] ?? '').toLowerCase()).join('\n');
  return terms.every((t) => haystack.includes(t));
}
