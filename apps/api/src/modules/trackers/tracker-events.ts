import type { WebhookHeaders, WebhookProvider } from '@pm/auth';
import { z } from 'zod';

/** What a verified tracker webhook means for the linked follow-up. */
export interface TrackerEvent {
  /** The issue key as stored on the follow-up: `owner/repo#12` (GitHub) or `OPS-12` (Jira). */
  key: string;
  change: 'done' | 'open' | 'deleted';
}

const githubIssues = z.object({
  action: z.string(),
  issue: z.object({ number: z.number().int() }).loose(),
  repository: z.object({ full_name: z.string() }).loose(),
});

const jiraEvent = z.object({
  webhookEvent: z.string(),
  issue: z
    .object({
      key: z.string(),
      fields: z
        .object({ status: z.object({ statusCategory: z.object({ key: z.string() }).loose() }).loose() })
        .loose()
        .optional(),
    })
    .loose(),
  changelog: z.object({ items: z.array(z.object({ field: z.string() }).loose()) }).optional(),
});

const GITHUB_ACTIONS: Record<string, TrackerEvent['change']> = {
  closed: 'done',
  reopened: 'open',
  deleted: 'deleted',
};

function headerValue(headers: WebhookHeaders, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return typeof value === 'string' ? value : value?.[0];
  }
  return undefined;
}

/**
 * Reads a verified delivery. Returns null for everything that does not move a follow-up (other events, edits that
 * do not touch the status, bodies we cannot read): the caller answers those like an unknown issue.
 */
export function readTrackerEvent(
  provider: WebhookProvider,
  headers: WebhookHeaders,
  rawBody: Buffer,
): TrackerEvent | null {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return null;
  }
  if (provider === 'github') {
    if (headerValue(headers, 'x-github-event') !== 'issues') return null;
    const parsed = githubIssues.safeParse(body);
    const change = parsed.success ? GITHUB_ACTIONS[parsed.data.action] : undefined;
    if (!parsed.success || !change) return null;
    return { key: `${parsed.data.repository.full_name}#${parsed.data.issue.number}`, change };
  }
  const parsed = jiraEvent.safeParse(body);
  if (!parsed.success) return null;
  const { webhookEvent, issue, changelog } = parsed.data;
  if (webhookEvent === 'jira:issue_deleted') return { key: issue.key, change: 'deleted' };
  if (webhookEvent !== 'jira:issue_updated') return null;
  if (!changelog?.items.some((i) => i.field === 'status') || !issue.fields) return null;
  // Done is a category, not a status name: every workflow's "Closed", "Resolved", "Won't do" land in `done`.
  return { key: issue.key, change: issue.fields.status.statusCategory.key === 'done' ? 'done' : 'open' };
}
