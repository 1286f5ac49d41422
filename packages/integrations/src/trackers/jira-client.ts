import { z } from 'zod';
import { JiraHttp, type JiraConnection, type TrackerTransportOptions } from './jira-http.js';
import { TrackerError } from './tracker-error.js';
import {
  assertMarker,
  deletedOrThrow,
  type RenderTemplate,
  type TrackerClient,
  type TrackerIssueInput,
  type TrackerIssueRef,
  type TrackerIssueState,
  type TrackerIssueUpdate,
} from './types.js';

/** Where and how a follow-up becomes a Jira issue (the "export template" of an incident type). */
export interface JiraFieldMapping {
  projectKey: string;
  /** Issue type name, e.g. `Task`. */
  issueType: string;
  /**
   * Field id → template, rendered with the export variables. `summary` / `description` replace the follow-up's
   * title / description; other ids (e.g. `customfield_10042`) must be text fields, since a template renders a string.
   */
  fields?: Record<string, string>;
  /** Status names to move to, when the project's workflow has several in the wanted category. */
  statuses?: { done?: string; open?: string };
}

/** Options of {@link createJiraTracker}. */
export interface JiraTrackerOptions extends TrackerTransportOptions {
  connection: JiraConnection;
  mapping: JiraFieldMapping;
  /** Renders the mapping's templates; without it, templates are used as literal text. */
  render?: RenderTemplate;
}

const created = z.object({ id: z.string(), key: z.string() }).loose();
const found = z.object({ issues: z.array(z.object({ key: z.string() }).loose()) }).loose();
const category = z.object({ key: z.string() }).loose();
const issue = z
  .object({
    key: z.string(),
    fields: z
      .object({
        summary: z.string(),
        status: z.object({ name: z.string(), statusCategory: category }).loose(),
      })
      .loose(),
  })
  .loose();
const transitions = z
  .object({
    transitions: z.array(
      z
        .object({ id: z.string(), to: z.object({ name: z.string(), statusCategory: category }).loose() })
        .loose(),
    ),
  })
  .loose();
const empty = z.unknown();

/** Plain text as an Atlassian Document: blank-line-separated paragraphs, single newlines as hard breaks. */
export function textToAdf(text: string) {
  const paragraphs = text.split(/\n{2,}/).filter((p) => p.trim() !== '');
  return {
    type: 'doc',
    version: 1,
    content: paragraphs.map((p) => ({
      type: 'paragraph',
      content: p
        .split('\n')
        .flatMap((line, i) => [
          ...(i > 0 ? [{ type: 'hardBreak' }] : []),
          ...(line ? [{ type: 'text', text: line }] : []),
        ]),
    })),
  };
}

/** JQL string literal. */
const jqlString = (s: string) => `"${s.replace(/["\\]/g, '\\$&')}"`;

/**
 * A {@link TrackerClient} for one Jira project (Cloud REST v3 or Data Center v2). Idempotency: the issue carries the
 * label `pm-<marker>`, found by JQL before creating. A label rather than an issue entity property, because entity
 * properties are JQL-searchable only when an installed app's descriptor indexes them, which a REST integration
 * cannot declare.
 */
export function createJiraTracker(options: JiraTrackerOptions): TrackerClient {
  const { connection, mapping } = options;
  const http = new JiraHttp(connection, options);
  const render = options.render ?? ((template: string) => template);
  const cloud = connection.flavor === 'cloud';
  const browse = (key: string) => `${connection.baseUrl.replace(/\/+$/, '')}/browse/${key}`;
  const issuePath = (key: string) => `/issue/${encodeURIComponent(key)}`;
  const user = (id: string | null) => (id === null ? null : cloud ? { accountId: id } : { name: id });

  async function findByMarker(label: string): Promise<string | undefined> {
    const jql = `project = ${jqlString(mapping.projectKey)} AND labels = ${jqlString(label)}`;
    const query = new URLSearchParams({ jql, fields: 'summary', maxResults: '1' });
    // Cloud retired the offset-paged /search; Data Center has only that one.
    const result = await http.once('GET', `${cloud ? '/search/jql' : '/search'}?${query}`, found);
    return result.issues[0]?.key;
  }

  async function fieldsFor(input: TrackerIssueInput, label: string): Promise<Record<string, unknown>> {
    const vars = {
      follow_up_title: input.title,
      follow_up_description: input.description,
      follow_up_due_date: input.dueDate ?? '',
      ...input.vars,
    };
    const rendered: Record<string, string> = {};
    for (const [field, template] of Object.entries(mapping.fields ?? {})) {
      rendered[field] = await render(template, vars);
    }
    const { summary = input.title, description = input.description, labels, ...custom } = rendered;
    return {
      ...custom,
      project: { key: mapping.projectKey },
      issuetype: { name: mapping.issueType },
      summary,
      description: cloud ? textToAdf(description) : description,
      // Jira labels cannot contain spaces, so a rendered `labels` template is split on whitespace.
      labels: [...(labels?.split(/\s+/).filter(Boolean) ?? []), label],
      ...(input.assignee && { assignee: user(input.assignee) }),
      ...(input.dueDate && { duedate: input.dueDate }),
    };
  }

  return {
    async createIssue(input: TrackerIssueInput): Promise<TrackerIssueRef & { created: boolean }> {
      assertMarker(input.marker);
      const label = `pm-${input.marker}`;
      const fields = await fieldsFor(input, label);
      // Look up and create form one retry unit: after a lost answer, the next attempt finds the issue it made.
      return http.retry(async () => {
        const existing = await findByMarker(label);
        if (existing) return { key: existing, url: browse(existing), created: false };
        const res = await http.once('POST', '/issue', created, { fields });
        return { key: res.key, url: browse(res.key), created: true };
      });
    },

    async updateIssue(key: string, update: TrackerIssueUpdate): Promise<void> {
      const fields: Record<string, unknown> = {};
      if (update.title !== undefined) fields.summary = update.title;
      if (update.assignee !== undefined) fields.assignee = user(update.assignee);
      if (Object.keys(fields).length === 0) return;
      await http.call('PUT', issuePath(key), empty, { fields });
    },

    async setDone(key: string, done: boolean): Promise<void> {
      await http.retry(async () => {
        const current = await http.once('GET', `${issuePath(key)}?fields=summary,status`, issue);
        if ((current.fields.status.statusCategory.key === 'done') === done) return;
        const { transitions: options } = await http.once('GET', `${issuePath(key)}/transitions`, transitions);
        const wanted = done ? mapping.statuses?.done : mapping.statuses?.open;
        // Reopening prefers a "new" status (To Do) over an "indeterminate" one (In Progress).
        const ranked = wanted
          ? options.filter((t) => t.to.name === wanted)
          : done
            ? options.filter((t) => t.to.statusCategory.key === 'done')
            : [
                ...options.filter((t) => t.to.statusCategory.key === 'new'),
                ...options.filter((t) => t.to.statusCategory.key === 'indeterminate'),
              ];
        const transition = ranked[0];
        if (!transition) {
          const target = wanted ? `status "${wanted}"` : done ? 'a done status' : 'an open status';
          throw new TrackerError('TRACKER_INVALID', {
            target: `POST ${issuePath(key)}/transitions`,
            reason: `${key} has no transition to ${target}`,
          });
        }
        await http.once('POST', `${issuePath(key)}/transitions`, empty, {
          transition: { id: transition.id },
        });
      });
    },

    async getIssue(key: string): Promise<TrackerIssueState> {
      try {
        const res = await http.call('GET', `${issuePath(key)}?fields=summary,status`, issue);
        const done = res.fields.status.statusCategory.key === 'done';
        return { deleted: false, key: res.key, url: browse(res.key), title: res.fields.summary, done };
      } catch (error) {
        return deletedOrThrow(key, error);
      }
    },
  };
}
