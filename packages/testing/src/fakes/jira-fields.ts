import { JIRA_STATUSES, adfToText, isAdf, textToAdf, type FakeJiraIssue } from './jira-shapes.js';

/** Cloud identifies users by accountId, Data Center by user name. */
export type JiraFlavor = 'cloud' | 'datacenter';

/** A user object in Jira's shape for the flavor. */
export function jiraUser(flavor: JiraFlavor, id: string | null) {
  if (!id) return null;
  return flavor === 'cloud'
    ? { accountId: id, displayName: id, active: true, accountType: 'atlassian' }
    : { name: id, key: id, displayName: id, active: true };
}

/** The REST representation of an issue for API version `v` (descriptions: ADF in v3, plain text in v2). */
export function jiraIssueJson(
  issue: FakeJiraIssue,
  ctx: { base: string; v: string; flavor: JiraFlavor; issueTypes: string[] },
) {
  const { base, v } = ctx;
  const status = JIRA_STATUSES.find((s) => s.id === issue.statusId);
  const text = typeof issue.description === 'string' ? issue.description : adfToText(issue.description);
  let description: unknown = text;
  if (issue.description === null) description = null;
  else if (v === '3') description = isAdf(issue.description) ? issue.description : textToAdf(text);
  return {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: issue.id,
    self: `${base}/rest/api/${v}/issue/${issue.id}`,
    key: issue.key,
    fields: {
      ...issue.other,
      summary: issue.summary,
      description,
      status: status && { ...status, self: `${base}/rest/api/${v}/status/${status.id}` },
      assignee: jiraUser(ctx.flavor, issue.assignee),
      duedate: issue.duedate,
      labels: issue.labels,
      issuetype: { id: String(10_001 + ctx.issueTypes.indexOf(issue.issueType)), name: issue.issueType },
      project: { id: '10000', key: issue.projectKey, name: issue.projectKey },
      resolution: status?.statusCategory.key === 'done' ? { id: '10000', name: 'Done' } : null,
      created: issue.created,
      updated: issue.updated,
    },
  };
}

/** The `changelog.items` a change produces, as Jira puts them in `jira:issue_updated`. */
export function changelogItems(
  issue: FakeJiraIssue,
  patch: Partial<FakeJiraIssue>,
): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  const item = (field: string, from: unknown, fromString: unknown, to: unknown, toString: unknown) =>
    items.push({ field, fieldtype: 'jira', fieldId: field, from, fromString, to, toString });
  if (patch.statusId !== undefined && patch.statusId !== issue.statusId) {
    const from = JIRA_STATUSES.find((s) => s.id === issue.statusId);
    const to = JIRA_STATUSES.find((s) => s.id === patch.statusId);
    item('status', from?.id, from?.name, to?.id, to?.name);
  }
  if (patch.summary !== undefined && patch.summary !== issue.summary) {
    item('summary', null, issue.summary, null, patch.summary);
  }
  if (patch.assignee !== undefined && patch.assignee !== issue.assignee) {
    item('assignee', issue.assignee, issue.assignee, patch.assignee, patch.assignee);
  }
  return items;
}

const ADF_REQUIRED = 'Operation value must be an Atlassian Document (see the Atlassian Document Format)';

/**
 * Validates the writable fields of a create / edit body for API version `v`, as Jira does: v3 wants an ADF
 * description and v2 a string; Cloud assigns by `accountId`, Data Center by `name`; unknown fields are refused.
 */
export function readJiraFields(
  fields: Record<string, unknown>,
  v: string,
  flavor: JiraFlavor,
): { patch: Partial<FakeJiraIssue>; errors: Record<string, string> } {
  const patch: Partial<FakeJiraIssue> = {};
  const errors: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (name === 'project' || name === 'issuetype') continue;
    if (name === 'summary') {
      if (typeof value === 'string' && value.trim()) patch.summary = value;
      else errors.summary = 'You must specify a summary of the issue.';
    } else if (name === 'description') {
      if (value === null || (v === '3' ? isAdf(value) : typeof value === 'string')) patch.description = value;
      else errors.description = v === '3' ? ADF_REQUIRED : 'Operation value must be a string';
    } else if (name === 'assignee') {
      const a = value as { accountId?: string; name?: string } | null;
      patch.assignee = (flavor === 'cloud' ? a?.accountId : a?.name) ?? null;
    } else if (name === 'duedate') {
      if (value === null || (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value))) {
        patch.duedate = value;
      } else errors.duedate = `Error parsing date string: ${String(value)}`;
    } else if (name === 'labels') {
      if (Array.isArray(value) && value.every((l) => typeof l === 'string' && !/\s/.test(l))) {
        patch.labels = value;
      } else errors.labels = 'The label must not contain spaces.';
    } else if (/^customfield_\d+$/.test(name)) {
      patch.other = { ...patch.other, [name]: value };
    } else {
      errors[name] = `Field '${name}' cannot be set. It is not on the appropriate screen, or unknown.`;
    }
  }
  return { patch, errors };
}
