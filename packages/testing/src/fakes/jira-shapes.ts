/** Stored state of one issue in the fake Jira. */
export interface FakeJiraIssue {
  id: string;
  key: string;
  projectKey: string;
  issueType: string;
  summary: string;
  /** As written: an ADF document through v3, a plain string through v2. */
  description: unknown;
  statusId: string;
  /** Cloud: accountId; Data Center: user name. */
  assignee: string | null;
  /** `YYYY-MM-DD` or null. */
  duedate: string | null;
  labels: string[];
  /** Issue entity properties by key. */
  properties: Record<string, unknown>;
  /** Other fields written (custom fields), by field id. */
  other: Record<string, unknown>;
  created: string;
  updated: string;
  /** Deleted issues answer 404 like any issue the caller cannot see. */
  deleted: boolean;
}

/** A status with its category, as Jira returns it (`statusCategory.key` is `new`, `indeterminate` or `done`). */
export interface FakeJiraStatus {
  id: string;
  name: string;
  statusCategory: { id: number; key: 'new' | 'indeterminate' | 'done'; colorName: string; name: string };
}

/** The default simplified workflow: To Do → In Progress → Done, every status reachable from every other. */
export const JIRA_STATUSES: FakeJiraStatus[] = [
  {
    id: '10000',
    name: 'To Do',
    statusCategory: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  },
  {
    id: '3',
    name: 'In Progress',
    statusCategory: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  },
  { id: '10001', name: 'Done', statusCategory: { id: 3, key: 'done', colorName: 'green', name: 'Done' } },
];

/** Transition id that leads to a status (one global transition per status). */
export const transitionIdFor = (statusId: string) =>
  String(10 * (JIRA_STATUSES.findIndex((s) => s.id === statusId) + 1) + 1);

/** Jira's error body. */
export function jiraError(status: number, errorMessages: string[], errors: Record<string, string> = {}) {
  return { status, body: { errorMessages, errors } };
}

/** True for a minimal valid Atlassian Document Format document. */
export function isAdf(value: unknown): boolean {
  if (!value || typeof value !== 'object') return false;
  const doc = value as { type?: unknown; version?: unknown; content?: unknown };
  return doc.type === 'doc' && doc.version === 1 && Array.isArray(doc.content);
}

/** Plain text of an ADF document: text nodes joined, blocks separated by a blank line, hard breaks as newlines. */
export function adfToText(value: unknown): string {
  const walk = (node: unknown): string => {
    if (!node || typeof node !== 'object') return '';
    const n = node as { type?: string; text?: string; content?: unknown[] };
    if (n.type === 'text') return n.text ?? '';
    if (n.type === 'hardBreak') return '\n';
    return (n.content ?? []).map(walk).join('');
  };
  const blocks = (value as { content?: unknown[] } | null)?.content ?? [];
  return blocks.map(walk).join('\n\n');
}

/** A one-paragraph ADF document, for reading a v2-written description through v3. */
export function textToAdf(text: string) {
  return {
    type: 'doc',
    version: 1,
    content: [{ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] }],
  };
}

type Clause = { field: string; op: '=' | '!=' | '~'; value: string };

/**
 * Parses the JQL subset the trackers send: `field = value` / `!=` / `~` clauses joined with AND, values bare or
 * double-quoted, fields `project`, `key`, `labels`, `status`, `statusCategory`, `summary` and
 * `issue.property[key].path`; a trailing `ORDER BY …` is ignored. Anything else throws (answered as 400).
 */
export function parseJql(jql: string): Clause[] {
  const where = jql.replace(/\s+order\s+by\s+.*$/i, '').trim();
  if (!where) return [];
  return where.split(/\s+and\s+/i).map((part) => {
    const m = /^\s*([\w.[\]-]+)\s*(=|!=|~)\s*(?:"((?:[^"\\]|\\.)*)"|([\w-]+))\s*$/.exec(part);
    if (!m?.[1] || !m[2]) throw new Error(`Error in the JQL Query: cannot parse '${part}'`);
    return { field: m[1], op: m[2] as Clause['op'], value: (m[3] ?? m[4] ?? '').replace(/\\(.)/g, '$1') };
  });
}

function fieldValues(issue: FakeJiraIssue, field: string): string[] {
  const prop = /^issue\.property\[([\w.-]+)\]\.([\w.]+)$/.exec(field);
  if (prop?.[1] && prop[2]) {
    let v: unknown = issue.properties[prop[1]];
    for (const seg of prop[2].split('.'))
      v = v && typeof v === 'object' ? (v as Record<string, unknown>)[seg] : undefined;
    return v === undefined || v === null ? [] : [String(v)];
  }
  const status = JIRA_STATUSES.find((s) => s.id === issue.statusId);
  switch (field.toLowerCase()) {
    case 'project':
      return [issue.projectKey];
    case 'key':
    case 'issuekey':
      return [issue.key];
    case 'labels':
      return issue.labels;
    case 'status':
      return status ? [status.name, status.id] : [];
    case 'statuscategory':
      return status ? [status.statusCategory.key, status.statusCategory.name] : [];
    case 'summary':
      return [issue.summary];
    default:
      throw new Error(`Field '${field}' does not exist or you do not have permission to view it.`);
  }
}

/** Whether an issue satisfies every parsed clause (text comparisons are case-insensitive, as in Jira). */
export function matchesJql(issue: FakeJiraIssue, clauses: Clause[]): boolean {
  return clauses.every(({ field, op, value }) => {
    const values = fieldValues(issue, field).map((v) => v.toLowerCase());
    const wanted = value.toLowerCase();
    if (op === '~') return values.some((v) => v.includes(wanted));
    const hit = values.includes(wanted);
    return op === '=' ? hit : !hit;
  });
}
